/**
 * Property test of the whole runner (fast-check, async): random interleavings of
 * a worker's saves (drafts and submits), flush triggers, time passing, retry
 * timers, a network that is down, loses answers after the server committed, or
 * hangs until the app is killed, and app restarts, over one memory storage
 * shared across restarts. Then the network comes back, the worker submits what
 * is left, and the outbox drains. It must hold that:
 * - the server ends with the latest content of every record, and no conflict
 *   (a phone alone never causes one: resends are duplicates, edits name their base);
 * - nothing the worker saved is lost on the way (on the phone, or on the server).
 */
import fc from 'fast-check';
import {
  createFakeServer,
  manualClock,
  manualTimers,
  seededRandom,
  type FakeServer,
  type ServerMode,
} from '../../../test/outbox';
import { createOutbox, DAY_MS, type Outbox } from './outbox';
import { createMemoryStorage, type MemoryStorage } from './storage-memory';

const IDS = ['vs-prop-0001', 'vs-prop-0002', 'vs-prop-0003'] as const;

type Cmd =
  | { t: 'save'; id: number; mode: 'draft' | 'submit'; content: number }
  | { t: 'server'; mode: Exclude<ServerMode, 'refuse'> }
  | { t: 'flush'; trigger: 'show' | 'tap' | 'network' }
  | { t: 'tick'; ms: number }
  | { t: 'timers' }
  /** From now on requests wait on the way to the server… */
  | { t: 'hold' }
  /** …until delivered (in order); their answers come back. */
  | { t: 'deliver' }
  /** The app is killed; requests on the way arrive at the server or not. */
  | { t: 'crash'; arrive: boolean };

const idx = fc.integer({ min: 0, max: IDS.length - 1 });
const cmd: fc.Arbitrary<Cmd> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      t: fc.constant('save' as const),
      id: idx,
      mode: fc.constantFrom('draft' as const, 'submit' as const),
      content: fc.integer({ min: 0, max: 4 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      t: fc.constant('server' as const),
      mode: fc.constantFrom('ok' as const, 'ok' as const, 'down' as const, 'drop' as const, 'hang' as const),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      t: fc.constant('flush' as const),
      trigger: fc.constantFrom('show' as const, 'tap' as const, 'network' as const),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ t: fc.constant('tick' as const), ms: fc.integer({ min: 0, max: 2 * DAY_MS }) }),
  },
  { weight: 1, arbitrary: fc.constant({ t: 'timers' as const }) },
  { weight: 2, arbitrary: fc.constant({ t: 'hold' as const }) },
  { weight: 3, arbitrary: fc.constant({ t: 'deliver' as const }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('crash' as const), arrive: fc.boolean() }) },
);

/** Lets pending promise callbacks run; never waits for a hung send. */
async function settle(): Promise<void> {
  for (let i = 0; i < 300; i += 1) await Promise.resolve();
}

/** Requests held on the way to the server (the network is slow). */
interface Wire {
  holding: boolean;
  held: { deliver: () => Promise<void>; arrive: () => Promise<void> }[];
}

interface World {
  wire: Wire;
  storage: MemoryStorage;
  server: FakeServer;
  clock: ReturnType<typeof manualClock>;
  timers: ReturnType<typeof manualTimers>;
  outbox: Outbox;
  seed: number;
}

function boot(world: Omit<World, 'outbox' | 'timers'>): World {
  const timers = manualTimers();
  const outbox = createOutbox({
    storage: world.storage,
    kinds: [
      {
        kind: 'visit',
        send: (item) => {
          if (!world.wire.holding) return world.server.send(item);
          return new Promise((resolve) => {
            // The server may hang too: never wait for more than its commit.
            world.wire.held.push({
              deliver: () => Promise.race([world.server.send(item).then(resolve), settle()]),
              arrive: () => Promise.race([world.server.send(item).then(() => undefined), settle()]), // the answer goes nowhere
            });
          });
        },
      },
    ],
    now: world.clock.read,
    random: seededRandom(world.seed),
    timers,
  });
  void outbox.start();
  return { ...world, timers, outbox };
}

describe('outbox runner: random interleavings with lost answers and restarts (fast-check)', () => {
  it('ends with the latest content of every record on the server and no conflict', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(cmd, { minLength: 5, maxLength: 40, size: 'max' }), async (cmds) => {
        let world = boot({
          wire: { holding: false, held: [] },
          storage: createMemoryStorage(),
          server: createFakeServer(),
          clock: manualClock(),
          seed: 1,
        });
        /** The latest content the worker saved per record. */
        const latest = new Map<string, number>();
        await settle();

        for (const c of cmds) {
          switch (c.t) {
            case 'save': {
              const id = IDS[c.id];
              const onPhone = world.outbox.get(id);
              const res = await Promise.race([
                world.outbox.save({
                  id,
                  kind: 'visit',
                  payload: { c: c.content },
                  mode: c.mode,
                  // Reopened from the server after it left the phone: the edit builds on the server's version.
                  serverVersion: onPhone ? undefined : world.server.records.get(id)?.version,
                }),
                settle().then(() => null),
              ]);
              if (res === null) throw new Error('save did not resolve');
              expect(res.ok).toBe(true);
              latest.set(id, c.content);
              break;
            }
            case 'server':
              world.server.mode = c.mode;
              break;
            case 'flush':
              if (c.trigger === 'network') await Promise.race([world.outbox.flush('network'), settle()]);
              else await Promise.race([world.outbox.flush(c.trigger), settle()]);
              break;
            case 'tick':
              world.clock.advance(c.ms);
              break;
            case 'timers':
              world.timers.fireAll();
              break;
            case 'hold':
              world.wire.holding = true;
              break;
            case 'deliver': {
              world.wire.holding = false;
              const held = world.wire.held.splice(0);
              for (const h of held) await h.deliver();
              break;
            }
            case 'crash': {
              // The old runner never hears back: its held answers are never resolved.
              world.outbox.stop();
              const held = world.wire.held.splice(0);
              if (c.arrive) for (const h of held) await h.arrive();
              world.wire.holding = false;
              world = boot({ ...world, seed: world.seed + 1 });
              break;
            }
          }
          await settle();
          // Nothing saved is lost: each record is on the phone with its latest content, or the server has it.
          for (const [id, content] of latest) {
            const item = world.outbox.getSnapshot().loaded ? world.outbox.get(id) : undefined;
            if (!world.outbox.getSnapshot().loaded) continue;
            if (item) expect(item.payload).toEqual({ c: content });
            else
              expect(JSON.parse(world.server.records.get(id)?.content ?? 'null')?.payload).toEqual({
                c: content,
              });
          }
        }

        // The network is good again; the app restarts; the worker submits what is left; the outbox drains.
        world.server.mode = 'ok';
        world.outbox.stop();
        world.wire.held.splice(0);
        world.wire.holding = false;
        world = boot({ ...world, seed: world.seed + 1 });
        await world.outbox.flush('tap');
        for (const item of world.outbox.getSnapshot().items) {
          if (item.status === 'draft' || item.status === 'failed') {
            const res = await world.outbox.save({
              id: item.id,
              kind: 'visit',
              payload: item.payload,
              mode: 'submit',
            });
            expect(res.ok).toBe(true);
          }
        }
        await world.outbox.flush('tap');
        await world.outbox.flush('tap');

        expect(world.server.conflicts).toEqual([]);
        for (const [id, content] of latest) {
          expect(JSON.parse(world.server.records.get(id)?.content ?? 'null')?.payload).toEqual({
            c: content,
          });
          const item = world.outbox.get(id);
          if (item) expect(item.status).toBe('synced');
        }
        expect(world.outbox.getSnapshot().pending).toBe(0);
        world.outbox.stop();
      }),
      { seed: 1234, numRuns: 150 },
    );
  }, 60_000);
});
