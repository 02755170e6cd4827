import fs from 'fs';
import path from 'path';
import { PERMISSIONS } from '../../../shared/src/auth/permissions';

/**
 * Every action wired into any function by `createHandler('<fn>', { … })` has
 * a row in the permission table. (Deny by default would refuse a missing one
 * anyway; this says which row to add instead of leaving a broken action.)
 */
describe('permission table rows', () => {
  const root = path.resolve(__dirname, '../..');
  const wired: string[] = [];
  for (const fn of fs.readdirSync(root)) {
    const index = path.join(root, fn, 'src', 'index.ts');
    if (fn.startsWith('_') || !fs.existsSync(index)) continue;
    const text = fs.readFileSync(index, 'utf8');
    for (const m of text.matchAll(/createHandler\(\s*'([A-Za-z]+)',\s*\{([^}]*)\}/g)) {
      for (const name of (m[2] ?? '').split(',').map((s) => s.trim().split(':')[0]?.trim())) {
        if (name) wired.push(`${m[1]}.${name}`);
      }
    }
  }

  it('finds the wired actions', () => {
    expect(wired).toEqual(expect.arrayContaining(['accounts.whoAmI', 'stations.listStations']));
  });

  it('has a row for every wired action', () => {
    expect(wired.filter((k) => !Object.prototype.hasOwnProperty.call(PERMISSIONS, k))).toEqual([]);
  });
});
