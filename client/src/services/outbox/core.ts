/**
 * The outbox (待同步) state machine: PURE. No Taro, no storage, no clock, no
 * Math.random: the time (`now`) and the jitter (`random`) travel in the events.
 * `reduce(state, event)` returns the next state and the ids whose stored copy
 * must be rewritten (or deleted); the runner (outbox.ts) persists those.
 *
 * Lifecycle of one record (a visit, a case note, a supervision record…):
 *
 *   save(draft) ─▶ draft ──save(submit)──▶ queued ──startSend──▶ sending ──ack(v)──▶ synced ──remove──▶ (gone)
 *                                           ▲  ▲                  │  │  │
 *                     fail(retry), restart ─┘  └── edit meanwhile ┘  │  └─conflict(v)──▶ conflict ──remove──▶ (gone)
 *                                                                   └─fail(final)──▶ failed ──retry / save(submit)──▶ queued
 *
 * Rules that keep records safe (they are what the property test checks):
 * - an item leaves the phone (remove) only when the server confirmed its LATEST
 *   version (synced) or kept it as a conflict copy for the head (conflict);
 * - ack / fail / conflict answer only the version in flight (`sentVersion`): a
 *   late answer for an older version never marks a newer edit as synced;
 * - a `sending` item found at start (restart) goes back to `queued`: the send
 *   may or may not have reached the server; the server answers a resend of the
 *   same content `duplicate`, so resending is safe;
 * - transport failures back off exponentially (with jitter) up to a cap;
 *   refusals (invalid-argument…) are final `failed` with the server's Chinese reason.
 */
// The ids module alone: the shared index would pull every schema into this chunk.
import { CLIENT_ID_PATTERN, isClientId } from '@sgz/shared/ids';

/** Where a record is in its trip to the server. */
export type OutboxStatus = 'draft' | 'queued' | 'sending' | 'synced' | 'failed' | 'conflict';

export const OUTBOX_STATUSES: readonly OutboxStatus[] = [
  'draft',
  'queued',
  'sending',
  'synced',
  'failed',
  'conflict',
];

/** What each status reads as on the phone. */
export const STATUS_LABELS: Record<OutboxStatus, string> = {
  draft: '草稿',
  queued: '待同步',
  sending: '同步中',
  synced: '已同步',
  failed: '失败',
  conflict: '有冲突，待站长核对',
};

/** Statuses still waiting for the server (the home's 待同步 N and the 24 h warning). */
export const PENDING_STATUSES: readonly OutboxStatus[] = ['queued', 'sending', 'failed'];

/** A photo or file of a record. The file stays in the phone's file storage (`wx.saveFile`), never in key-value storage. */
export interface OutboxAttachment {
  /** Saved local path (survives restarts). */
  localPath: string;
  /** Fixed cloud path for this record and position: a retry overwrites, never duplicates. */
  cloudPath: string;
  uploaded: boolean;
  /** File id the upload answered (cloud://…), once uploaded. */
  fileId: string | null;
}

/** Why the last attempt did not go through: the error code and the Chinese reason to show. */
export interface OutboxError {
  code: string;
  message: string;
}

export interface OutboxItem<P = unknown> {
  /** Made on the phone ({@link CLIENT_ID_PATTERN}); the record's `_id` on the server. */
  id: string;
  /** Which feature the record belongs to (`visit`, `caseNote`, …): picks the sender. */
  kind: string;
  /** Bumped on every local edit that changes the content. Starts at 1. */
  version: number;
  payload: P;
  attachments: OutboxAttachment[];
  status: OutboxStatus;
  /** Failed attempts since the last success or edit. */
  attempts: number;
  /** Not before this time (ms) unless forced (tap, network back); null = now. */
  nextAttemptAt: number | null;
  lastError: OutboxError | null;
  createdAt: number;
  updatedAt: number;
  /** Version handed to the server and not answered yet; null when nothing is in flight. */
  sentVersion: number | null;
  /** Latest version the server confirmed (received or duplicate): the base of the next edit. */
  ackedVersion: number | null;
  /** When the record was first submitted; a draft never submitted may be discarded. */
  firstSubmittedAt: number | null;
  /** Start of the current wait for the server (queued/sending/failed); null otherwise. */
  queuedAt: number | null;
}

/** All items by id. Ids follow CLIENT_ID_PATTERN, so never `__proto__`. */
export interface OutboxState {
  readonly items: Readonly<Record<string, OutboxItem>>;
}

export type SaveMode = 'draft' | 'submit';

export type OutboxEvent =
  | {
      type: 'save';
      id: string;
      kind: string;
      payload: unknown;
      /** Local paths of the attachments, in order. */
      attachments: readonly string[];
      mode: SaveMode;
      now: number;
      /**
       * For a record not on the phone that the server already has (opened from the
       * server to edit): its version there, so the edit is the next version on top.
       */
      serverVersion?: number;
    }
  /** The worker taps 重试 on a failed item, or 立即同步: due now, attempts reset. */
  | { type: 'retry'; id: string; now: number }
  | { type: 'startSend'; id: string; now: number; force?: boolean }
  | { type: 'uploaded'; id: string; index: number; localPath: string; fileId: string }
  | { type: 'ack'; id: string; version: number; now: number }
  | {
      type: 'fail';
      id: string;
      version: number;
      error: OutboxError;
      /** true: try again later (transport, busy server); false: final refusal. */
      retry: boolean;
      now: number;
      /** In [0, 1): the jitter of the backoff. */
      random: number;
    }
  | { type: 'conflict'; id: string; version: number; message: string; now: number }
  | { type: 'restart' }
  | { type: 'remove'; id: string }
  | { type: 'discard'; id: string };

export interface Transition {
  state: OutboxState;
  /** Ids whose stored copy changed (present: rewrite; absent from state: delete). */
  changed: string[];
  /** Why an event was ignored (not an error: late answers are expected). */
  ignored?: string;
}

export const emptyState = (): OutboxState => ({ items: {} });

/** The state holding these items (as loaded from storage). */
export function stateFromItems(items: readonly OutboxItem[]): OutboxState {
  const map: Record<string, OutboxItem> = {};
  for (const item of items) map[item.id] = item;
  return { items: map };
}

// ---------------------------------------------------------------------------
// Backoff

export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
  /** Extra fraction in [0, 1): the delay is multiplied by 1 + jitter × random. */
  jitter: number;
}

/** 5 s, 10 s, 20 s … up to 30 min, +0–50 % jitter (the cap applies after the jitter). */
export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 5_000, capMs: 30 * 60_000, jitter: 0.5 };

/**
 * Delay before attempt `attempts + 1` after `attempts` (≥ 1) failures in a row:
 * min(cap, base × 2^(attempts−1) × (1 + jitter × random)). With jitter < 1 the
 * delays never decrease (2^n ≥ 2^(n−1) × (1 + jitter)) and reach the cap.
 */
export function backoffDelay(
  attempts: number,
  random: number,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
): number {
  const n = Math.max(1, Math.floor(attempts));
  const r = Math.min(Math.max(random, 0), 0.999999);
  // 2^40 × 5 s is far past any cap: stop doubling there so the number stays finite.
  const raw = policy.baseMs * 2 ** Math.min(n - 1, 40) * (1 + policy.jitter * r);
  return Math.min(policy.capMs, Math.round(raw));
}

// ---------------------------------------------------------------------------
// Ids, paths and sizes

const BASE36 = '0123456789abcdefghijklmnopqrstuvwxyz';

/**
 * A new record id made on the phone: `<prefix><time base36>-<16 random base36>`,
 * e.g. `vs-lx3k9a2b-0k3j…`. `random` returns numbers in [0, 1) (Math.random on the
 * phone; a seeded one in tests). The prefix is letters and digits (and `-`).
 */
export function newClientId(now: number, random: () => number, prefix = 'ob'): string {
  let tail = '';
  for (let i = 0; i < 16; i += 1) tail += BASE36[Math.floor(random() * 36) % 36];
  const id = `${prefix}${Math.max(0, Math.floor(now)).toString(36)}-${tail}`;
  if (!isClientId(id)) throw new Error(`newClientId: bad prefix ${JSON.stringify(prefix)}`);
  return id;
}

/** File extension of a local path (`.jpg`), lower case; `.jpg` when there is none. */
function extensionOf(localPath: string): string {
  const m = /\.([A-Za-z0-9]{1,5})$/.exec(localPath);
  return m ? `.${m[1].toLowerCase()}` : '.jpg';
}

/**
 * The fixed cloud path of attachment `index` of a record: `outbox/<kind>/<id>/<index>.<ext>`.
 * The same record and position always give the same path, so a retried upload overwrites.
 */
export const attachmentCloudPath = (kind: string, id: string, index: number, localPath: string): string =>
  `outbox/${kind}/${id}/${index}${extensionOf(localPath)}`;

/** UTF-8 byte length of a string (no TextEncoder: older WeChat base libraries lack it). */
export function utf8Bytes(s: string): number {
  let total = 0;
  for (let i = 0; i < s.length; i += 1) {
    const c = s.charCodeAt(i);
    if (c < 0x80) total += 1;
    else if (c < 0x800) total += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      total += 4; // a surrogate pair is one 4-byte character
      i += 1;
    } else total += 3;
  }
  return total;
}

/** Size of a value as JSON in UTF-8 bytes: what a call or a storage key carries. */
export const jsonBytes = (value: unknown): number => utf8Bytes(JSON.stringify(value) ?? '');

// ---------------------------------------------------------------------------
// Queries

/** True when the item still waits for the server. */
export const isPending = (item: OutboxItem): boolean => PENDING_STATUSES.includes(item.status);

/** True when the server holds the latest version (or a conflict copy of it): the item may leave. */
export const isSettled = (item: OutboxItem): boolean =>
  item.status === 'synced' || item.status === 'conflict';

/** Items, oldest first (the order they are sent in). */
export const itemsInOrder = (state: OutboxState): OutboxItem[] =>
  Object.values(state.items).sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));

/**
 * The next item to send: the oldest queued one that is due (or any queued one when
 * `force`), skipping items already tried at their current version in this flush.
 */
export function nextToSend(
  state: OutboxState,
  now: number,
  force: boolean,
  triedVersions: ReadonlyMap<string, number> = new Map(),
): OutboxItem | undefined {
  return itemsInOrder(state).find(
    (item) =>
      item.status === 'queued' &&
      item.sentVersion === null &&
      (force || item.nextAttemptAt === null || item.nextAttemptAt <= now) &&
      (triedVersions.get(item.id) ?? 0) < item.version,
  );
}

export type StatusCounts = Record<OutboxStatus, number>;

export function countByStatus(state: OutboxState): StatusCounts {
  const counts: StatusCounts = { draft: 0, queued: 0, sending: 0, synced: 0, failed: 0, conflict: 0 };
  for (const item of Object.values(state.items)) counts[item.status] += 1;
  return counts;
}

/** Since when the longest-waiting pending item has waited (ms), or null. */
export function oldestPendingSince(state: OutboxState): number | null {
  let oldest: number | null = null;
  for (const item of Object.values(state.items)) {
    if (!isPending(item)) continue;
    const since = item.queuedAt ?? item.updatedAt;
    if (oldest === null || since < oldest) oldest = since;
  }
  return oldest;
}

/** The earliest `nextAttemptAt` in the future among queued items (for the retry timer), or null. */
export function nextWakeAt(state: OutboxState, now: number): number | null {
  let at: number | null = null;
  for (const item of Object.values(state.items)) {
    if (item.status !== 'queued' || item.nextAttemptAt === null || item.nextAttemptAt <= now) continue;
    if (at === null || item.nextAttemptAt < at) at = item.nextAttemptAt;
  }
  return at;
}

// ---------------------------------------------------------------------------
// The reducer

const same = (state: OutboxState, ignored: string): Transition => ({ state, changed: [], ignored });

const withItem = (state: OutboxState, item: OutboxItem): Transition => ({
  state: { items: { ...state.items, [item.id]: item } },
  changed: [item.id],
});

const without = (state: OutboxState, id: string): Transition => {
  const items = { ...state.items };
  delete items[id];
  return { state: { items }, changed: [id] };
};

/** True when the content (payload or attachment paths) differs: such a save is a new version. */
function contentChanged(item: OutboxItem, payload: unknown, attachments: readonly string[]): boolean {
  if (JSON.stringify(item.payload) !== JSON.stringify(payload)) return true;
  if (item.attachments.length !== attachments.length) return true;
  return item.attachments.some((a, i) => a.localPath !== attachments[i]);
}

/** Attachments for new paths: positions whose file is unchanged keep their upload. */
function nextAttachments(
  kind: string,
  id: string,
  previous: readonly OutboxAttachment[],
  paths: readonly string[],
): OutboxAttachment[] {
  return paths.map((localPath, index) => {
    const before = previous[index];
    const cloudPath = attachmentCloudPath(kind, id, index, localPath);
    if (before && before.localPath === localPath && before.cloudPath === cloudPath) return before;
    return { localPath, cloudPath, uploaded: false, fileId: null };
  });
}

function save(state: OutboxState, e: Extract<OutboxEvent, { type: 'save' }>): Transition {
  if (!isClientId(e.id)) return same(state, 'bad id');
  const before = state.items[e.id];
  const submit = e.mode === 'submit';
  if (!before) {
    const base = e.serverVersion !== undefined && e.serverVersion >= 1 ? Math.floor(e.serverVersion) : null;
    return withItem(state, {
      id: e.id,
      kind: e.kind,
      version: (base ?? 0) + 1,
      payload: e.payload,
      attachments: nextAttachments(e.kind, e.id, [], e.attachments),
      status: submit ? 'queued' : 'draft',
      attempts: 0,
      nextAttemptAt: null,
      lastError: null,
      createdAt: e.now,
      updatedAt: e.now,
      sentVersion: null,
      ackedVersion: base,
      firstSubmittedAt: submit ? e.now : null,
      queuedAt: submit ? e.now : null,
    });
  }
  if (before.kind !== e.kind) return same(state, 'kind mismatch');
  const changed = contentChanged(before, e.payload, e.attachments);

  if (!changed) {
    // Same content: a draft save changes nothing; a submit sends a draft or a failed item.
    if (!submit || !(before.status === 'draft' || before.status === 'failed'))
      return same(state, 'unchanged');
    return withItem(state, {
      ...before,
      status: 'queued',
      attempts: 0,
      nextAttemptAt: null,
      lastError: null,
      updatedAt: e.now,
      firstSubmittedAt: before.firstSubmittedAt ?? e.now,
      queuedAt: before.queuedAt ?? e.now,
    });
  }

  // A new version. A draft autosave takes the record out of the queue until it is
  // submitted again (half-typed forms are never sent); an answer still in flight
  // (sentVersion) is for the old version and will not mark this one synced.
  const stillPending = before.queuedAt !== null && before.status !== 'synced' && before.status !== 'conflict';
  return withItem(state, {
    ...before,
    version: before.version + 1,
    payload: e.payload,
    attachments: nextAttachments(before.kind, before.id, before.attachments, e.attachments),
    status: submit ? 'queued' : 'draft',
    attempts: 0,
    nextAttemptAt: null,
    lastError: null,
    updatedAt: e.now,
    firstSubmittedAt: before.firstSubmittedAt ?? (submit ? e.now : null),
    queuedAt: submit ? (stillPending ? before.queuedAt : e.now) : null,
  });
}

function reduceOne(state: OutboxState, event: OutboxEvent): Transition {
  if (event.type === 'save') return save(state, event);
  if (event.type === 'restart') {
    // Nothing is in flight after a restart: whatever was being sent is queued again.
    const items: Record<string, OutboxItem> = { ...state.items };
    const changed: string[] = [];
    for (const item of Object.values(state.items)) {
      if (item.status !== 'sending' && item.sentVersion === null) continue;
      items[item.id] = {
        ...item,
        status: item.status === 'sending' ? 'queued' : item.status,
        sentVersion: null,
      };
      changed.push(item.id);
    }
    return { state: { items }, changed };
  }

  const item = state.items[event.id];
  if (!item) return same(state, 'no such item');

  switch (event.type) {
    case 'retry': {
      if (item.status !== 'failed' && item.status !== 'queued') return same(state, 'not retryable');
      if (item.status === 'queued' && item.attempts === 0 && item.nextAttemptAt === null)
        return same(state, 'already due');
      return withItem(state, {
        ...item,
        status: 'queued',
        attempts: 0,
        nextAttemptAt: null,
        queuedAt: item.queuedAt ?? event.now,
        updatedAt: event.now,
      });
    }
    case 'startSend': {
      if (item.status !== 'queued' || item.sentVersion !== null) return same(state, 'not queued');
      if (!event.force && item.nextAttemptAt !== null && item.nextAttemptAt > event.now)
        return same(state, 'not due');
      return withItem(state, { ...item, status: 'sending', sentVersion: item.version, updatedAt: event.now });
    }
    case 'uploaded': {
      const a = item.attachments[event.index];
      if (!a || a.localPath !== event.localPath) return same(state, 'attachment changed');
      if (a.uploaded && a.fileId === event.fileId) return same(state, 'already uploaded');
      const attachments = item.attachments.slice();
      attachments[event.index] = { ...a, uploaded: true, fileId: event.fileId };
      return withItem(state, { ...item, attachments });
    }
    case 'ack': {
      if (item.sentVersion === null || event.version !== item.sentVersion)
        return same(state, 'not the version sent');
      const latest = event.version === item.version;
      return withItem(state, {
        ...item,
        ackedVersion: Math.max(item.ackedVersion ?? 0, event.version),
        sentVersion: null,
        // Edited meanwhile: the newer version stays queued (or draft) and is due now.
        status: latest ? 'synced' : item.status,
        attempts: 0,
        nextAttemptAt: null,
        lastError: null,
        queuedAt: latest ? null : item.queuedAt,
        updatedAt: event.now,
      });
    }
    case 'fail': {
      if (item.sentVersion === null || event.version !== item.sentVersion)
        return same(state, 'not the version sent');
      const latest = event.version === item.version;
      const attempts = item.attempts + 1;
      if (event.retry) {
        return withItem(state, {
          ...item,
          sentVersion: null,
          status: item.status === 'sending' ? 'queued' : item.status,
          attempts,
          nextAttemptAt: event.now + backoffDelay(attempts, event.random),
          lastError: event.error,
          updatedAt: event.now,
        });
      }
      // A refusal of an older version: the newer one may be fine, so it stays as it is.
      return withItem(state, {
        ...item,
        sentVersion: null,
        status: latest ? 'failed' : item.status,
        attempts: latest ? attempts : 0,
        nextAttemptAt: null,
        lastError: event.error,
        updatedAt: event.now,
      });
    }
    case 'conflict': {
      if (item.sentVersion === null || event.version !== item.sentVersion)
        return same(state, 'not the version sent');
      const latest = event.version === item.version;
      return withItem(state, {
        ...item,
        sentVersion: null,
        status: latest ? 'conflict' : item.status,
        attempts: 0,
        nextAttemptAt: null,
        lastError: { code: 'conflict', message: event.message },
        queuedAt: latest ? null : item.queuedAt,
        updatedAt: event.now,
      });
    }
    case 'remove':
      if (!isSettled(item) || item.sentVersion !== null) return same(state, 'not confirmed by the server');
      return without(state, item.id);
    case 'discard':
      if (item.status !== 'draft' || item.firstSubmittedAt !== null || item.sentVersion !== null)
        return same(state, 'only a draft never submitted may be discarded');
      return without(state, item.id);
  }
}

/** Applies one event. Never throws; an event that does not apply leaves the state as it is. */
export const reduce = (state: OutboxState, event: OutboxEvent): Transition => reduceOne(state, event);

// ---------------------------------------------------------------------------
// Reading stored items back

const STATUS_SET = new Set<string>(OUTBOX_STATUSES);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isNumOrNull = (v: unknown): v is number | null => v === null || isNum(v);

function isAttachment(v: unknown): v is OutboxAttachment {
  if (typeof v !== 'object' || v === null) return false;
  const a = v as Record<string, unknown>;
  return (
    typeof a.localPath === 'string' &&
    typeof a.cloudPath === 'string' &&
    typeof a.uploaded === 'boolean' &&
    (a.fileId === null || typeof a.fileId === 'string')
  );
}

/** True when a value read from storage has the shape of an item (else it is skipped, not trusted). */
export function isOutboxItem(v: unknown): v is OutboxItem {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return (
    typeof o.id === 'string' &&
    CLIENT_ID_PATTERN.test(o.id) &&
    typeof o.kind === 'string' &&
    isNum(o.version) &&
    'payload' in o &&
    Array.isArray(o.attachments) &&
    o.attachments.every(isAttachment) &&
    typeof o.status === 'string' &&
    STATUS_SET.has(o.status) &&
    isNum(o.attempts) &&
    isNumOrNull(o.nextAttemptAt) &&
    (o.lastError === null ||
      (typeof o.lastError === 'object' &&
        typeof (o.lastError as Record<string, unknown>).message === 'string')) &&
    isNum(o.createdAt) &&
    isNum(o.updatedAt) &&
    isNumOrNull(o.sentVersion) &&
    isNumOrNull(o.ackedVersion) &&
    isNumOrNull(o.firstSubmittedAt) &&
    isNumOrNull(o.queuedAt)
  );
}
