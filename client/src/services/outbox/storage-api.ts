/**
 * What the outbox needs from the phone's storage, and the size budget every
 * implementation shares (storage.weapp.ts: encrypted wx storage; storage.h5.ts:
 * IndexedDB; storage-memory.ts: tests). The interface lives here, not in
 * `storage.ts`: `./storage` resolves to the platform files (`storage.weapp.ts` /
 * `storage.h5.ts`), so a plain `storage.ts` would be shadowed.
 */
import { jsonBytes, type OutboxItem } from './core';

/**
 * Who asks for a write. `user` (a worker's save) is refused at the budget's
 * refuse line, so the phone never fills up; `system` (the runner recording an
 * answer: sending, synced, a retry time) may use the headroom above it, so an
 * item can always move towards leaving the phone.
 */
export type WriteReserve = 'user' | 'system';

export interface OutboxStorage {
  /** Every stored item (unreadable entries are skipped and reported in the console). */
  loadAll(): Promise<OutboxItem[]>;
  /** Writes one item; resolves only once the write is durable. Rejects with {@link OutboxStorageError}. */
  put(item: OutboxItem, reserve?: WriteReserve): Promise<void>;
  /** Deletes one item (no error when it is missing). */
  remove(id: string): Promise<void>;
  /** Bytes used by the outbox against its budget (kept in memory; exact after loadAll). */
  usage(): StorageUsage;
}

export type UsageLevel = 'ok' | 'warn' | 'full';

export interface StorageUsage {
  usedBytes: number;
  /** The platform's limit for everything (WeChat encrypted storage: about 7.1 MB). */
  budgetBytes: number;
  /** From here the worker is warned. */
  warnBytes: number;
  /** From here a worker's save is refused (room to spare below the platform's limit). */
  refuseBytes: number;
  level: UsageLevel;
}

export interface StorageLimits {
  /** The platform's total limit. */
  budgetBytes: number;
  /** The platform's limit per key. */
  perKeyBytes: number;
  /** Fraction of the budget where the warning starts. */
  warnFraction: number;
  /** Fraction of the budget where a worker's save is refused. */
  refuseFraction: number;
  /** Fraction of the budget that system writes may still use. */
  systemFraction: number;
  /** Fraction of `perKeyBytes` one item may use. */
  perKeyFraction: number;
}

const MiB = 1024 * 1024;

/**
 * WeChat with `encrypt: true`: 0.7 MB per key and about 7.1 MB in all (plain
 * storage: 1 MB and 10 MB). Warned at 50 %, a worker's save refused at 70 %, the
 * runner's own writes allowed to 90 %; one item at most 70 % of a key. Sizes are
 * counted as UTF-8 bytes of the JSON (3 bytes per Chinese character), which is
 * at least what WeChat counts.
 */
export const WEAPP_ENCRYPTED_LIMITS: StorageLimits = {
  budgetBytes: Math.floor(7.1 * MiB),
  perKeyBytes: Math.floor(0.7 * MiB),
  warnFraction: 0.5,
  refuseFraction: 0.7,
  systemFraction: 0.9,
  perKeyFraction: 0.7,
};

export type StorageErrorCode = 'full' | 'too-large' | 'io';

/** What a refused or failed write says to the worker (Simplified Chinese, with what to do). */
export const STORAGE_MESSAGES: Record<StorageErrorCode, string> = {
  full: '手机上待同步的记录已接近微信存储上限，暂时不能再保存。请连上网络点“立即同步”，同步后再继续填写。',
  'too-large': '这条记录内容太多，超过了手机单条存储的上限，请删减文字后再保存。',
  io: '保存到手机失败，请再试一次；如一直失败，请检查手机存储空间后重启小程序。',
};

export class OutboxStorageError extends Error {
  constructor(
    readonly code: StorageErrorCode,
    message: string = STORAGE_MESSAGES[code],
    readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'OutboxStorageError';
  }
}

/**
 * Size accounting shared by the storage implementations: the bytes of each
 * stored key (item keys and, on weapp, the index), checked before a write.
 */
export class StorageBudget {
  private readonly sizes = new Map<string, number>();
  private used = 0;

  constructor(readonly limits: StorageLimits) {}

  get usedBytes(): number {
    return this.used;
  }

  sizeOf(key: string): number {
    return this.sizes.get(key) ?? 0;
  }

  /** Throws {@link OutboxStorageError} when writing `bytes` under `key` is not allowed. */
  check(key: string, bytes: number, reserve: WriteReserve): void {
    const { budgetBytes, perKeyBytes, perKeyFraction, refuseFraction, systemFraction } = this.limits;
    if (bytes > perKeyBytes * perKeyFraction) throw new OutboxStorageError('too-large');
    const after = this.used - this.sizeOf(key) + bytes;
    if (after <= this.used) return; // shrinking or same size: always allowed
    const line = budgetBytes * (reserve === 'user' ? refuseFraction : systemFraction);
    if (after > line) throw new OutboxStorageError('full');
  }

  /** Records that `key` now holds `bytes` (0 or undefined: deleted). */
  set(key: string, bytes: number | undefined): void {
    this.used -= this.sizeOf(key);
    if (bytes === undefined || bytes <= 0) this.sizes.delete(key);
    else {
      this.sizes.set(key, bytes);
      this.used += bytes;
    }
  }

  clear(): void {
    this.sizes.clear();
    this.used = 0;
  }

  usage(): StorageUsage {
    const { budgetBytes, warnFraction, refuseFraction } = this.limits;
    const warnBytes = Math.floor(budgetBytes * warnFraction);
    const refuseBytes = Math.floor(budgetBytes * refuseFraction);
    const level: UsageLevel = this.used >= refuseBytes ? 'full' : this.used >= warnBytes ? 'warn' : 'ok';
    return { usedBytes: this.used, budgetBytes, warnBytes, refuseBytes, level };
  }
}

/** Stored form of an item on key-value storage: its JSON text (what the budget counts). */
export const serializeItem = (item: OutboxItem): string => JSON.stringify(item);

/** Bytes an item takes as stored JSON plus its key. */
export const storedBytes = (key: string, item: OutboxItem): number => key.length + jsonBytes(item);

/** What a platform's storage file exports as `createPlatformStorage`. */
export type PlatformStorageFactory = (options?: { namespace?: string }) => OutboxStorage;
