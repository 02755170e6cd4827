/**
 * Outbox test support: items made through the real reducer, a seeded random
 * source, a manual clock and manual timers (no test depends on the wall clock).
 */
import type { Result } from '@sgz/shared';
import {
  emptyState,
  reduce,
  type OutboxAttachment,
  type OutboxItem,
  type SaveMode,
} from '../src/services/outbox/core';
import type { OutboxTimers, SendReply } from '../src/services/outbox/outbox';

export const T0 = Date.UTC(2025, 2, 3, 1, 30); // 2025-03-03 09:30 Beijing

/** An item as the reducer makes it from one save. */
export function makeItem(
  id: string,
  payload: unknown,
  mode: SaveMode = 'submit',
  attachments: string[] = [],
): OutboxItem {
  const { state } = reduce(emptyState(), {
    type: 'save',
    id,
    kind: 'visit',
    payload,
    attachments,
    mode,
    now: T0,
  });
  const item = state.items[id];
  if (!item) throw new Error(`makeItem: bad id ${id}`);
  return item;
}

/** mulberry32: a small seeded generator in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A clock the test moves by hand. */
export function manualClock(start = T0) {
  const clock = { now: start, read: () => clock.now, advance: (ms: number) => (clock.now += ms) };
  return clock;
}

/** Timers that fire only when the test says so. */
export function manualTimers(): OutboxTimers & {
  pending: () => { fn: () => void; ms: number }[];
  fireAll: () => void;
} {
  let next = 1;
  const scheduled = new Map<number, { fn: () => void; ms: number }>();
  return {
    set(fn, ms) {
      const handle = next++;
      scheduled.set(handle, { fn, ms });
      return handle;
    },
    clear(handle) {
      scheduled.delete(handle as number);
    },
    pending: () => [...scheduled.values()],
    fireAll() {
      const due = [...scheduled.values()];
      scheduled.clear();
      due.forEach((t) => t.fn());
    },
  };
}

/** How the fake network and server treat the next calls. */
export type ServerMode =
  | 'ok'
  /** The request never arrives (offline). */
  | 'down'
  /** The server commits, the answer is lost on the way back. */
  | 'drop'
  /** The server commits, the answer never comes (the app is killed meanwhile). */
  | 'hang'
  /** The server refuses the content (invalid-argument). */
  | 'refuse';

export interface FakeServer {
  mode: ServerMode;
  /** Stored records: the version and content (payload + file ids) the server keeps. */
  readonly records: Map<string, { version: number; content: string }>;
  /** Conflict copies kept for the head. */
  readonly conflicts: { id: string; version: number; content: string }[];
  /** Files in cloud storage by path (a retry overwrites). */
  readonly files: Map<string, string>;
  readonly calls: { id: string; version: number; answer: string }[];
  send(item: OutboxItem): Promise<Result<SendReply>>;
  upload(attachment: OutboxAttachment): Promise<Result<{ fileId: string }>>;
}

const transport: Result<never> = {
  ok: false,
  error: { code: 'internal', message: '网络不太好，请稍后重试', details: { transport: true } },
};

/**
 * A server that follows the outbox contract (client/README.md, "Outbox"): a
 * record with the same id and version and the same content is a `duplicate`;
 * a newer version whose stored version is at least the edit's base
 * (`ackedVersion`) is an update; anything else is a `conflict` (both kept).
 */
export function createFakeServer(): FakeServer {
  const server: FakeServer = {
    mode: 'ok',
    records: new Map(),
    conflicts: [],
    files: new Map(),
    calls: [],
    async send(item) {
      const mode = server.mode;
      if (mode === 'down') return transport;
      if (mode === 'refuse') {
        server.calls.push({ id: item.id, version: item.version, answer: 'refused' });
        return {
          ok: false,
          error: { code: 'invalid-argument', message: '走访时间不能晚于现在，请修改后再提交' },
        };
      }
      const content = JSON.stringify({ payload: item.payload, files: item.attachments.map((a) => a.fileId) });
      const stored = server.records.get(item.id);
      let status: 'received' | 'duplicate' | 'conflict';
      if (!stored) status = 'received';
      else if (stored.version === item.version)
        status = stored.content === content ? 'duplicate' : 'conflict';
      else if (stored.version < item.version && stored.version >= (item.ackedVersion ?? 0))
        status = 'received';
      else status = 'conflict';
      if (status === 'received') server.records.set(item.id, { version: item.version, content });
      if (status === 'conflict') server.conflicts.push({ id: item.id, version: item.version, content });
      server.calls.push({ id: item.id, version: item.version, answer: status });
      if (mode === 'drop') return transport;
      if (mode === 'hang') return new Promise(() => undefined);
      return { ok: true, data: { status, version: item.version } };
    },
    async upload(attachment) {
      if (server.mode === 'down') return transport;
      server.files.set(attachment.cloudPath, attachment.localPath);
      if (server.mode === 'drop') return transport;
      return { ok: true, data: { fileId: `cloud://env/${attachment.cloudPath}` } };
    },
  };
  return server;
}
