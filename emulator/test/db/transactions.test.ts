/**
 * Transactions through the real wx-server-sdk 4.0.2: commit, throw → rollback,
 * rollback(value), isolation, write-write conflict → SDK retry → final state.
 */
import { createDatabase, type Database } from '../../src/db';
import { type D, rejection, type SdkDb, type SdkSetup, setupSdk } from './harness';

let dbm: Database;
let env: SdkSetup;
let sdb: SdkDb;

beforeAll(async () => {
  dbm = createDatabase({ dataDir: null });
  env = await setupSdk(dbm);
  sdb = env.sdb;
});
afterAll(async () => {
  await env.server.close();
  dbm.close();
});
beforeEach(async () => {
  dbm.reset();
  await sdb.collection('acc').add({
    data: [
      { _id: 'A', balance: 1000 },
      { _id: 'B', balance: 0 },
    ],
  });
});

const balance = async (id: string): Promise<number> =>
  ((await sdb.collection('acc').doc(id).get()).data as D).balance as number;

describe('runTransaction', () => {
  test('commit applies every write atomically, and the callback value is returned', async () => {
    const _ = sdb.command;
    const res = await sdb.runTransaction(async (t) => {
      const a = (await t.collection('acc').doc('A').get()).data as D;
      await t
        .collection('acc')
        .doc('A')
        .update({ data: { balance: _.inc(-100) } });
      await t
        .collection('acc')
        .doc('B')
        .update({ data: { balance: _.inc(100) } });
      await t.collection('acc').add({ data: { _id: 'log1', from: 'A', before: a.balance } });
      await t
        .collection('acc')
        .doc('C')
        .set({ data: { balance: 5 } });
      // Reads inside the transaction see its own writes.
      const b = (await t.collection('acc').doc('B').get()).data as D;
      return b.balance;
    });
    expect(res).toBe(100);
    expect(await balance('A')).toBe(900);
    expect(await balance('B')).toBe(100);
    expect(await balance('C')).toBe(5);
    expect(((await sdb.collection('acc').doc('log1').get()).data as D).before).toBe(1000);
  });

  test('a throw rolls back: nothing is written and the error comes out', async () => {
    const _ = sdb.command;
    const err = await rejection(
      sdb.runTransaction(async (t) => {
        await t
          .collection('acc')
          .doc('A')
          .update({ data: { balance: _.inc(-100) } });
        await t.collection('acc').add({ data: { _id: 'ghost' } });
        throw new Error('boom');
      }),
    );
    expect(err.message).toBe('boom');
    expect(await balance('A')).toBe(1000);
    expect((await sdb.collection('acc').count()).total).toBe(2);
    expect(env.server.log.actions).toContain('database.abortTransaction');
  });

  test('rollback(value) rejects with that value as-is', async () => {
    const _ = sdb.command;
    let caught: unknown;
    try {
      await sdb.runTransaction(async (t) => {
        await t
          .collection('acc')
          .doc('A')
          .update({ data: { balance: _.inc(-1) } });
        await t.rollback('custom-reason');
      });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBe('custom-reason');
    expect(await balance('A')).toBe(1000);
  });

  test('10 concurrent transfers: conflicts make the SDK retry, the final balances are exact', async () => {
    const _ = sdb.command;
    const starts = (): number =>
      env.server.log.actions.filter((a) => a === 'database.startTransaction').length;
    const startsBefore = starts();
    const transfer = (): Promise<void> =>
      sdb.runTransaction(async (t) => {
        const a = (await t.collection('acc').doc('A').get()).data as D;
        const b = (await t.collection('acc').doc('B').get()).data as D;
        // Read-modify-write with absolute values: only conflict detection keeps this correct.
        await t
          .collection('acc')
          .doc('A')
          .update({ data: { balance: (a.balance as number) - 10 } });
        await t
          .collection('acc')
          .doc('B')
          .update({ data: { balance: _.set((b.balance as number) + 10) } });
      }, 12);
    const results = await Promise.allSettled(Array.from({ length: 10 }, transfer));
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(await balance('A')).toBe(900);
    expect(await balance('B')).toBe(100);
    const conflicts = env.server.log.responses.filter(
      (r) => r.body.code === 'DATABASE_TRANSACTION_CONFLICT',
    ).length;
    expect(conflicts).toBeGreaterThan(0);
    expect(starts() - startsBefore).toBe(10 + conflicts);
  });

  test('with the default 3 retries, failed transfers change nothing: A + B stays 1000', async () => {
    const transfer = (): Promise<void> =>
      sdb.runTransaction(async (t) => {
        const a = (await t.collection('acc').doc('A').get()).data as D;
        const b = (await t.collection('acc').doc('B').get()).data as D;
        await t
          .collection('acc')
          .doc('A')
          .update({ data: { balance: (a.balance as number) - 10 } });
        await t
          .collection('acc')
          .doc('B')
          .update({ data: { balance: (b.balance as number) + 10 } });
      });
    const results = await Promise.allSettled(Array.from({ length: 10 }, transfer));
    const ok = results.filter((r) => r.status === 'fulfilled').length;
    expect(ok).toBeGreaterThan(0);
    expect(await balance('A')).toBe(1000 - 10 * ok);
    expect(await balance('B')).toBe(10 * ok);
  });
});

describe('startTransaction (manual)', () => {
  test('uncommitted writes are invisible outside; another writer conflicts at commit', async () => {
    const _ = sdb.command;
    const t = await sdb.startTransaction();
    await t
      .collection('acc')
      .doc('A')
      .update({ data: { balance: _.inc(-500) } });
    await t.collection('acc').add({ data: { _id: 'pending' } });
    // Outside the transaction: old state.
    expect(await balance('A')).toBe(1000);
    expect((await sdb.collection('acc').count()).total).toBe(2);
    // A second transaction reads the committed state, not t's writes.
    const t2 = await sdb.startTransaction();
    expect(((await t2.collection('acc').doc('A').get()).data as D).balance).toBe(1000);
    // wx-server-sdk throws for a missing document even inside a transaction.
    expect(String((await rejection(t2.collection('acc').doc('pending').get())).errMsg)).toContain(
      'does not exist',
    );
    await t2.rollback();
    // Inside t: its own writes.
    expect(((await t.collection('acc').doc('A').get()).data as D).balance).toBe(500);
    // Another writer commits a change to A first: t must conflict and write nothing.
    await sdb
      .collection('acc')
      .doc('A')
      .update({ data: { balance: _.inc(1) } });
    const err = await rejection(t.commit());
    expect(err.code).toBe('DATABASE_TRANSACTION_CONFLICT');
    expect(await balance('A')).toBe(1001);
    expect(
      (
        await sdb
          .collection('acc')
          .doc('pending')
          .get()
          .catch(() => ({ data: null }))
      ).data,
    ).toBeNull();
  });

  test('snapshot: a document read once keeps its value inside the transaction; commit then succeeds on other docs', async () => {
    const _ = sdb.command;
    const t = await sdb.startTransaction();
    expect(((await t.collection('acc').doc('A').get()).data as D).balance).toBe(1000);
    await sdb
      .collection('acc')
      .doc('A')
      .update({ data: { balance: _.inc(7) } });
    expect(((await t.collection('acc').doc('A').get()).data as D).balance).toBe(1000);
    await t
      .collection('acc')
      .doc('B')
      .update({ data: { balance: _.inc(1) } });
    await t.commit();
    expect(await balance('A')).toBe(1007);
    expect(await balance('B')).toBe(1);
  });

  test('a finished or unknown transaction id is a clear error', async () => {
    const t = await sdb.startTransaction();
    await t.commit();
    const err = await rejection(t.commit());
    expect(String(err.message ?? err.errMsg)).toContain('does not exist');
    const raw = dbm.handle(
      'database.getDocument',
      { collectionName: 'acc', queryType: 'DOC', query: '{"_id":"A"}', transactionId: 'nope' },
      'r',
    );
    expect(await raw).toMatchObject({ code: 'DATABASE_REQUEST_FAILED' });
  });

  test('idle transactions time out', () => {
    let clock = 1_000_000;
    const db = createDatabase({ dataDir: null, now: () => clock });
    const start = db.handle('database.startTransaction', {}, 'r') as Record<string, unknown>;
    const id = start.transactionId as string;
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    clock += 31_000;
    db.handle('database.startTransaction', {}, 'r'); // sweeps idle transactions
    const res = db.handle('database.commitTransaction', { transactionId: id }, 'r') as Record<
      string,
      unknown
    >;
    expect(res.code).toBe('DATABASE_REQUEST_FAILED');
    expect(String(res.message)).toContain('timed out');
    db.close();
  });
});

describe('where() inside a transaction', () => {
  test('where().get() with transactionId sees the transaction’s writes and inserts', async () => {
    const _ = sdb.command;
    const t = await sdb.startTransaction();
    await t.collection('acc').add({ data: { _id: 'N', balance: 7 } });
    await t
      .collection('acc')
      .doc('A')
      .update({ data: { balance: _.inc(-1000) } });
    const tq = t.collection('acc') as unknown as { where(q: object): { get(): Promise<{ data: D[] }> } };
    const inside = await tq.where({ balance: _.lt(10) }).get();
    expect(inside.data.map((d) => d._id).sort()).toEqual(['A', 'B', 'N']);
    const sent = env.server.log.responses.length;
    expect(sent).toBeGreaterThan(0);
    const outside = await sdb
      .collection('acc')
      .where({ balance: _.lt(10) })
      .get();
    expect(outside.data.map((d) => d._id)).toEqual(['B']);
    await t.rollback();
    expect(await balance('A')).toBe(1000);
  });
});
