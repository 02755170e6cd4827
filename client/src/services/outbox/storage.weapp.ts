/**
 * Outbox storage on the mini-program: WeChat key-value storage, ENCRYPTED
 * (`encrypt: true`, which exists only on the async `wx.setStorage` /
 * `wx.getStorage`; the sync calls cannot read encrypted keys). One key per item
 * (`sgz.outbox.item.<id>`, the item's JSON) plus an index key
 * (`sgz.outbox.index`, the ids). Photos are not here: they stay files
 * (`wx.saveFile`, see files.weapp.ts), only their paths are stored.
 *
 * Limits with encryption: 0.7 MB per key, about 7.1 MB in all (WEAPP_ENCRYPTED_LIMITS
 * keeps a margin below both). Deleting the mini-program deletes this storage.
 *
 * Crash safety: a new id is written to the index before its item, and an item is
 * deleted before its id leaves the index; `loadAll` also scans the stored keys
 * (`wx.getStorageInfo`), so an item whose index write was lost is still found.
 *
 * Uses the global `wx` directly (not Taro): Taro's typings lack `encrypt`.
 */
import { isOutboxItem, jsonBytes, utf8Bytes, type OutboxItem } from './core';
import {
  OutboxStorageError,
  StorageBudget,
  WEAPP_ENCRYPTED_LIMITS,
  type OutboxStorage,
  type PlatformStorageFactory,
  type StorageLimits,
  type StorageUsage,
  type WriteReserve,
} from './storage-api';

interface WxFail {
  errMsg?: string;
}
interface WxCallbacks<T> {
  success?: (res: T) => void;
  fail?: (err: WxFail) => void;
}
/** The part of `wx` this file uses (callback style, which every base library supports). */
export interface WxStorageApi {
  setStorage(options: { key: string; data: unknown; encrypt?: boolean } & WxCallbacks<unknown>): void;
  getStorage(options: { key: string; encrypt?: boolean } & WxCallbacks<{ data: unknown }>): void;
  removeStorage(options: { key: string } & WxCallbacks<unknown>): void;
  getStorageInfo?(options: WxCallbacks<{ keys: string[]; currentSize?: number; limitSize?: number }>): void;
}

declare const wx: WxStorageApi | undefined;

export interface WeappStorageOptions {
  /** Separates outboxes (e.g. per signed-in user); letters, digits, `-`. */
  namespace?: string;
  /** Defaults to the global `wx`. */
  api?: WxStorageApi;
  limits?: StorageLimits;
  /** Encrypted storage (default true). Only tests of the plain limits turn it off. */
  encrypt?: boolean;
}

const errText = (e: unknown): string =>
  typeof e === 'object' && e !== null && typeof (e as WxFail).errMsg === 'string'
    ? String((e as WxFail).errMsg)
    : String(e);
/** A stored value as an object (values are stored as objects; a string is parsed, for old entries). */
function decode(stored: unknown): unknown {
  if (typeof stored !== 'string') return stored;
  try {
    return JSON.parse(stored) as unknown;
  } catch {
    return null;
  }
}

/**
 * Bytes a key takes: the key plus its value as JSON, in UTF-8 (WeChat serializes
 * values as JSON; storing objects, not JSON strings, avoids escaped quotes).
 */
const sizeOf = (key: string, value: unknown): number => utf8Bytes(key) + jsonBytes(value);

const isNotFound = (e: unknown): boolean => /not found|not exist|data not found/i.test(errText(e));

export function createWeappStorage(options: WeappStorageOptions = {}): OutboxStorage {
  const prefix = `sgz.outbox.${options.namespace ? `${options.namespace}.` : ''}`;
  const indexKey = `${prefix}index`;
  const itemPrefix = `${prefix}item.`;
  const keyOf = (id: string) => `${itemPrefix}${id}`;
  const encrypt = options.encrypt ?? true;
  const budget = new StorageBudget(options.limits ?? WEAPP_ENCRYPTED_LIMITS);
  /** Ids the index lists (what was last written to it). */
  let indexIds = new Set<string>();

  const api = (): WxStorageApi => {
    const found = options.api ?? (typeof wx === 'undefined' ? undefined : wx);
    if (!found) throw new OutboxStorageError('io', undefined, new Error('wx is not available'));
    return found;
  };

  const setKey = (key: string, data: unknown) =>
    new Promise<void>((resolve, reject) =>
      api().setStorage({
        key,
        data,
        encrypt,
        success: () => resolve(),
        fail: (e) => reject(new OutboxStorageError('io', undefined, e)),
      }),
    );
  /** The stored value, or null when the key does not exist. */
  const getKey = (key: string) =>
    new Promise<unknown>((resolve, reject) =>
      api().getStorage({
        key,
        encrypt,
        success: (res) => resolve(res.data === '' || res.data === undefined ? null : res.data),
        fail: (e) => (isNotFound(e) ? resolve(null) : reject(new OutboxStorageError('io', undefined, e))),
      }),
    );
  const removeKey = (key: string) =>
    new Promise<void>((resolve, reject) =>
      api().removeStorage({
        key,
        success: () => resolve(),
        fail: (e) => (isNotFound(e) ? resolve() : reject(new OutboxStorageError('io', undefined, e))),
      }),
    );
  const storedKeys = () =>
    new Promise<string[]>((resolve) => {
      const info = api().getStorageInfo;
      if (!info) return resolve([]);
      info.call(api(), {
        success: (res) => resolve(Array.isArray(res.keys) ? res.keys : []),
        fail: () => resolve([]),
      });
    });

  const indexValue = (ids: Set<string>) => ({ v: 1, ids: [...ids] });
  const writeIndex = async (ids: Set<string>, reserve: WriteReserve) => {
    const value = indexValue(ids);
    const bytes = sizeOf(indexKey, value);
    budget.check(indexKey, bytes, reserve);
    await setKey(indexKey, value);
    budget.set(indexKey, bytes);
    indexIds = new Set(ids);
  };

  // One operation at a time: index writes must not interleave.
  let chain: Promise<unknown> = Promise.resolve();
  const serial = <T>(op: () => Promise<T>): Promise<T> => {
    const run = chain.then(op, op);
    chain = run.catch(() => undefined);
    return run;
  };

  return {
    loadAll: () =>
      serial(async () => {
        budget.clear();
        let listed: string[] = [];
        try {
          const parsed = decode(await getKey(indexKey));
          if (parsed && typeof parsed === 'object' && Array.isArray((parsed as { ids?: unknown }).ids)) {
            listed = (parsed as { ids: unknown[] }).ids.filter((x): x is string => typeof x === 'string');
          }
          if (parsed !== null) budget.set(indexKey, sizeOf(indexKey, parsed));
        } catch (e) {
          console.warn('outbox: index unreadable, scanning keys instead', e);
        }
        const scanned = (await storedKeys())
          .filter((k) => k.startsWith(itemPrefix))
          .map((k) => k.slice(itemPrefix.length));
        const ids = new Set([...listed, ...scanned]);
        const keep = new Set<string>();
        const items: OutboxItem[] = [];
        for (const id of ids) {
          const key = keyOf(id);
          let stored: unknown;
          try {
            stored = await getKey(key);
          } catch (e) {
            // Unreadable now (not missing): keep it listed so a later launch can try again.
            console.warn(`outbox: item ${id} unreadable`, e);
            keep.add(id);
            continue;
          }
          if (stored === null) continue; // listed, never written (a save that did not finish)
          keep.add(id);
          const value = decode(stored);
          budget.set(key, sizeOf(key, value ?? stored));
          if (!isOutboxItem(value) || value.id !== id) {
            console.warn(`outbox: item ${id} has an unknown shape; left in storage`);
            continue;
          }
          items.push(value);
        }
        indexIds = new Set(listed);
        const sameIds = keep.size === indexIds.size && [...keep].every((id) => indexIds.has(id));
        if (!sameIds) {
          try {
            await writeIndex(keep, 'system');
          } catch (e) {
            console.warn('outbox: could not rewrite the index', e);
          }
        }
        return items;
      }),

    put: (item: OutboxItem, reserve: WriteReserve = 'system') =>
      serial(async () => {
        const key = keyOf(item.id);
        const bytes = sizeOf(key, item);
        budget.check(key, bytes, reserve);
        if (!indexIds.has(item.id)) {
          const ids = new Set(indexIds).add(item.id);
          // The index grows too: check both before writing either.
          const indexBytes = sizeOf(indexKey, indexValue(ids));
          const total = budget.usedBytes - budget.sizeOf(key) + bytes - budget.sizeOf(indexKey) + indexBytes;
          const line =
            budget.limits.budgetBytes *
            (reserve === 'user' ? budget.limits.refuseFraction : budget.limits.systemFraction);
          if (total > line && total > budget.usedBytes) throw new OutboxStorageError('full');
          await writeIndex(ids, reserve);
        }
        await setKey(key, item);
        budget.set(key, bytes);
      }),

    remove: (id: string) =>
      serial(async () => {
        await removeKey(keyOf(id));
        budget.set(keyOf(id), undefined);
        if (indexIds.has(id)) {
          const ids = new Set(indexIds);
          ids.delete(id);
          await writeIndex(ids, 'system');
        }
      }),

    usage: (): StorageUsage => budget.usage(),
  };
}

/** The build's storage: encrypted WeChat storage. */
export const createPlatformStorage: PlatformStorageFactory = (options) =>
  createWeappStorage({ namespace: options?.namespace });
