import fs from 'fs';
import os from 'os';
import path from 'path';
import {
  formatTable,
  MAIN_BUDGET,
  mainFilesWith,
  measure,
  overBudget,
  SUBPACKAGE_BUDGET,
  ZOD_MARK,
} from './check-weapp-size';

let dir: string;

/** Writes `bytes` bytes at `rel` under the fixture folder. */
const put = (rel: string, bytes: number) => {
  fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
  fs.writeFileSync(path.join(dir, rel), 'x'.repeat(bytes));
};

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weapp-size-'));
  const appJson = JSON.stringify({
    pages: ['pages/index/index'],
    subPackages: [
      { root: 'subpackages/worker', pages: ['index/index'] },
      { root: 'subpackages/work/', pages: ['index/index'] },
    ],
  });
  fs.writeFileSync(path.join(dir, 'app.json'), appJson);
  put('app.js', 100);
  put('pages/index/index.js', 20);
  // Not under a root: a sibling whose name only starts like one belongs to the main package.
  put('subpackages/workers-note.txt', 3);
  put('subpackages/worker/index/index.js', 7);
  put('subpackages/worker/sub-vendors.js', 5);
  put('subpackages/work/index/index.js', 11);
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

it('sums the main package (app.json included) and each subpackage by its root', () => {
  const appJsonBytes = fs.statSync(path.join(dir, 'app.json')).size;
  expect(measure(dir)).toEqual([
    { name: 'main', bytes: appJsonBytes + 100 + 20 + 3, files: 4, budget: MAIN_BUDGET },
    { name: 'subpackages/worker', bytes: 12, files: 2, budget: SUBPACKAGE_BUDGET },
    { name: 'subpackages/work', bytes: 11, files: 1, budget: SUBPACKAGE_BUDGET },
  ]);
});

it('flags a package over its budget, and prints it', () => {
  const sizes = measure(dir);
  expect(overBudget(sizes)).toEqual([]);
  const over = sizes.map((s) => (s.name === 'subpackages/work' ? { ...s, bytes: SUBPACKAGE_BUDGET + 1 } : s));
  expect(overBudget(over).map((s) => s.name)).toEqual(['subpackages/work']);
  expect(formatTable(over)).toMatch(/subpackages\/work\s+1\s+512,001\s+512,000\s+OVER/);
});

it('finds zod in a main-package script only', () => {
  fs.writeFileSync(path.join(dir, 'subpackages/worker/sub-vendors.js'), `class e{name=${ZOD_MARK}}`);
  expect(mainFilesWith(dir)).toEqual([]);
  fs.writeFileSync(path.join(dir, 'vendors.js'), `x.name=${ZOD_MARK}`);
  expect(mainFilesWith(dir)).toEqual(['vendors.js']);
});
