import fs from 'fs';
import path from 'path';
import { PERMISSIONS } from '../../shared/src/auth/permissions';

/**
 * Every action a deployed function answers has a row in the permission table,
 * under the key its contract entry declares (the key the pipeline authorizes
 * it with), and every row is served by some function. (Deny by default would
 * refuse a missing row anyway; this says which row to add instead of leaving
 * a broken action, and finds rows that nothing serves, which no test could
 * exercise.)
 *
 * Each function's real `src/index.ts` is loaded with `createHandler`
 * replaced by a recorder, so the contract and handlers it wires are checked
 * as they ship, not by reading the source text.
 */

interface Registered {
  name: string;
  /** Action as sent in the event → the permission row its contract entry declares. */
  keys: Map<string, string>;
  handlers: string[];
}
const registered: Registered[] = [];

jest.mock('./handler', () => ({
  createHandler: (
    contract: { name: string; actions: Record<string, { permission: string }> },
    handlers: Record<string, unknown>,
  ) => {
    registered.push({
      name: contract.name,
      keys: new Map(Object.entries(contract.actions).map(([a, c]) => [a, c.permission])),
      handlers: Object.keys(handlers),
    });
    return async () => ({ ok: true });
  },
  defineAction: <T>(a: T) => a,
}));

const root = path.resolve(__dirname, '..');
const functions = fs
  .readdirSync(root)
  .filter((fn) => !fn.startsWith('_') && fs.existsSync(path.join(root, fn, 'src', 'index.ts')));

/** Function folder → (action as sent in the event → permission key it is authorized with). */
const served = new Map<string, Map<string, string>>();

beforeAll(() => {
  for (const fn of functions) {
    registered.length = 0;
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded under the mock, per function
      require(path.join(root, fn, 'src', 'index.ts'));
    });
    expect(registered).toHaveLength(1);
    const [r] = registered;
    // The deployed folder name is the contract's name (the client calls it by that name).
    expect(r!.name).toBe(fn);
    expect([...r!.keys.keys()].sort()).toEqual([...r!.handlers].sort());
    served.set(fn, r!.keys);
  }
}, 30_000);

describe('permission table rows', () => {
  it('loads every function and finds its actions', () => {
    expect(functions).toEqual(expect.arrayContaining(['accounts', 'requests', 'stations']));
    expect(served.get('stations')?.get('listStations')).toBe('stations.listStations');
    expect(served.get('requests')?.get('listSlots')).toBe('slots.listSlots');
    expect(served.get('requests')?.get('upsertServiceItem')).toBe('serviceItems.upsertServiceItem');
  });

  it('has a row for every action every function answers, under the key it is authorized with', () => {
    const missing: string[] = [];
    for (const [fn, keys] of served) {
      for (const [action, key] of keys) {
        if (!Object.prototype.hasOwnProperty.call(PERMISSIONS, key)) missing.push(`${fn}:${action} → ${key}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('serves every row of the table (no row without an action)', () => {
    const keys = new Set([...served.values()].flatMap((m) => [...m.values()]));
    expect(Object.keys(PERMISSIONS).filter((k) => !keys.has(k))).toEqual([]);
  });
});
