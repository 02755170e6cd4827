/**
 * Property test of the outbox state machine (fast-check): random interleavings
 * of save (draft / submit), startSend, answers (ack, transport failure, refusal,
 * conflict) for the version in flight, a stale one or one never sent, restart,
 * retry, remove and discard, over three records. After every step the
 * invariants of core.ts must hold. Deterministic: a fixed seed, time and jitter
 * come from the generated commands.
 */
import fc from 'fast-check';
import {
  DEFAULT_BACKOFF,
  emptyState,
  reduce,
  type OutboxEvent,
  type OutboxItem,
  type OutboxState,
} from './core';

const IDS = ['rec-aaaa-0001', 'rec-bbbb-0002', 'rec-cccc-0003'] as const;
const T0 = 1_700_000_000_000;

type Answer = 'ack' | 'transport' | 'refuse' | 'conflict';
type Which = 'sent' | 'stale' | 'newer';
type Cmd =
  | { t: 'save'; id: number; mode: 'draft' | 'submit'; content: number }
  | { t: 'start'; id: number; force: boolean }
  | { t: 'answer'; id: number; answer: Answer; which: Which; random: number }
  | { t: 'restart' }
  | { t: 'retry'; id: number }
  | { t: 'remove'; id: number }
  | { t: 'discard'; id: number }
  | { t: 'tick'; ms: number };

const idx = fc.integer({ min: 0, max: IDS.length - 1 });
const cmd: fc.Arbitrary<Cmd> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      t: fc.constant('save' as const),
      id: idx,
      mode: fc.constantFrom('draft' as const, 'submit' as const),
      content: fc.integer({ min: 0, max: 3 }),
    }),
  },
  { weight: 4, arbitrary: fc.record({ t: fc.constant('start' as const), id: idx, force: fc.boolean() }) },
  {
    weight: 5,
    arbitrary: fc.record({
      t: fc.constant('answer' as const),
      id: idx,
      answer: fc.constantFrom<Answer>('ack', 'transport', 'transport', 'refuse', 'conflict'),
      which: fc.constantFrom<Which>('sent', 'sent', 'sent', 'stale', 'newer'),
      random: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ t: 'restart' as const }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('retry' as const), id: idx }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('remove' as const), id: idx }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('discard' as const), id: idx }) },
  {
    weight: 2,
    arbitrary: fc.record({ t: fc.constant('tick' as const), ms: fc.integer({ min: 0, max: 3_600_000 }) }),
  },
);

/** Plain assertions: jest's expect is too slow for tens of thousands of steps. */
function ok(cond: boolean, what: string): void {
  if (!cond) throw new Error(what);
}
function eq(actual: unknown, expected: unknown, what: string): void {
  if (actual !== expected) throw new Error(`${what}: ${String(actual)} !== ${String(expected)}`);
}

/** What the test knows independently of the reducer. */
interface Model {
  /** Latest content saved per id (what must never be lost while the item is on the phone). */
  latest: Map<string, { payload: string; version: number }>;
  /** Versions the server confirmed (ack accepted) or kept as a conflict copy, with their content. */
  onServer: Map<string, Map<number, string>>;
  /** Ids submitted at least once since created. */
  submitted: Set<string>;
  /** Last backoff delay per id in the current run of transport failures. */
  lastDelay: Map<string, number>;
}

function check(s: OutboxState, model: Model, now: number): void {
  for (const [id, want] of model.latest) {
    const it = s.items[id];
    // No loss: an item the model still holds is on the phone with its latest content.
    ok(it !== undefined, `item ${id} lost`);
    if (!it) return;
    eq(JSON.stringify(it.payload), want.payload, `content of ${id}`);
    eq(it.version, want.version, `version of ${id}`);
  }
  for (const it of Object.values(s.items)) {
    ok(model.latest.has(it.id), `unexpected item ${it.id}`);
    ok(it.sentVersion === null || it.sentVersion <= it.version, 'sentVersion > version');
    ok(it.ackedVersion === null || it.ackedVersion <= it.version, 'ackedVersion > version');
    if (it.status === 'sending') eq(it.sentVersion, it.version, 'sending another version');
    if (it.status === 'synced') {
      // Synced means the server confirmed THIS version: a late ack never stands for a newer edit.
      eq(it.ackedVersion, it.version, 'synced but the latest version was not acked');
      eq(
        model.onServer.get(it.id)?.get(it.version),
        JSON.stringify(it.payload),
        'synced content not on the server',
      );
      eq(it.sentVersion, null, 'synced with a send in flight');
    }
    if (it.status === 'conflict')
      ok(model.onServer.get(it.id)?.has(it.version) === true, 'conflict copy not on the server');
    if (it.status === 'queued' && it.nextAttemptAt !== null)
      ok(it.nextAttemptAt - now <= DEFAULT_BACKOFF.capMs, 'wait beyond the cap');
  }
}

function step(state: OutboxState, c: Cmd, model: Model, clock: { now: number }): OutboxState {
  const now = clock.now;
  const id = 'id' in c ? IDS[c.id] : '';
  const before: OutboxItem | undefined = id ? state.items[id] : undefined;
  let event: OutboxEvent;
  switch (c.t) {
    case 'tick':
      clock.now += c.ms;
      return state;
    case 'restart':
      event = { type: 'restart' };
      break;
    case 'save':
      event = {
        type: 'save',
        id,
        kind: 'visit',
        payload: { c: c.content },
        attachments: [],
        mode: c.mode,
        now,
      };
      break;
    case 'start':
      event = { type: 'startSend', id, now, force: c.force };
      break;
    case 'retry':
      event = { type: 'retry', id, now };
      break;
    case 'remove':
      event = { type: 'remove', id };
      break;
    case 'discard':
      event = { type: 'discard', id };
      break;
    case 'answer': {
      const base = before?.sentVersion ?? before?.version ?? 1;
      const version = c.which === 'sent' ? base : c.which === 'stale' ? base - 1 : (before?.version ?? 1) + 1;
      if (c.answer === 'ack') event = { type: 'ack', id, version, now };
      else if (c.answer === 'conflict') event = { type: 'conflict', id, version, message: '冲突', now };
      else
        event = {
          type: 'fail',
          id,
          version,
          error: { code: c.answer === 'refuse' ? 'invalid-argument' : 'network', message: '原因' },
          retry: c.answer === 'transport',
          now,
          random: c.random,
        };
      break;
    }
  }
  const { state: next, changed } = reduce(state, event);
  const after = id ? next.items[id] : undefined;

  // Keep the model in step with what the event means, not with how the reducer does it.
  if (event.type === 'save' && changed.length) {
    const prev = model.latest.get(id);
    const payload = JSON.stringify(event.payload);
    const version = prev && prev.payload === payload ? prev.version : (prev?.version ?? 0) + 1;
    if (!before) model.onServer.delete(id);
    if (!before) model.submitted.delete(id);
    model.latest.set(id, { payload, version });
    if (event.mode === 'submit') model.submitted.add(id);
    model.lastDelay.delete(id);
  }
  if ((event.type === 'ack' || event.type === 'conflict') && changed.length && before) {
    // Accepted only for the version in flight: the server now holds that version's content.
    eq(event.version, before.sentVersion, 'answer accepted for a version not in flight');
    const content = model.latest.get(id);
    const sentPayload = before.version === event.version ? JSON.stringify(before.payload) : undefined;
    const server = model.onServer.get(id) ?? new Map<number, string>();
    // An older version's content is not tracked; mark it so "synced" checks only the latest.
    server.set(event.version, sentPayload ?? `v${event.version}`);
    model.onServer.set(id, server);
    if (content && event.version === content.version) model.lastDelay.delete(id);
  }
  if (event.type === 'fail' && changed.length && before && after) {
    eq(event.version, before.sentVersion, 'answer accepted for a version not in flight');
    if (event.retry && after.nextAttemptAt !== null) {
      const delay = after.nextAttemptAt - now;
      const previous = model.lastDelay.get(id);
      // Backoff never shrinks within a run of failures, doubles at least, and stays under the cap.
      if (previous !== undefined && after.attempts > before.attempts) ok(delay >= previous, 'backoff shrank');
      const floor = Math.min(DEFAULT_BACKOFF.capMs, DEFAULT_BACKOFF.baseMs * 2 ** (after.attempts - 1));
      ok(delay >= floor, 'backoff below its floor');
      ok(delay <= DEFAULT_BACKOFF.capMs, 'backoff beyond the cap');
      model.lastDelay.set(id, delay);
    } else model.lastDelay.delete(id);
  }
  if (event.type === 'retry' && changed.length) model.lastDelay.delete(id);
  if ((event.type === 'remove' || event.type === 'discard') && changed.length && before) {
    if (event.type === 'remove') {
      // Leaves only when the server holds its latest version.
      ok(before.status === 'synced' || before.status === 'conflict', `removed while ${before.status}`);
      ok(
        model.onServer.get(id)?.has(before.version) === true,
        'removed before its latest version was on the server',
      );
    } else {
      ok(!model.submitted.has(id), 'discarded a submitted record');
    }
    model.latest.delete(id);
    model.lastDelay.delete(id);
  }
  if (event.type === 'startSend' && changed.length && before) {
    // A send goes out only for a queued item with nothing else in flight.
    eq(before.status, 'queued', 'sent an item that was not queued');
    eq(before.sentVersion, null, 'two sends in flight');
  }
  return next;
}

describe('outbox core: random interleavings (fast-check)', () => {
  it('backs off: never shorter than the last wait, at least doubling, then exactly the cap', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), {
          minLength: 1,
          maxLength: 30,
        }),
        (randoms) => {
          const id = IDS[0];
          let now = T0;
          let state = reduce(emptyState(), {
            type: 'save',
            id,
            kind: 'visit',
            payload: {},
            attachments: [],
            mode: 'submit',
            now,
          }).state;
          let previous = 0;
          randoms.forEach((random, i) => {
            state = reduce(state, { type: 'startSend', id, now, force: true }).state;
            state = reduce(state, {
              type: 'fail',
              id,
              version: 1,
              error: { code: 'network', message: '网络' },
              retry: true,
              now,
              random,
            }).state;
            const it = state.items[id];
            const delay = (it?.nextAttemptAt ?? 0) - now;
            const nominal = DEFAULT_BACKOFF.baseMs * 2 ** i;
            expect(it?.attempts).toBe(i + 1);
            expect(delay).toBeGreaterThanOrEqual(previous);
            expect(delay).toBeGreaterThanOrEqual(Math.min(DEFAULT_BACKOFF.capMs, nominal));
            expect(delay).toBeLessThanOrEqual(DEFAULT_BACKOFF.capMs);
            if (nominal >= DEFAULT_BACKOFF.capMs) expect(delay).toBe(DEFAULT_BACKOFF.capMs);
            else expect(delay).toBeLessThan(nominal * 2);
            previous = delay;
            now += delay;
          });
        },
      ),
      { seed: 42, numRuns: 300 },
    );
  });

  it('never loses an item, never marks a newer edit synced, backs off monotonically', () => {
    fc.assert(
      fc.property(fc.array(cmd, { minLength: 10, maxLength: 120, size: 'max' }), (cmds) => {
        let state = emptyState();
        const clock = { now: T0 };
        const model: Model = {
          latest: new Map(),
          onServer: new Map(),
          submitted: new Set(),
          lastDelay: new Map(),
        };
        for (const c of cmds) {
          state = step(state, c, model, clock);
          check(state, model, clock.now);
        }
      }),
      { seed: 20240611, numRuns: 400 },
    );
  });

  it('with a server that answers what it got, every submitted record ends synced and can leave', () => {
    fc.assert(
      fc.property(fc.array(cmd, { maxLength: 80, size: 'max' }), (cmds) => {
        let state = emptyState();
        const clock = { now: T0 };
        const model: Model = {
          latest: new Map(),
          onServer: new Map(),
          submitted: new Set(),
          lastDelay: new Map(),
        };
        for (const c of cmds) state = step(state, c, model, clock);
        // Then: restart, submit whatever is a draft or failed, and let a good network drain the queue.
        state = step(state, { t: 'restart' }, model, clock);
        for (let i = 0; i < IDS.length; i += 1) {
          const it = state.items[IDS[i]];
          if (it && (it.status === 'draft' || it.status === 'failed'))
            state = reduce(state, {
              type: 'save',
              id: it.id,
              kind: 'visit',
              payload: it.payload,
              attachments: [],
              mode: 'submit',
              now: clock.now,
            }).state;
        }
        for (let round = 0; round < 3; round += 1) {
          for (let i = 0; i < IDS.length; i += 1) {
            state = step(state, { t: 'start', id: i, force: true }, model, clock);
            state = step(
              state,
              { t: 'answer', id: i, answer: 'ack', which: 'sent', random: 0 },
              model,
              clock,
            );
          }
        }
        for (const it of Object.values(state.items)) {
          expect(['synced', 'conflict']).toContain(it.status);
          state = step(state, { t: 'remove', id: IDS.indexOf(it.id as (typeof IDS)[number]) }, model, clock);
        }
        expect(Object.keys(state.items)).toEqual([]);
      }),
      { seed: 7, numRuns: 300 },
    );
  });
});
