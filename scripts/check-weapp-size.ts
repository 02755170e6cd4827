/**
 * Size check of the built mini-program (`client/dist/weapp`): sums the bytes of the
 * main package (every file not under a subpackage root of `app.json`) and of each
 * subpackage, prints a table, and exits 1 when the main package passes its budget,
 * a subpackage passes the per-subpackage budget we keep, or the validation library
 * (zod, ~60 KB) is in the main package: only subpackage pages import the schemas.
 *
 * Usage: tsx scripts/check-weapp-size.ts [distDir]   (after `npm run build:weapp`)
 */
import fs from 'fs';
import path from 'path';

/** Budget of the main package (主包): 455 KB (×1000), well under WeChat's 2 MiB. */
export const MAIN_BUDGET = 455_000;
/** Budget of each subpackage (分包): 500 KiB. */
export const SUBPACKAGE_BUDGET = 512_000;

/** A string every build of zod 3 carries (`ZodError#name`), minified or not. */
export const ZOD_MARK = '"ZodError"';

/** Bytes of one package. */
export interface PackageSize {
  /** `main`, or the subpackage root (e.g. `subpackages/worker`). */
  name: string;
  bytes: number;
  files: number;
  budget: number;
}

/** Every file below `dir`, as paths relative to it with `/` separators. */
function listFiles(dir: string, prefix = ''): { rel: string; bytes: number }[] {
  const out: { rel: string; bytes: number }[] = [];
  for (const entry of fs.readdirSync(path.join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...listFiles(dir, rel));
    else if (entry.isFile()) out.push({ rel, bytes: fs.statSync(path.join(dir, rel)).size });
  }
  return out;
}

/** The subpackage roots of `app.json` (`subPackages`, or the older `subpackages`). */
export function subpackageRoots(appJson: unknown): string[] {
  const json = appJson as { subPackages?: { root: string }[]; subpackages?: { root: string }[] };
  const list = json.subPackages ?? json.subpackages ?? [];
  return list.map((s) => s.root.replace(/^\/+|\/+$/g, ''));
}

/** Which package (index into {@link measure}'s list: 0 = main) a file belongs to. */
const packageOf = (rel: string, roots: string[]): number =>
  roots.findIndex((root) => rel.startsWith(`${root}/`)) + 1;

const readRoots = (distDir: string): string[] =>
  subpackageRoots(JSON.parse(fs.readFileSync(path.join(distDir, 'app.json'), 'utf8')) as unknown);

/** Sums the main package and each subpackage of a built weapp folder (reads its `app.json`). */
export function measure(distDir: string): PackageSize[] {
  const roots = readRoots(distDir);
  const sizes: PackageSize[] = [
    { name: 'main', bytes: 0, files: 0, budget: MAIN_BUDGET },
    ...roots.map((name) => ({ name, bytes: 0, files: 0, budget: SUBPACKAGE_BUDGET })),
  ];
  for (const file of listFiles(distDir)) {
    const target = sizes[packageOf(file.rel, roots)]!;
    target.bytes += file.bytes;
    target.files += 1;
  }
  return sizes;
}

/** Main-package scripts that contain `mark` (by default: zod). */
export function mainFilesWith(distDir: string, mark = ZOD_MARK): string[] {
  const roots = readRoots(distDir);
  return listFiles(distDir)
    .filter((f) => f.rel.endsWith('.js') && packageOf(f.rel, roots) === 0)
    .filter((f) => fs.readFileSync(path.join(distDir, f.rel), 'utf8').includes(mark))
    .map((f) => f.rel);
}

/** The packages over their budget. */
export const overBudget = (sizes: PackageSize[]): PackageSize[] => sizes.filter((s) => s.bytes > s.budget);

/** A plain-text table of the figures. */
export function formatTable(sizes: PackageSize[]): string {
  const rows = sizes.map((s) => [
    s.name,
    String(s.files),
    s.bytes.toLocaleString('en-US'),
    s.budget.toLocaleString('en-US'),
    s.bytes > s.budget ? 'OVER' : 'ok',
  ]);
  const head = ['package', 'files', 'bytes', 'budget', ''];
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (r: string[]) =>
    r
      .map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!)))
      .join('  ')
      .trimEnd();
  return [line(head), ...rows.map(line)].join('\n');
}

function main(): void {
  const distDir = path.resolve(process.argv[2] ?? path.join(__dirname, '..', 'client', 'dist', 'weapp'));
  if (!fs.existsSync(path.join(distDir, 'app.json'))) {
    console.error(`没有找到 ${distDir}/app.json：请先运行 npm run build:weapp`);
    process.exit(1);
  }
  const sizes = measure(distDir);
  console.log(formatTable(sizes));
  const over = overBudget(sizes);
  for (const s of over)
    console.error(`${s.name} is ${s.bytes - s.budget} bytes over its budget of ${s.budget} bytes`);
  const zod = mainFilesWith(distDir);
  if (zod.length > 0)
    console.error(
      `zod is in the main package (${zod.join(', ')}): a main-package page or a module it imports ` +
        'uses a schema (a value, not a type) from @sgz/shared; keep schemas to subpackage pages',
    );
  if (over.length > 0 || zod.length > 0) process.exit(1);
}

if (require.main === module) main();
