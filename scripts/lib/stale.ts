import fs from 'fs';
import path from 'path';

/** Newest modification time (ms) of any file under the given paths, skipping node_modules and dist. */
export function newestMtime(paths: string[]): number {
  let newest = 0;
  const walk = (p: string): void => {
    let st: fs.Stats;
    try {
      st = fs.statSync(p);
    } catch {
      return;
    }
    if (st.isDirectory()) {
      const base = path.basename(p);
      if (base === 'node_modules' || base === 'dist' || base === '.cache') return;
      for (const e of fs.readdirSync(p)) walk(path.join(p, e));
    } else if (st.mtimeMs > newest) {
      newest = st.mtimeMs;
    }
  };
  paths.forEach(walk);
  return newest;
}

/** True when `stampFile` is missing or older than any input. */
export function isStale(stampFile: string, inputs: string[]): boolean {
  let stamp: number;
  try {
    stamp = fs.statSync(stampFile).mtimeMs;
  } catch {
    return true;
  }
  return newestMtime(inputs) > stamp;
}

/** Records a successful build. */
export function touchStamp(stampFile: string): void {
  fs.mkdirSync(path.dirname(stampFile), { recursive: true });
  fs.writeFileSync(stampFile, new Date().toISOString() + '\n');
}
