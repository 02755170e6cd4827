import fs from 'fs';
import path from 'path';
import { audit, callerHash, DEV_AUDIT_SALT, devConstant } from './audit';
import type { DB } from './db';

/** A db double that records `add` calls (audit is the only writer of audit_log). */
function fakeDb(fail = false) {
  const added: { collection: string; data: Record<string, unknown> }[] = [];
  const db = {
    serverDate: () => ({ $serverDate: true }),
    collection: (collection: string) => ({
      add: async ({ data }: { data: Record<string, unknown> }) => {
        if (fail) throw new Error('boom 13812341234');
        added.push({ collection, data });
        return { _id: 'x' };
      },
    }),
  } as unknown as DB;
  return { db, added };
}

describe('audit', () => {
  afterEach(() => {
    delete process.env.SGZ_AUDIT_SALT;
  });

  it('stores a salted hash of the OPENID, never the OPENID', async () => {
    const { db, added } = fakeDb();
    await audit(db, {
      openid: 'oABC123',
      role: 'resident',
      stationId: null,
      action: 'accounts.whoAmI',
      targetId: 'u-1',
      outcome: 'ok',
      requestId: 'r1',
    });
    expect(added).toHaveLength(1);
    expect(added[0]?.collection).toBe('audit_log');
    const entry = added[0]?.data ?? {};
    expect(JSON.stringify(entry)).not.toContain('oABC123');
    expect(entry.callerHash).toBe(callerHash('oABC123'));
    expect(Object.keys(entry).sort()).toEqual([
      'action',
      'at',
      'callerHash',
      'outcome',
      'requestId',
      'role',
      'stationId',
      'targetId',
    ]);
  });

  it('uses SGZ_AUDIT_SALT when set (the dev salt otherwise)', () => {
    const dev = callerHash('o1');
    process.env.SGZ_AUDIT_SALT = 'prod-secret';
    expect(callerHash('o1')).not.toBe(dev);
    delete process.env.SGZ_AUDIT_SALT;
    expect(callerHash('o1')).toBe(dev);
    expect(DEV_AUDIT_SALT).toMatch(/not-for-production/);
  });

  it('a failed audit write is logged without values and does not throw', async () => {
    const { db } = fakeDb(true);
    const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    await expect(
      audit(db, {
        openid: 'o',
        role: null,
        stationId: null,
        action: 'a.b',
        targetId: null,
        outcome: 'denied',
        requestId: 'r',
      }),
    ).resolves.toBeUndefined();
    expect(spy.mock.calls.flat().join(' ')).not.toContain('13812341234');
    spy.mockRestore();
  });
});

describe('audit_log is append-only in code', () => {
  const root = path.resolve(__dirname, '..');
  const sources = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) return e.name === 'node_modules' ? [] : sources(p);
      return /\.ts$/.test(e.name) && !/\.test\.ts$/.test(e.name) ? [p] : [];
    });

  it('no function source updates, sets or removes anything in audit_log', () => {
    const offenders: string[] = [];
    let references = 0;
    for (const file of sources(root)) {
      const text = fs.readFileSync(file, 'utf8');
      const re = /COLLECTIONS\.auditLog|['"]audit_log['"]/g;
      let m: RegExpExecArray | null;
      while ((m = re.exec(text))) {
        references += 1;
        // The statement that uses the collection: up to its end.
        const statement = text.slice(m.index, text.indexOf(';', m.index) + 1);
        if (/\.(update|remove|set)\(/.test(statement))
          offenders.push(`${path.relative(root, file)}: ${statement.slice(0, 120)}`);
      }
    }
    expect(references).toBeGreaterThanOrEqual(2); // the writer (audit.ts) and the reader (accounts repo)
    expect(offenders).toEqual([]);
  });
});

describe('development constants (issue 16)', () => {
  afterEach(() => {
    delete process.env.TCB_ENV;
    delete process.env.SGZ_AUDIT_SALT;
  });

  it('are refused in a real environment: the caller hash never uses the public salt there', () => {
    process.env.TCB_ENV = 'sgz-prod-1a2b3c';
    expect(() => callerHash('oABC')).toThrow('required setting SGZ_AUDIT_SALT is not set');
    process.env.SGZ_AUDIT_SALT = 'real-salt';
    expect(callerHash('oABC')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('are used on the emulator and in tests', () => {
    process.env.TCB_ENV = 'local-sgz-emulator';
    expect(devConstant('X', 'dev')).toBe('dev');
    delete process.env.TCB_ENV;
    expect(devConstant('X', 'dev')).toBe('dev');
  });
});
