/**
 * Outbox storage in memory, for tests: same budget as the phone, items kept as
 * JSON text (so what is read back is a copy, as from real storage). Share one
 * instance between two runners to simulate a restart of the app.
 */
import { isOutboxItem, type OutboxItem } from './core';
import {
  StorageBudget,
  type OutboxStorageError,
  WEAPP_ENCRYPTED_LIMITS,
  serializeItem,
  storedBytes,
  type OutboxStorage,
  type StorageLimits,
  type StorageUsage,
  type WriteReserve,
} from './storage-api';

export interface MemoryStorage extends OutboxStorage {
  /** The stored JSON texts by id (read-only view for assertions). */
  readonly stored: ReadonlyMap<string, string>;
  /** When set, the next writes throw this (simulates a failing disk). */
  failWrites: OutboxStorageError | null;
}

export function createMemoryStorage(limits: StorageLimits = WEAPP_ENCRYPTED_LIMITS): MemoryStorage {
  const stored = new Map<string, string>();
  const budget = new StorageBudget(limits);
  const keyOf = (id: string) => `item:${id}`;

  const storage: MemoryStorage = {
    stored,
    failWrites: null,
    async loadAll(): Promise<OutboxItem[]> {
      budget.clear();
      const items: OutboxItem[] = [];
      for (const [id, text] of stored) {
        const value: unknown = JSON.parse(text);
        if (!isOutboxItem(value)) continue;
        budget.set(keyOf(id), storedBytes(keyOf(id), value));
        items.push(value);
      }
      return items;
    },
    async put(item: OutboxItem, reserve: WriteReserve = 'system'): Promise<void> {
      if (storage.failWrites) throw storage.failWrites;
      const key = keyOf(item.id);
      const bytes = storedBytes(key, item);
      budget.check(key, bytes, reserve);
      stored.set(item.id, serializeItem(item));
      budget.set(key, bytes);
    },
    async remove(id: string): Promise<void> {
      if (storage.failWrites) throw storage.failWrites;
      stored.delete(id);
      budget.set(keyOf(id), undefined);
    },
    usage(): StorageUsage {
      return budget.usage();
    },
  };
  return storage;
}
