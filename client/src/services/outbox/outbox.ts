/**
 * The outbox runner: keeps the items of core.ts on the phone's storage and sends
 * them, one call per item, oldest first.
 *
 * - `save()` resolves only after the item is durably stored: then the screen may say 已保存.
 * - `flush(trigger)` sends what is due: on launch, page show, network back, a tap,
 *   after a submit and when a retry time comes. It stops at the first transport
 *   failure (no network: the rest would fail too) and backs off.
 * - Photos upload first, to the item's fixed cloud paths, so a retry overwrites.
 * - The server answers `received` / `duplicate` (the same content again: an
 *   earlier send did arrive) / `conflict` (kept both for the head). Only then
 *   does the item count as on the server; settled items leave the phone after
 *   `syncedRetentionMs` (sooner when storage runs short).
 *
 * Time, randomness, timers and network events are injected, so tests are
 * deterministic. Nothing here knows about visits: a feature registers a `kind`.
 */
import type { Result, WireError } from '@sgz/shared';
import {
  PENDING_STATUSES,
  countByStatus,
  emptyState,
  isSettled,
  itemsInOrder,
  jsonBytes,
  newClientId,
  nextToSend,
  nextWakeAt,
  oldestPendingSince,
  reduce,
  stateFromItems,
  type OutboxAttachment,
  type OutboxEvent,
  type OutboxItem,
  type OutboxState,
  type SaveMode,
  type StatusCounts,
  type Transition,
} from './core';
import { OutboxStorageError, type OutboxStorage, type StorageUsage } from './storage-api';

/** The server's answer to one record. */
export interface SendReply {
  /** received: stored now; duplicate: this version was already stored; conflict: both kept for the head. */
  status: 'received' | 'duplicate' | 'conflict';
  /** The version the answer is about (the one sent). */
  version: number;
  /** Chinese text for a conflict (optional). */
  message?: string;
}

/**
 * One kind of record (走访 visit, case note, supervision record…). `send` makes
 * ONE call carrying the item (id, version, `ackedVersion` as the base it edits,
 * payload, uploaded file ids). It should not throw (callFunction never does);
 * a throw counts as a transport failure.
 */
export interface OutboxKind<P = unknown> {
  kind: string;
  /** Letters/digits starting new ids of this kind (default `ob`). */
  idPrefix?: string;
  send(item: OutboxItem<P>): Promise<Result<SendReply>>;
}

/** Uploads one attachment to `attachment.cloudPath` (overwriting); answers the file id. */
export type UploadFn = (
  attachment: OutboxAttachment,
  item: OutboxItem,
) => Promise<Result<{ fileId: string }>>;

export type FlushTrigger = 'launch' | 'show' | 'network' | 'tap' | 'save' | 'timer';
/** Triggers that try even items still waiting out their backoff. */
const FORCING: ReadonlySet<FlushTrigger> = new Set<FlushTrigger>(['launch', 'network', 'tap']);

export interface OutboxTimers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

/** Network status events: `subscribe` calls back with `true` when the phone is online again. */
export interface NetworkWatch {
  subscribe(onChange: (connected: boolean) => void): () => void;
}

export interface OutboxOptions {
  storage: OutboxStorage;
  kinds: readonly OutboxKind[];
  upload?: UploadFn;
  /** Deletes a saved local file once its record left the phone (best effort). */
  releaseFile?: (localPath: string) => Promise<void>;
  now?: () => number;
  /** In [0, 1): ids and backoff jitter. */
  random?: () => number;
  timers?: OutboxTimers;
  network?: NetworkWatch;
  /** One call's JSON stays under this (default 100 KB; checked when saving). */
  maxCallBytes?: number;
  /** How long synced / conflict items stay visible before they leave the phone (default 24 h). */
  syncedRetentionMs?: number;
  /** Server errors that may pass (internal, busy…) are retried this many times, then `failed`. */
  maxServerRetries?: number;
}

export interface SaveInput<P> {
  /** The record id (made when the form opened, so drafts and retries share it); new when absent. */
  id?: string;
  kind: string;
  payload: P;
  /** Saved local paths of photos/files, in order (files.ts `keepFile`). */
  attachments?: readonly string[];
  /** draft: autosave, not sent; submit: queue for sending. */
  mode: SaveMode;
  /** Editing a record the server has but the phone no longer keeps: its version on the server. */
  serverVersion?: number;
}

export interface OutboxSnapshot {
  /** False until the stored items are read (show a spinner, not "0"). */
  loaded: boolean;
  /** A flush is running. */
  syncing: boolean;
  /** Oldest first. */
  items: readonly OutboxItem[];
  counts: StatusCounts;
  /** Items still waiting for the server: 待同步 N (queued + sending + failed). */
  pending: number;
  /** Since when the longest-waiting pending item waits (ms); compare with 24 h. */
  oldestPendingSince: number | null;
  usage: StorageUsage;
  /** Why the stored items could not be read, or a server answer not recorded (rare). */
  storageError: string | null;
}

export interface FlushReport {
  attempted: number;
  synced: number;
  conflicts: number;
  failed: number;
  /** Stopped at a transport failure: the phone is probably offline. */
  offline: boolean;
}

export interface Outbox {
  /** Reads the stored items, re-queues what was being sent, watches the network, flushes. */
  start(): Promise<void>;
  /** Stops timers and the network watch (the app is closing, or a test ends). */
  stop(): void;
  save<P>(input: SaveInput<P>): Promise<Result<OutboxItem<P>>>;
  /** 重试 on a failed item (or 立即同步 on a waiting one): due now, then a flush. */
  retry(id: string): Promise<Result<OutboxItem>>;
  /** Deletes a draft that was never submitted (放弃草稿). */
  discard(id: string): Promise<Result<null>>;
  flush(trigger?: FlushTrigger): Promise<FlushReport>;
  get(id: string): OutboxItem | undefined;
  subscribe(listener: () => void): () => void;
  getSnapshot(): OutboxSnapshot;
  /** The injected clock (for the 24 h warning). */
  now(): number;
}

export const DEFAULT_MAX_CALL_BYTES = 100_000;
export const DAY_MS = 24 * 60 * 60 * 1000;

/** Chinese reasons the outbox itself gives. */
export const OUTBOX_MESSAGES = {
  tooLarge: '这条记录内容太多（超过单次上传的 100 KB），请删减文字或分成几条记录后再保存。',
  badId: '记录编号格式不对，请关闭后重新填写。',
  unknownKind: '这类记录暂时无法同步，请更新小程序后再试。',
  kindMismatch: '记录编号与记录类型不符，请关闭后重新填写。',
  noUpload: '这个版本不能上传照片，请更新小程序后再试。',
  versionMismatch: '服务器上的版本与手机上的不一致，两份都已保留，等待站长核对。',
  conflict: '服务器上已有不同的内容，两份都已保留，等待站长核对。',
  notLoaded: '手机上的待同步记录还没读出来，请稍等片刻再保存。',
  notFound: '没有找到这条记录，可能已经同步完成。',
  notDiscardable: '已提交过的记录不能放弃，只能修改后重新提交。',
  network: '网络不太好，记录已保存在手机上，连网后会自动同步。',
} as const;

/** Server codes worth another try (busy, signed out…); the rest are final refusals. */
const RETRYABLE_CODES: ReadonlySet<string> = new Set(['internal', 'resource-exhausted', 'unauthenticated']);

/** True when the failure happened before the function answered (call.ts marks it `details.transport`). */
export const isTransportFailure = (error: WireError): boolean =>
  typeof error.details === 'object' &&
  error.details !== null &&
  (error.details as { transport?: unknown }).transport === true;

const transportError = (): WireError => ({
  code: 'internal',
  message: OUTBOX_MESSAGES.network,
  details: { transport: true },
});

const fail = <T>(code: WireError['code'], message: string): Result<T> => ({
  ok: false,
  error: { code, message },
});

export function createOutbox(options: OutboxOptions): Outbox {
  const { storage } = options;
  const kinds = new Map(options.kinds.map((k) => [k.kind, k]));
  const now = options.now ?? (() => Date.now());
  const random = options.random ?? Math.random;
  const timers: OutboxTimers = options.timers ?? {
    set: (fn, ms) => setTimeout(fn, ms),
    clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  };
  const maxCallBytes = options.maxCallBytes ?? DEFAULT_MAX_CALL_BYTES;
  const retentionMs = options.syncedRetentionMs ?? DAY_MS;
  const maxServerRetries = options.maxServerRetries ?? 8;

  let state: OutboxState = emptyState();
  let loaded = false;
  let loading: Promise<boolean> | null = null;
  let syncing = false;
  let storageError: string | null = null;
  let stopped = false;
  let unwatch: (() => void) | null = null;
  let wakeHandle: unknown = null;
  let flushing: Promise<FlushReport> | null = null;
  let rerun = false;
  let rerunForce = false;
  const listeners = new Set<() => void>();

  // --- snapshot for the UI -------------------------------------------------
  const build = (): OutboxSnapshot => {
    const counts = countByStatus(state);
    return {
      loaded,
      syncing,
      items: itemsInOrder(state),
      counts,
      pending: PENDING_STATUSES.reduce((n, s) => n + counts[s], 0),
      oldestPendingSince: oldestPendingSince(state),
      usage: storage.usage(),
      storageError,
    };
  };
  let snapshot = build();
  const emit = () => {
    snapshot = build();
    listeners.forEach((fn) => fn());
  };

  // --- one change at a time --------------------------------------------------
  let chain: Promise<unknown> = Promise.resolve();
  const locked = <T>(op: () => Promise<T>): Promise<T> => {
    const run = chain.then(op, op);
    chain = run.catch(() => undefined);
    return run;
  };

  /**
   * Applies a runner event (not a worker's save): the state moves on even if
   * storage fails, because every such failure is safe to replay (a lost `synced`
   * means one resend, answered `duplicate`).
   */
  const apply = (event: OutboxEvent): Promise<Transition> =>
    locked(async () => {
      const t = reduce(state, event);
      if (t.changed.length === 0) return t;
      state = t.state;
      for (const id of t.changed) {
        const item = state.items[id];
        try {
          if (item) await storage.put(item, 'system');
          else await storage.remove(id);
          storageError = null;
        } catch (e) {
          storageError = e instanceof Error ? e.message : String(e);
          console.warn('outbox: could not record a change', e);
        }
      }
      emit();
      return t;
    });

  const load = (): Promise<boolean> => {
    if (loaded) return Promise.resolve(true);
    if (!loading) {
      loading = locked(async () => {
        try {
          const items = await storage.loadAll();
          const t = reduce(stateFromItems(items), { type: 'restart' });
          state = t.state;
          for (const id of t.changed) {
            const item = state.items[id];
            if (item) await storage.put(item, 'system').catch((e) => console.warn('outbox: re-queue', e));
          }
          loaded = true;
          storageError = null;
        } catch (e) {
          storageError = e instanceof OutboxStorageError ? e.message : OUTBOX_MESSAGES.notLoaded;
          console.warn('outbox: could not read the stored items', e);
        }
        emit();
        return loaded;
      }).finally(() => {
        loading = null;
      });
    }
    return loading;
  };

  // --- sending ---------------------------------------------------------------
  type Outcome = 'ok' | 'transport' | 'refused' | 'skipped';

  const recordFailure = async (id: string, version: number, error: WireError): Promise<Outcome> => {
    const transport = isTransportFailure(error);
    const attempts = state.items[id]?.attempts ?? 0;
    const retry = transport || (RETRYABLE_CODES.has(error.code) && attempts + 1 < maxServerRetries);
    await apply({
      type: 'fail',
      id,
      version,
      error: { code: transport ? 'network' : error.code, message: error.message },
      retry,
      now: now(),
      random: random(),
    });
    return transport ? 'transport' : 'refused';
  };

  const sendOne = async (id: string, force: boolean): Promise<Outcome> => {
    await apply({ type: 'startSend', id, now: now(), force });
    const started = state.items[id];
    if (!started || started.status !== 'sending' || started.sentVersion === null) return 'skipped';
    const version = started.sentVersion;
    // What goes out is the item as it was when sending started; an edit meanwhile is a later version.
    let sending: OutboxItem = started;

    for (let index = 0; index < sending.attachments.length; index += 1) {
      const attachment = sending.attachments[index];
      if (attachment.uploaded) continue;
      let res: Result<{ fileId: string }>;
      try {
        res = options.upload
          ? await options.upload(attachment, sending)
          : fail('failed-precondition', OUTBOX_MESSAGES.noUpload);
      } catch {
        res = { ok: false, error: transportError() };
      }
      if (!res.ok) return recordFailure(id, version, res.error);
      const { fileId } = res.data;
      await apply({ type: 'uploaded', id, index, localPath: attachment.localPath, fileId });
      const attachments = sending.attachments.slice();
      attachments[index] = { ...attachment, uploaded: true, fileId };
      sending = { ...sending, attachments };
    }

    const kind = kinds.get(sending.kind);
    if (!kind)
      return recordFailure(id, version, {
        code: 'failed-precondition',
        message: OUTBOX_MESSAGES.unknownKind,
      });
    if (jsonBytes(sending) > maxCallBytes)
      return recordFailure(id, version, { code: 'invalid-argument', message: OUTBOX_MESSAGES.tooLarge });

    let res: Result<SendReply>;
    try {
      res = await kind.send(sending);
    } catch {
      res = { ok: false, error: transportError() };
    }
    if (!res.ok) return recordFailure(id, version, res.error);
    const reply = res.data;
    if (reply.status === 'conflict' || reply.version !== version) {
      const message =
        reply.status === 'conflict'
          ? (reply.message ?? OUTBOX_MESSAGES.conflict)
          : OUTBOX_MESSAGES.versionMismatch;
      await apply({ type: 'conflict', id, version, message, now: now() });
      return 'ok';
    }
    await apply({ type: 'ack', id, version, now: now() });
    return 'ok';
  };

  const releaseFiles = (item: OutboxItem) => {
    if (!options.releaseFile) return;
    for (const a of item.attachments) {
      options.releaseFile(a.localPath).catch((e) => console.warn('outbox: could not delete a local file', e));
    }
  };

  /** Settled items leave after the retention time, or at once when storage runs short. */
  const prune = async () => {
    const t = now();
    const short = storage.usage().level !== 'ok';
    for (const item of itemsInOrder(state)) {
      if (!isSettled(item) || (!short && item.updatedAt + retentionMs > t)) continue;
      const r = await apply({ type: 'remove', id: item.id });
      if (r.changed.length) releaseFiles(item);
    }
  };

  const scheduleWake = () => {
    if (wakeHandle !== null) timers.clear(wakeHandle);
    wakeHandle = null;
    if (stopped) return;
    const t = now();
    const at = nextWakeAt(state, t);
    if (at === null) return;
    wakeHandle = timers.set(() => {
      wakeHandle = null;
      void flush('timer');
    }, at - t);
  };

  const setSyncing = (value: boolean) => {
    if (syncing === value) return;
    syncing = value;
    emit();
  };

  const flushOnce = async (force: boolean): Promise<FlushReport> => {
    const report: FlushReport = { attempted: 0, synced: 0, conflicts: 0, failed: 0, offline: false };
    const tried = new Map<string, number>();
    while (!stopped) {
      const item = nextToSend(state, now(), force, tried);
      if (!item) break;
      tried.set(item.id, item.version);
      report.attempted += 1;
      const outcome = await sendOne(item.id, force);
      const after = state.items[item.id];
      if (after?.status === 'synced') report.synced += 1;
      if (after?.status === 'conflict') report.conflicts += 1;
      if (after?.status === 'failed') report.failed += 1;
      if (outcome === 'transport') {
        report.offline = true;
        break;
      }
    }
    return report;
  };

  const flush = (trigger: FlushTrigger = 'tap'): Promise<FlushReport> => {
    const force = FORCING.has(trigger);
    if (flushing) {
      rerun = true;
      rerunForce = rerunForce || force;
      return flushing;
    }
    flushing = (async () => {
      const total: FlushReport = { attempted: 0, synced: 0, conflicts: 0, failed: 0, offline: false };
      if (!(await load())) return total;
      setSyncing(true);
      let f = force;
      for (;;) {
        rerun = false;
        rerunForce = false;
        const r = await flushOnce(f);
        total.attempted += r.attempted;
        total.synced += r.synced;
        total.conflicts += r.conflicts;
        total.failed += r.failed;
        total.offline = r.offline;
        // Another trigger came meanwhile: go again, unless offline and it was not the network coming back.
        if (stopped || !rerun || (r.offline && !rerunForce)) break;
        f = rerunForce;
      }
      await prune();
      return total;
    })().finally(() => {
      flushing = null;
      rerun = false;
      setSyncing(false);
      scheduleWake();
    });
    return flushing;
  };

  // --- the worker's actions --------------------------------------------------
  const save = async <P>(input: SaveInput<P>): Promise<Result<OutboxItem<P>>> => {
    if (!(await load())) return fail('internal', storageError ?? OUTBOX_MESSAGES.notLoaded);
    const kind = kinds.get(input.kind);
    if (!kind) return fail('invalid-argument', OUTBOX_MESSAGES.unknownKind);
    const result = await locked(async (): Promise<Result<OutboxItem<P>>> => {
      const id = input.id ?? newClientId(now(), random, kind.idPrefix);
      const t = reduce(state, {
        type: 'save',
        id,
        kind: input.kind,
        payload: input.payload,
        attachments: input.attachments ?? [],
        mode: input.mode,
        now: now(),
        serverVersion: input.serverVersion,
      });
      if (t.ignored === 'bad id') return fail('invalid-argument', OUTBOX_MESSAGES.badId);
      if (t.ignored === 'kind mismatch') return fail('invalid-argument', OUTBOX_MESSAGES.kindMismatch);
      const item = t.state.items[id] as OutboxItem<P>;
      if (t.changed.length === 0) return { ok: true, data: item }; // same content: already stored
      if (jsonBytes(item) > maxCallBytes) return fail('invalid-argument', OUTBOX_MESSAGES.tooLarge);
      try {
        await storage.put(item, 'user');
      } catch (e) {
        const err = e instanceof OutboxStorageError ? e : new OutboxStorageError('io', undefined, e);
        return fail(err.code === 'full' ? 'resource-exhausted' : 'internal', err.message);
      }
      state = t.state;
      emit();
      return { ok: true, data: item };
    });
    if (result.ok && result.data.status === 'queued') void flush('save');
    return result;
  };

  const retry = async (id: string): Promise<Result<OutboxItem>> => {
    if (!(await load())) return fail('internal', storageError ?? OUTBOX_MESSAGES.notLoaded);
    if (!state.items[id]) return fail('not-found', OUTBOX_MESSAGES.notFound);
    await apply({ type: 'retry', id, now: now() });
    void flush('tap');
    const item = state.items[id];
    return item ? { ok: true, data: item } : fail('not-found', OUTBOX_MESSAGES.notFound);
  };

  const discard = async (id: string): Promise<Result<null>> => {
    if (!(await load())) return fail('internal', storageError ?? OUTBOX_MESSAGES.notLoaded);
    return locked(async (): Promise<Result<null>> => {
      const item = state.items[id];
      if (!item) return fail('not-found', OUTBOX_MESSAGES.notFound);
      const t = reduce(state, { type: 'discard', id });
      if (t.changed.length === 0) return fail('failed-precondition', OUTBOX_MESSAGES.notDiscardable);
      try {
        await storage.remove(id);
      } catch (e) {
        return fail('internal', e instanceof Error ? e.message : OUTBOX_MESSAGES.notLoaded);
      }
      state = t.state;
      emit();
      releaseFiles(item);
      return { ok: true, data: null };
    });
  };

  return {
    async start() {
      stopped = false;
      await load();
      if (!unwatch && options.network) {
        unwatch = options.network.subscribe((connected) => {
          if (connected) void flush('network');
        });
      }
      await flush('launch');
    },
    stop() {
      stopped = true;
      unwatch?.();
      unwatch = null;
      if (wakeHandle !== null) timers.clear(wakeHandle);
      wakeHandle = null;
    },
    save,
    retry,
    discard,
    flush,
    get: (id) => state.items[id],
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    getSnapshot: () => snapshot,
    now,
  };
}
