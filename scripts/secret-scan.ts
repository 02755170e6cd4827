/**
 * Secret scan of the git-tracked tree (issue 16: nothing in the repository
 * holds a secret). Run by the unit tier (scripts/secret-scan.test.ts) and by
 * hand: `npx tsx scripts/secret-scan.ts`.
 *
 * Finds:
 * - PEM private keys (a `-----BEGIN … PRIVATE KEY-----` line followed by key
 *   material; a mention of the header in prose is not one);
 * - Tencent Cloud API keys: SecretId (`AKID` + 32 or more letters/digits) and a
 *   32-character SecretKey assigned to a secret-looking name;
 * - mini-program code-upload keys by file name (`private.<appid>.key`, `*.pem`, `*.key`);
 * - `.env*` files with a value for anything but a non-secret setting of
 *   shared/src/config/settings.ts.
 * Allow-listed: only obviously fake values (containing EXAMPLE, FAKE, DUMMY,
 * not-a-real, placeholder).
 */
import { execFileSync } from 'child_process';
import fs from 'fs';
import path from 'path';
import { SETTINGS } from '../shared/src/config/settings';

export const ROOT = path.resolve(__dirname, '..');

/** One finding: where, and what kind (never the value itself). */
export interface Finding {
  file: string;
  line: number;
  kind: string;
}

const FAKE = /example|fake|dummy|not-a-real|placeholder/i;
const PEM_HEADER = /-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY-----/;
const PEM_BODY = /^[A-Za-z0-9+/=]{40,}$/;
const SECRET_ID = /\bAKID[0-9A-Za-z]{32,}\b/g;
const SECRET_KEY = /(secret_?key|secretkey|SECRETKEY|SecretKey)["']?\s*[:=]\s*["']([0-9A-Za-z]{32})["']/gi;
const KEY_FILE = /(^|\/)(private\.[^/]*\.key|[^/]*\.pem|[^/]*\.key|[^/]*\.p12|[^/]*\.pfx)$/i;
const ENV_FILE = /(^|\/)\.env(\.[^/]*)?$/;
/** Settings a committed .env file may hold a value for (not secret). */
const PUBLIC_SETTINGS = new Set(SETTINGS.filter((s) => !s.secret).map((s) => s.name));

/** Scans one file's text. `file` is the repository-relative path. */
export function scanText(file: string, text: string): Finding[] {
  const out: Finding[] = [];
  if (KEY_FILE.test(file))
    out.push({ file, line: 1, kind: 'key file (private key, certificate or upload key)' });
  const lines = text.split('\n');
  lines.forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    if (
      PEM_HEADER.test(line) &&
      PEM_BODY.test((lines[i + 1] ?? '').trim()) &&
      !FAKE.test(lines[i + 1] ?? '')
    ) {
      out.push({ file, line: i + 1, kind: 'PEM private key' });
    }
    for (const m of line.matchAll(SECRET_ID)) {
      if (!FAKE.test(m[0])) out.push({ file, line: i + 1, kind: 'Tencent Cloud SecretId (AKID…)' });
    }
    for (const m of line.matchAll(SECRET_KEY)) {
      if (!FAKE.test(m[2]!)) out.push({ file, line: i + 1, kind: 'Tencent Cloud SecretKey' });
    }
    if (ENV_FILE.test(file)) {
      const kv = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
      const value = kv?.[2]?.trim().replace(/^["']|["']$/g, '') ?? '';
      if (kv && value !== '' && !value.startsWith('#') && !PUBLIC_SETTINGS.has(kv[1]!) && !FAKE.test(value)) {
        out.push({ file, line: i + 1, kind: `.env value for ${kv[1]}` });
      }
    }
  });
  return out;
}

/** Files tracked by git (the tree as committed, plus staged changes). */
export function trackedFiles(root: string = ROOT): string[] {
  return execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
    .split('\0')
    .filter(Boolean);
}

/** Scans every tracked file (binary files and files over 5 MB only by name). */
export function scanTree(root: string = ROOT): Finding[] {
  const out: Finding[] = [];
  for (const file of trackedFiles(root)) {
    const abs = path.join(root, file);
    if (!fs.existsSync(abs)) continue; // deleted in the working tree
    const size = fs.statSync(abs).size;
    const buf = size <= 5 * 1024 * 1024 ? fs.readFileSync(abs) : Buffer.alloc(0);
    const text = buf.includes(0) ? '' : buf.toString('utf8');
    out.push(...scanText(file, text));
  }
  return out;
}

if (require.main === module) {
  const findings = scanTree();
  for (const f of findings) console.log(`${f.file}:${f.line}: ${f.kind}`);
  console.log(findings.length ? `${findings.length} finding(s)` : 'no secrets found');
  process.exit(findings.length ? 1 : 0);
}
