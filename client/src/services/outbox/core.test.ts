import { CLIENT_ID_PATTERN } from '@sgz/shared';
import {
  DEFAULT_BACKOFF,
  attachmentCloudPath,
  backoffDelay,
  emptyState,
  isOutboxItem,
  jsonBytes,
  newClientId,
  nextToSend,
  oldestPendingSince,
  reduce,
  utf8Bytes,
  type OutboxEvent,
  type OutboxItem,
  type OutboxState,
  type OutboxStatus,
} from './core';

const ID = 'vs-test-0001';
const T0 = 1_700_000_000_000;

/** Applies events in order and returns the final state. */
function run(events: OutboxEvent[], state: OutboxState = emptyState()): OutboxState {
  return events.reduce((s, e) => reduce(s, e).state, state);
}
const item = (s: OutboxState, id = ID): OutboxItem => {
  const found = s.items[id];
  if (!found) throw new Error(`no item ${id}`);
  return found;
};

const save = (
  payload: unknown,
  mode: 'draft' | 'submit',
  now = T0,
  attachments: string[] = [],
): OutboxEvent => ({
  type: 'save',
  id: ID,
  kind: 'visit',
  payload,
  attachments,
  mode,
  now,
});
const start = (now = T0, force = false): OutboxEvent => ({ type: 'startSend', id: ID, now, force });
const ack = (version: number, now = T0): OutboxEvent => ({ type: 'ack', id: ID, version, now });
const transport = (version: number, now = T0, random = 0): OutboxEvent => ({
  type: 'fail',
  id: ID,
  version,
  error: { code: 'network', message: '网络不太好' },
  retry: true,
  now,
  random,
});
const refuse = (version: number, now = T0): OutboxEvent => ({
  type: 'fail',
  id: ID,
  version,
  error: { code: 'invalid-argument', message: '走访时间不能晚于现在，请修改后再提交' },
  retry: false,
  now,
  random: 0,
});

describe('outbox core: save', () => {
  it('a draft autosave creates a draft at version 1; submit queues it without a new version', () => {
    const s1 = run([save({ a: 1 }, 'draft')]);
    expect(item(s1)).toMatchObject({ status: 'draft', version: 1, firstSubmittedAt: null, queuedAt: null });
    const s2 = run([save({ a: 1 }, 'submit', T0 + 5)], s1);
    expect(item(s2)).toMatchObject({
      status: 'queued',
      version: 1,
      firstSubmittedAt: T0 + 5,
      queuedAt: T0 + 5,
    });
  });

  it.each<[string, OutboxEvent[], Partial<OutboxItem>]>([
    [
      'same content as a draft: nothing changes',
      [save({ a: 1 }, 'draft'), save({ a: 1 }, 'draft')],
      { version: 1 },
    ],
    [
      'new content: version 2',
      [save({ a: 1 }, 'draft'), save({ a: 2 }, 'draft')],
      { version: 2, status: 'draft' },
    ],
    [
      'a new photo is new content',
      [save({ a: 1 }, 'draft'), save({ a: 1 }, 'draft', T0, ['wxfile://p1.jpg'])],
      { version: 2 },
    ],
    [
      'an edit of a synced record queues version 2',
      [save({ a: 1 }, 'submit'), start(), ack(1), save({ a: 2 }, 'submit')],
      { version: 2, status: 'queued', ackedVersion: 1 },
    ],
    [
      'an autosave of a queued record takes it out of the queue until submitted',
      [save({ a: 1 }, 'submit'), save({ a: 2 }, 'draft')],
      { version: 2, status: 'draft', queuedAt: null, firstSubmittedAt: T0 },
    ],
    [
      'submitting a failed record unchanged queues it again with attempts reset',
      [save({ a: 1 }, 'submit'), start(), refuse(1), save({ a: 1 }, 'submit')],
      { status: 'queued', attempts: 0, lastError: null },
    ],
  ])('%s', (_name, events, expected) => {
    expect(item(run(events))).toMatchObject(expected);
  });

  it('refuses an id outside CLIENT_ID_PATTERN and a kind change', () => {
    const bad = reduce(emptyState(), { ...save({}, 'draft'), id: 'a_b' } as OutboxEvent);
    expect(bad.ignored).toBe('bad id');
    const s = run([save({}, 'draft')]);
    const other = reduce(s, { ...save({ b: 1 }, 'draft'), kind: 'caseNote' } as OutboxEvent);
    expect(other.ignored).toBe('kind mismatch');
  });

  it('gives each attachment a fixed cloud path by record and position; an unchanged photo keeps its upload', () => {
    const s1 = run([save({}, 'submit', T0, ['wxfile://a.JPG', 'wxfile://b.png'])]);
    expect(item(s1).attachments.map((a) => a.cloudPath)).toEqual([
      `outbox/visit/${ID}/0.jpg`,
      `outbox/visit/${ID}/1.png`,
    ]);
    const s2 = run(
      [
        start(),
        { type: 'uploaded', id: ID, index: 0, localPath: 'wxfile://a.JPG', fileId: 'cloud://x/0.jpg' },
        ack(1),
        save({}, 'submit', T0, ['wxfile://a.JPG', 'wxfile://c.png']),
      ],
      s1,
    );
    expect(item(s2).attachments).toEqual([
      {
        localPath: 'wxfile://a.JPG',
        cloudPath: `outbox/visit/${ID}/0.jpg`,
        uploaded: true,
        fileId: 'cloud://x/0.jpg',
      },
      { localPath: 'wxfile://c.png', cloudPath: `outbox/visit/${ID}/1.png`, uploaded: false, fileId: null },
    ]);
    expect(attachmentCloudPath('visit', ID, 2, 'blob:http://x/abc')).toBe(`outbox/visit/${ID}/2.jpg`);
  });
});

describe('outbox core: sending and answers', () => {
  const queued = run([save({ a: 1 }, 'submit')]);

  it.each<[string, OutboxEvent[], OutboxStatus, Partial<OutboxItem>]>([
    ['ack of the version sent → synced', [start(), ack(1)], 'synced', { ackedVersion: 1, sentVersion: null }],
    ['ack of a version never sent is ignored', [start(), ack(2)], 'sending', { sentVersion: 1 }],
    ['ack without a send is ignored', [ack(1)], 'queued', { ackedVersion: null }],
    [
      'transport failure → queued again, backing off',
      [start(), transport(1, T0, 0)],
      'queued',
      {
        attempts: 1,
        nextAttemptAt: T0 + DEFAULT_BACKOFF.baseMs,
        lastError: { code: 'network', message: '网络不太好' },
      },
    ],
    [
      'refusal → failed with the server’s reason',
      [start(), refuse(1)],
      'failed',
      { lastError: { code: 'invalid-argument', message: '走访时间不能晚于现在，请修改后再提交' } },
    ],
    [
      'conflict → conflict, kept for the head',
      [start(), { type: 'conflict', id: ID, version: 1, message: '两份都已保留', now: T0 }],
      'conflict',
      { lastError: { code: 'conflict', message: '两份都已保留' }, queuedAt: null },
    ],
    [
      'restart while sending → queued, nothing in flight',
      [start(), { type: 'restart' }],
      'queued',
      { sentVersion: null },
    ],
    [
      'a late ack after a restart is ignored',
      [start(), { type: 'restart' }, ack(1)],
      'queued',
      { ackedVersion: null },
    ],
  ])('%s', (_name, events, status, expected) => {
    const it1 = item(run(events, queued));
    expect(it1.status).toBe(status);
    expect(it1).toMatchObject(expected);
  });

  it('an edit while sending stays queued: the ack of the old version does not mark it synced', () => {
    const s = run([start(), save({ a: 2 }, 'submit', T0 + 1), ack(1, T0 + 2)], queued);
    expect(item(s)).toMatchObject({ status: 'queued', version: 2, ackedVersion: 1, sentVersion: null });
    expect(nextToSend(s, T0 + 2, false)?.id).toBe(ID);
    const done = run([start(T0 + 3), ack(2, T0 + 4)], s);
    expect(item(done)).toMatchObject({ status: 'synced', ackedVersion: 2 });
  });

  it('a refusal of an older version leaves the newer edit queued', () => {
    const s = run([start(), save({ a: 2 }, 'submit'), refuse(1)], queued);
    expect(item(s)).toMatchObject({ status: 'queued', version: 2, attempts: 0 });
  });

  it('startSend waits out the backoff unless forced', () => {
    const s = run([start(), transport(1, T0, 0)], queued);
    const due = T0 + DEFAULT_BACKOFF.baseMs;
    expect(reduce(s, start(due - 1)).ignored).toBe('not due');
    expect(item(reduce(s, start(due - 1, true)).state).status).toBe('sending');
    expect(item(reduce(s, start(due)).state).status).toBe('sending');
    expect(nextToSend(s, due - 1, false)).toBeUndefined();
    expect(nextToSend(s, due - 1, true)?.id).toBe(ID);
  });

  it('retry makes a failed item due now', () => {
    const s = run([start(), refuse(1), { type: 'retry', id: ID, now: T0 + 9 }], queued);
    expect(item(s)).toMatchObject({ status: 'queued', attempts: 0, nextAttemptAt: null });
  });

  it.each<[string, OutboxEvent[], boolean]>([
    ['synced', [start(), ack(1)], true],
    ['conflict', [start(), { type: 'conflict', id: ID, version: 1, message: 'x', now: T0 }], true],
    ['queued', [], false],
    ['sending', [start()], false],
    ['failed', [start(), refuse(1)], false],
    ['edited after sync', [start(), ack(1), save({ a: 3 }, 'draft')], false],
  ])('remove of a %s item: allowed = %s', (_name, events, allowed) => {
    const s = run([...events, { type: 'remove', id: ID }], queued);
    expect(s.items[ID] === undefined).toBe(allowed);
  });

  it('discard removes only a draft never submitted', () => {
    expect(run([save({}, 'draft'), { type: 'discard', id: ID }]).items[ID]).toBeUndefined();
    const demoted = run([save({}, 'submit'), save({ b: 1 }, 'draft'), { type: 'discard', id: ID }]);
    expect(item(demoted).status).toBe('draft');
  });

  it('oldest pending counts queued, sending and failed items from when they were queued', () => {
    const s = run([
      save({}, 'submit', T0 + 100),
      {
        type: 'save',
        id: 'vs-test-0002',
        kind: 'visit',
        payload: {},
        attachments: [],
        mode: 'draft',
        now: T0,
      },
    ]);
    expect(oldestPendingSince(s)).toBe(T0 + 100);
  });
});

describe('outbox core: helpers', () => {
  it.each([
    [1, 0, 5_000],
    [1, 0.999, 7_498],
    [2, 0, 10_000],
    [5, 0, 80_000],
    [9, 0, 1_280_000],
    [10, 0, 1_800_000],
    [60, 0.5, 1_800_000],
  ])('backoff after %i failures (random %f) is %i ms', (attempts, random, ms) => {
    expect(backoffDelay(attempts, random)).toBe(ms);
  });

  it('new ids match CLIENT_ID_PATTERN and depend only on the clock and the random source', () => {
    let n = 0;
    const random = () => (n++ % 36) / 36;
    const id = newClientId(T0, random, 'vs');
    expect(id).toMatch(CLIENT_ID_PATTERN);
    expect(id).toBe(`vs${T0.toString(36)}-0123456789abcdef`);
    expect(() => newClientId(T0, random, '_x')).toThrow();
  });

  it('counts UTF-8 bytes like the wire: 3 per Chinese character, 4 per emoji', () => {
    expect(utf8Bytes('ab')).toBe(2);
    expect(utf8Bytes('走访')).toBe(6);
    expect(utf8Bytes('😀')).toBe(4);
    expect(jsonBytes({ t: '走访' })).toBe(Buffer.byteLength(JSON.stringify({ t: '走访' }), 'utf8'));
  });

  it('accepts a stored item and rejects damaged ones', () => {
    const good = item(run([save({ a: 1 }, 'submit')]));
    expect(isOutboxItem(JSON.parse(JSON.stringify(good)))).toBe(true);
    expect(isOutboxItem({ ...good, status: 'lost' })).toBe(false);
    expect(isOutboxItem({ ...good, id: '__proto__' })).toBe(false);
    expect(isOutboxItem({ ...good, attachments: [{ localPath: 1 }] })).toBe(false);
    expect(isOutboxItem(null)).toBe(false);
  });
});

describe('outbox core: editing a record that already left the phone', () => {
  it('starts above the server’s version, with that version as the base of the edit', () => {
    const s = run([{ ...save({ a: 9 }, 'submit'), serverVersion: 4 } as OutboxEvent]);
    expect(item(s)).toMatchObject({ version: 5, ackedVersion: 4, status: 'queued' });
  });
});
