import fs from 'fs';
import path from 'path';
import { PERMISSIONS } from '../../shared/src/auth/permissions';

/**
 * Every action a deployed function answers has a row in the permission table,
 * under the key the pipeline will authorize it with, and every row is served
 * by some function. (Deny by default would refuse a missing row anyway; this
 * says which row to add instead of leaving a broken action, and finds rows
 * that nothing serves, which no test could exercise.)
 *
 * Each function's real `src/index.ts` is loaded with `createHandler`
 * replaced by a recorder, so routing inside `main` (the requests function
 * sends `listSlots` to a handler named `slots`) is checked as it ships, not
 * by reading the source text.
 */

interface Registered {
  name: string;
  actions: string[];
}
const registered: Registered[] = [];

jest.mock('./handler', () => ({
  createHandler: (name: string, actions: Record<string, unknown>) => {
    registered.push({ name, actions: Object.keys(actions) });
    // What the real pipeline would authorize: `<name>.<action>`, or nothing for an unknown action.
    return async (event: { action?: string }) =>
      typeof event.action === 'string' && Object.prototype.hasOwnProperty.call(actions, event.action)
        ? { ok: true, data: `${name}.${event.action}` }
        : { ok: false, error: { code: 'invalid-argument', message: 'unknown' } };
  },
  defineAction: <T>(a: T) => a,
}));

type Main = (event: unknown) => Promise<{ ok: boolean; data?: unknown }>;

const root = path.resolve(__dirname, '..');
const functions = fs
  .readdirSync(root)
  .filter((fn) => !fn.startsWith('_') && fs.existsSync(path.join(root, fn, 'src', 'index.ts')));

/** Function name → (action as sent in the event → permission key it is authorized with). */
const served = new Map<string, Map<string, string>>();

beforeAll(async () => {
  for (const fn of functions) {
    registered.length = 0;
    let main: Main | undefined;
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded under the mock, per function
      main = (require(path.join(root, fn, 'src', 'index.ts')) as { main: Main }).main;
    });
    const keys = new Map<string, string>();
    for (const action of registered.flatMap((r) => r.actions)) {
      const res = await main!({ action });
      keys.set(action, res.ok ? String(res.data) : '(not routed)');
    }
    served.set(fn, keys);
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
