/**
 * Outbox storage in the browser (H5 build): IndexedDB through `idb` 8, one
 * object store `items` keyed by the item id. A put resolves when its
 * transaction completes, asked with `durability: 'strict'` (flushed to disk
 * before `complete`, where the browser supports the hint). The same size budget
 * as the mini-program applies, so the warnings and refusals behave alike on both
 * builds (IndexedDB itself would allow far more).
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { isOutboxItem, jsonBytes, type OutboxItem } from './core';
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

interface OutboxDb extends DBSchema {
  items: { key: string; value: OutboxItem };
}

export interface IdbStorageOptions {
  /** Separates outboxes (e.g. per signed-in user): part of the database name. */
  namespace?: string;
  limits?: StorageLimits;
}

const STORE = 'items';

export function createIdbStorage(options: IdbStorageOptions = {}): OutboxStorage {
  const name = `sgz-outbox${options.namespace ? `-${options.namespace}` : ''}`;
  const budget = new StorageBudget(options.limits ?? WEAPP_ENCRYPTED_LIMITS);
  let db: Promise<IDBPDatabase<OutboxDb>> | null = null;

  const open = (): Promise<IDBPDatabase<OutboxDb>> => {
    if (!db) {
      db = openDB<OutboxDb>(name, 1, {
        upgrade(database) {
          if (!database.objectStoreNames.contains(STORE))
            database.createObjectStore(STORE, { keyPath: 'id' });
        },
        terminated() {
          db = null; // the browser closed it (storage cleared): reopen next time
        },
      });
      db.catch(() => {
        db = null;
      });
    }
    return db;
  };

  const io = (e: unknown): OutboxStorageError =>
    e instanceof OutboxStorageError ? e : new OutboxStorageError('io', undefined, e);

  return {
    async loadAll(): Promise<OutboxItem[]> {
      try {
        const values: unknown[] = await (await open()).getAll(STORE);
        budget.clear();
        const items: OutboxItem[] = [];
        for (const value of values) {
          if (!isOutboxItem(value)) {
            console.warn('outbox: an entry with an unknown shape was left in IndexedDB');
            continue;
          }
          budget.set(value.id, jsonBytes(value));
          items.push(value);
        }
        return items;
      } catch (e) {
        throw io(e);
      }
    },
    async put(item: OutboxItem, reserve: WriteReserve = 'system'): Promise<void> {
      const bytes = jsonBytes(item);
      budget.check(item.id, bytes, reserve);
      try {
        const tx = (await open()).transaction(STORE, 'readwrite', { durability: 'strict' });
        await Promise.all([tx.store.put(item), tx.done]);
      } catch (e) {
        throw io(e);
      }
      budget.set(item.id, bytes);
    },
    async remove(id: string): Promise<void> {
      try {
        const tx = (await open()).transaction(STORE, 'readwrite', { durability: 'strict' });
        await Promise.all([tx.store.delete(id), tx.done]);
      } catch (e) {
        throw io(e);
      }
      budget.set(id, undefined);
    },
    usage: (): StorageUsage => budget.usage(),
  };
}

/** The build's storage: IndexedDB. */
export const createPlatformStorage: PlatformStorageFactory = (options) =>
  createIdbStorage({ namespace: options?.namespace });
