import fs from 'fs';
import path from 'path';
import { SETTINGS, functionSettings, renderSettingsTable } from '../shared/src/config/settings';
import { functionNames } from './build-functions';
import { README, tableIn } from './settings-table';

const ROOT = path.resolve(__dirname, '..');

/** `SGZ_*` names in the TypeScript sources under `dir` (tests excluded). */
function settingNamesIn(dir: string): Set<string> {
  const out = new Set<string>();
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'node_modules') walk(p);
      } else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')) {
        for (const m of fs.readFileSync(p, 'utf8').matchAll(/\bSGZ_[A-Z0-9_]+\b/g)) out.add(m[0]);
      }
    }
  };
  walk(dir);
  return out;
}

/** Read by the emulator / tests only (never in a real environment). */
const LOCAL_ONLY = new Set(['SGZ_PERMISSION_FLIP']);

describe('deployment settings (issue 16, item 4)', () => {
  it('the README table is the generated one (npx tsx scripts/settings-table.ts --write)', () => {
    expect(tableIn(fs.readFileSync(README, 'utf8'))).toBe(renderSettingsTable());
  });

  it('lists every SGZ_ variable a function (or _lib, read by all) reads, for that function', () => {
    const all = new Set(functionSettings('*').map((s) => s.name));
    for (const name of settingNamesIn(path.join(ROOT, 'cloudfunctions', '_lib'))) {
      if (!LOCAL_ONLY.has(name))
        expect({ name, declaredForAll: all.has(name) }).toEqual({ name, declaredForAll: true });
    }
    for (const fn of functionNames()) {
      const declared = new Set(functionSettings(fn).map((s) => s.name));
      for (const name of settingNamesIn(path.join(ROOT, 'cloudfunctions', fn, 'src'))) {
        if (!LOCAL_ONLY.has(name))
          expect({ fn, name, declared: declared.has(name) }).toEqual({ fn, name, declared: true });
      }
    }
  });

  it('names each setting once, with a meaning', () => {
    expect(new Set(SETTINGS.map((s) => s.name)).size).toBe(SETTINGS.length);
    for (const s of SETTINGS) expect(s.meaning.length).toBeGreaterThan(10);
  });
});
