/**
 * The outbox runner with a fake server that follows the contract (test/outbox.ts):
 * durable saves, resends after lost answers and crashes answered `duplicate`,
 * edits during a send, refusals, backoff and triggers, photos, size limits and
 * the snapshot the home page reads. Clock, random source and timers are injected.
 */
import {
  T0,
  createFakeServer,
  manualClock,
  manualTimers,
  seededRandom,
  type FakeServer,
} from '../../../test/outbox';
import { DEFAULT_BACKOFF } from './core';
import { isOverdue, outboxWarning, OVERDUE_WARNING } from './messages';
import {
  DAY_MS,
  OUTBOX_MESSAGES,
  createOutbox,
  type NetworkWatch,
  type Outbox,
  type OutboxOptions,
} from './outbox';
import { OutboxStorageError, type OutboxStorage, type StorageLimits } from './storage-api';
import { createMemoryStorage, type MemoryStorage } from './storage-memory';

const VISIT = 'visit';
const ID = 'vs-visit-0001';

interface Harness {
  outbox: Outbox;
  server: FakeServer;
  storage: MemoryStorage;
  clock: ReturnType<typeof manualClock>;
  timers: ReturnType<typeof manualTimers>;
  online: (connected: boolean) => void;
  released: string[];
}

function harness(
  over: Partial<OutboxOptions> & {
    server?: FakeServer;
    storage?: MemoryStorage;
    clock?: ReturnType<typeof manualClock>;
  } = {},
): Harness {
  const server = over.server ?? createFakeServer();
  const storage = over.storage ?? createMemoryStorage();
  const clock = over.clock ?? manualClock();
  const timers = manualTimers();
  const released: string[] = [];
  let listener: ((c: boolean) => void) | null = null;
  const network: NetworkWatch = {
    subscribe(fn) {
      listener = fn;
      return () => {
        listener = null;
      };
    },
  };
  const outbox = createOutbox({
    storage,
    kinds: [{ kind: VISIT, idPrefix: 'vs', send: (item) => server.send(item) }],
    upload: (a) => server.upload(a),
    releaseFile: async (p) => {
      released.push(p);
    },
    now: clock.read,
    random: seededRandom(1),
    timers,
    network,
    ...over,
  });
  return { outbox, server, storage, clock, timers, online: (c) => listener?.(c), released };
}

/** Lets queued promise callbacks run (the fake server answers on microtasks). */
const settle = async () => {
  for (let i = 0; i < 20; i += 1) await Promise.resolve();
};

const status = (o: Outbox, id = ID) => o.get(id)?.status;

describe('outbox runner: saving', () => {
  it('resolves save only after the item is stored', async () => {
    const storage = createMemoryStorage();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const slow: OutboxStorage = {
      ...storage,
      put: async (item, reserve) => {
        await gate;
        return storage.put(item, reserve);
      },
    };
    const { outbox } = harness({ storage: slow as MemoryStorage });
    let done = false;
    const saving = outbox
      .save({ id: ID, kind: VISIT, payload: { note: '入户' }, mode: 'draft' })
      .then((r) => {
        done = true;
        return r;
      });
    await settle();
    expect(done).toBe(false);
    expect(storage.stored.has(ID)).toBe(false);
    release();
    const res = await saving;
    expect(res.ok).toBe(true);
    expect(storage.stored.has(ID)).toBe(true);
  });

  it('reopens a form closed half-way as it was (a draft survives a restart and is not sent)', async () => {
    const first = harness();
    await first.outbox.start();
    await first.outbox.save({ id: ID, kind: VISIT, payload: { note: '老人独居，' }, mode: 'draft' });
    await first.outbox.flush('tap');
    expect(first.server.calls).toEqual([]);
    first.outbox.stop();

    const second = harness({ storage: first.storage, server: first.server });
    await second.outbox.start();
    expect(second.outbox.get(ID)).toMatchObject({
      status: 'draft',
      payload: { note: '老人独居，' },
      version: 1,
    });
  });

  it('makes a new id of the kind’s prefix when none is given', async () => {
    const { outbox } = harness();
    const res = await outbox.save({ kind: VISIT, payload: {}, mode: 'draft' });
    expect(res.ok && res.data.id).toMatch(/^vs[0-9a-z]+-[0-9a-z]{16}$/);
  });

  it.each<[string, Parameters<Outbox['save']>[0], string]>([
    ['an unknown kind', { id: ID, kind: 'nope', payload: {}, mode: 'draft' }, OUTBOX_MESSAGES.unknownKind],
    ['a bad id', { id: 'a_b', kind: VISIT, payload: {}, mode: 'draft' }, OUTBOX_MESSAGES.badId],
    [
      'a record over 100 KB (one call)',
      { id: ID, kind: VISIT, payload: { note: '字'.repeat(34_000) }, mode: 'submit' },
      OUTBOX_MESSAGES.tooLarge,
    ],
  ])('refuses %s with a Chinese reason and stores nothing', async (_n, input, message) => {
    const { outbox, storage } = harness();
    const res = await outbox.save(input);
    expect(res).toEqual({ ok: false, error: { code: 'invalid-argument', message } });
    expect(storage.stored.size).toBe(0);
  });

  it('refuses a save when storage is nearly full, saying what to do, and keeps the old version', async () => {
    const limits: StorageLimits = {
      budgetBytes: 4_000,
      perKeyBytes: 4_000,
      warnFraction: 0.5,
      refuseFraction: 0.7,
      systemFraction: 0.9,
      perKeyFraction: 0.9,
    };
    const { outbox } = harness({ storage: createMemoryStorage(limits) });
    await outbox.save({ id: ID, kind: VISIT, payload: { note: 'a' }, mode: 'draft' });
    const res = await outbox.save({
      id: ID,
      kind: VISIT,
      payload: { note: 'a'.repeat(2_600) },
      mode: 'draft',
    });
    expect(res.ok).toBe(false);
    expect(!res.ok && res.error).toMatchObject({ code: 'resource-exhausted' });
    expect(!res.ok && res.error.message).toContain('立即同步');
    expect(outbox.get(ID)?.payload).toEqual({ note: 'a' });
  });

  it('fails a save when the disk write fails (the screen must not say 已保存)', async () => {
    const { outbox, storage } = harness();
    storage.failWrites = new OutboxStorageError('io');
    const res = await outbox.save({ id: ID, kind: VISIT, payload: {}, mode: 'submit' });
    expect(res.ok).toBe(false);
    expect(outbox.get(ID)).toBeUndefined();
  });
});

describe('outbox runner: sending', () => {
  it('sends a submitted record, marks it 已同步 and removes it after the retention time', async () => {
    const h = harness();
    await h.outbox.start();
    await h.outbox.save({ id: ID, kind: VISIT, payload: { note: '入户' }, mode: 'submit' });
    await h.outbox.flush('tap');
    expect(status(h.outbox)).toBe('synced');
    expect(h.server.records.get(ID)?.version).toBe(1);
    h.clock.advance(DAY_MS + 1);
    await h.outbox.flush('show');
    expect(h.outbox.get(ID)).toBeUndefined();
    expect(h.storage.stored.has(ID)).toBe(false);
  });

  it('resends after a lost answer; the server answers duplicate and the item then leaves', async () => {
    const h = harness();
    await h.outbox.start();
    h.server.mode = 'drop';
    await h.outbox.save({ id: ID, kind: VISIT, payload: { note: '入户' }, mode: 'submit' }); // starts a send
    await h.outbox.flush('show'); // waits for it (a show during the backoff sends nothing more)
    expect(h.outbox.get(ID)).toMatchObject({ status: 'queued', attempts: 1, lastError: { code: 'network' } });
    expect(h.server.records.get(ID)?.version).toBe(1); // it did arrive

    h.server.mode = 'ok';
    h.online(true); // network back
    await settle();
    await h.outbox.flush('show');
    expect(h.server.calls.map((c) => c.answer)).toEqual(['received', 'duplicate']);
    expect(status(h.outbox)).toBe('synced');
    expect(h.server.conflicts).toEqual([]);
  });

  it('re-queues a record being sent when the app was killed; the resend is a duplicate', async () => {
    const first = harness();
    await first.outbox.start();
    first.server.mode = 'hang';
    await first.outbox.save({ id: ID, kind: VISIT, payload: { note: '入户' }, mode: 'submit' });
    void first.outbox.flush('tap');
    await settle();
    expect(status(first.outbox)).toBe('sending');
    expect(JSON.parse(first.storage.stored.get(ID) ?? '{}').status).toBe('sending');
    first.outbox.stop(); // killed

    first.server.mode = 'ok';
    const second = harness({ storage: first.storage, server: first.server, clock: first.clock });
    await second.outbox.start();
    expect(first.server.calls.map((c) => c.answer)).toEqual(['received', 'duplicate']);
    expect(status(second.outbox)).toBe('synced');
  });

  it('an edit during a send is sent next, never lost or marked synced by the old answer', async () => {
    const h = harness();
    await h.outbox.start();
    let answer: () => void = () => undefined;
    const send = h.server.send;
    h.server.send = (item) =>
      item.version === 1 ? new Promise((r) => (answer = () => r(send(item)))) : send(item);
    await h.outbox.save({ id: ID, kind: VISIT, payload: { note: 'v1' }, mode: 'submit' });
    const flushing = h.outbox.flush('tap');
    await settle();
    expect(status(h.outbox)).toBe('sending');
    await h.outbox.save({ id: ID, kind: VISIT, payload: { note: 'v2' }, mode: 'submit' });
    expect(h.outbox.get(ID)).toMatchObject({ status: 'queued', version: 2, sentVersion: 1 });
    answer();
    await flushing;
    expect(h.server.calls.map((c) => [c.version, c.answer])).toEqual([
      [1, 'received'],
      [2, 'received'],
    ]);
    expect(h.outbox.get(ID)).toMatchObject({ status: 'synced', version: 2, ackedVersion: 2 });
    expect(JSON.parse(h.server.records.get(ID)?.content ?? '{}').payload).toEqual({ note: 'v2' });
  });

  it('an edit after a lost answer is an update, not a conflict (the server has our own older version)', async () => {
    const h = harness();
    await h.outbox.start();
    h.server.mode = 'drop';
    await h.outbox.save({ id: ID, kind: VISIT, payload: { note: 'v1' }, mode: 'submit' });
    await h.outbox.flush('tap');
    h.server.mode = 'ok';
    await h.outbox.save({ id: ID, kind: VISIT, payload: { note: 'v2' }, mode: 'submit' });
    await h.outbox.flush('tap');
    expect(h.server.conflicts).toEqual([]);
    expect(h.outbox.get(ID)).toMatchObject({ status: 'synced', version: 2 });
  });

  it('a refusal is final (失败 with the server’s reason) until the worker edits or retries', async () => {
    const h = harness();
    await h.outbox.start();
    h.server.mode = 'refuse';
    await h.outbox.save({ id: ID, kind: VISIT, payload: {}, mode: 'submit' });
    await h.outbox.flush('tap');
    expect(h.outbox.get(ID)).toMatchObject({
      status: 'failed',
      lastError: { code: 'invalid-argument', message: '走访时间不能晚于现在，请修改后再提交' },
    });
    await h.outbox.flush('tap');
    expect(h.server.calls).toHaveLength(1);
    expect(h.outbox.getSnapshot().pending).toBe(1);

    h.server.mode = 'ok';
    await h.outbox.retry(ID);
    await h.outbox.flush('tap');
    expect(status(h.outbox)).toBe('synced');
  });

  it('a conflict answer keeps the record flagged 有冲突 and lets it leave', async () => {
    const h = harness();
    h.server.records.set(ID, { version: 3, content: 'edited elsewhere' });
    await h.outbox.start();
    await h.outbox.save({ id: ID, kind: VISIT, payload: {}, mode: 'submit' });
    await h.outbox.flush('tap');
    expect(h.outbox.get(ID)).toMatchObject({ status: 'conflict', lastError: { code: 'conflict' } });
    expect(h.server.conflicts).toHaveLength(1);
    expect(h.outbox.getSnapshot().pending).toBe(0);
  });

  it('offline: stops at the first failure, backs off, retries on the timer and when the network is back', async () => {
    const h = harness();
    await h.outbox.start();
    h.server.mode = 'down';
    const other = 'vs-visit-0002';
    await h.outbox.save({ id: ID, kind: VISIT, payload: { n: 1 }, mode: 'submit' });
    await h.outbox.flush('show');
    h.clock.advance(1);
    await h.outbox.save({ id: other, kind: VISIT, payload: { n: 2 }, mode: 'submit' });
    await h.outbox.flush('show');
    expect([h.outbox.get(ID)?.attempts, h.outbox.get(other)?.attempts]).toEqual([1, 1]);

    // A tap tries again at once, oldest first, and stops at the first transport failure.
    await h.outbox.flush('tap');
    expect([h.outbox.get(ID)?.attempts, h.outbox.get(other)?.attempts]).toEqual([2, 1]);
    const wait = (h.outbox.get(ID)?.nextAttemptAt ?? 0) - h.clock.now;
    expect(wait).toBeGreaterThanOrEqual(2 * DEFAULT_BACKOFF.baseMs);

    // The network is back but the server still unreachable: one more try, then the timer is set.
    h.online(true);
    await h.outbox.flush('show');
    expect(h.outbox.get(ID)?.attempts).toBe(3);
    const at = Math.min(h.outbox.get(ID)?.nextAttemptAt ?? 0, h.outbox.get(other)?.nextAttemptAt ?? 0);
    expect(h.timers.pending().map((t) => t.ms)).toEqual([at - h.clock.now]);

    // A page show during the backoff sends nothing.
    h.server.mode = 'ok';
    await h.outbox.flush('show');
    expect(h.server.calls).toEqual([]);
    // When the timer fires, what is due goes; the rest follows on its own timer.
    h.clock.advance(at - h.clock.now);
    h.timers.fireAll();
    await h.outbox.flush('show');
    h.clock.advance(DEFAULT_BACKOFF.capMs);
    h.timers.fireAll();
    await h.outbox.flush('show');
    expect([status(h.outbox), status(h.outbox, other)]).toEqual(['synced', 'synced']);
  });

  it('uploads photos first to fixed paths; a retried upload overwrites the same path', async () => {
    const h = harness();
    await h.outbox.start();
    h.server.mode = 'drop'; // the photo arrives, its answer does not
    await h.outbox.save({
      id: ID,
      kind: VISIT,
      payload: {},
      attachments: ['wxfile://tmp/p1.jpg', 'wxfile://tmp/p2.jpg'],
      mode: 'submit',
    });
    await h.outbox.flush('tap');
    expect(h.outbox.get(ID)?.attachments.map((a) => a.uploaded)).toEqual([false, false]);
    h.server.mode = 'ok';
    await h.outbox.flush('tap');
    expect([...h.server.files.keys()]).toEqual([`outbox/visit/${ID}/0.jpg`, `outbox/visit/${ID}/1.jpg`]);
    const stored = JSON.parse(h.server.records.get(ID)?.content ?? '{}') as { files: string[] };
    expect(stored.files).toEqual([
      `cloud://env/outbox/visit/${ID}/0.jpg`,
      `cloud://env/outbox/visit/${ID}/1.jpg`,
    ]);
    expect(status(h.outbox)).toBe('synced');
    // Once the record left the phone, its saved photos are deleted.
    h.clock.advance(DAY_MS + 1);
    await h.outbox.flush('show');
    expect(h.released).toEqual(['wxfile://tmp/p1.jpg', 'wxfile://tmp/p2.jpg']);
  });

  it('discards only a draft never submitted', async () => {
    const h = harness();
    await h.outbox.save({ id: ID, kind: VISIT, payload: {}, attachments: ['wxfile://p.jpg'], mode: 'draft' });
    expect(await h.outbox.discard(ID)).toEqual({ ok: true, data: null });
    expect(h.storage.stored.size).toBe(0);
    expect(h.released).toEqual(['wxfile://p.jpg']);
    h.server.mode = 'down';
    await h.outbox.save({ id: ID, kind: VISIT, payload: {}, mode: 'submit' });
    expect(await h.outbox.discard(ID)).toMatchObject({ ok: false, error: { code: 'failed-precondition' } });
  });
});

describe('outbox runner: what the home page reads', () => {
  it('counts by status, 待同步 N, the 24 h warning and the storage warning', async () => {
    const limits: StorageLimits = {
      budgetBytes: 2_000,
      perKeyBytes: 2_000,
      warnFraction: 0.3,
      refuseFraction: 0.9,
      systemFraction: 0.95,
      perKeyFraction: 0.9,
    };
    const h = harness({ storage: createMemoryStorage(limits) });
    await h.outbox.start();
    const seen: number[] = [];
    const unsubscribe = h.outbox.subscribe(() => seen.push(h.outbox.getSnapshot().pending));
    h.server.mode = 'down';
    await h.outbox.save({ id: ID, kind: VISIT, payload: { n: 1 }, mode: 'submit' });
    await h.outbox.save({ id: 'vs-visit-0002', kind: VISIT, payload: { n: 2 }, mode: 'draft' });
    await h.outbox.flush('tap');
    const snap = h.outbox.getSnapshot();
    expect(snap.counts).toEqual({ draft: 1, queued: 1, sending: 0, synced: 0, failed: 0, conflict: 0 });
    expect(snap.pending).toBe(1);
    expect(snap.oldestPendingSince).toBe(T0);
    expect(snap.loaded).toBe(true);
    expect(seen).toContain(1);
    expect(isOverdue(snap, T0 + DAY_MS)).toBe(false);
    expect(isOverdue(snap, T0 + DAY_MS + 1)).toBe(true);
    expect(snap.usage.level).toBe('warn');
    expect(outboxWarning(snap, T0)).toMatch(/已占用微信存储的 \d+%，请尽快连网同步/);
    expect(outboxWarning({ ...snap, usage: { ...snap.usage, level: 'ok' } }, T0 + 2 * DAY_MS)).toBe(
      OVERDUE_WARNING,
    );
    unsubscribe();
  });
});
