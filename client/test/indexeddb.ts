/**
 * IndexedDB for component tests: fake-indexeddb (an in-memory implementation of
 * the spec) installed as the globals idb uses. jsdom lacks `structuredClone`,
 * which fake-indexeddb needs: Node's v8 serializer is the same algorithm.
 * Import this module first in a test; `resetIndexedDb()` gives a fresh, empty one.
 */
import { deserialize, serialize } from 'node:v8';

if (typeof globalThis.structuredClone !== 'function') {
  globalThis.structuredClone = <T>(value: T): T => deserialize(serialize(value)) as T;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
require('fake-indexeddb/auto');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { IDBFactory } = require('fake-indexeddb') as { IDBFactory: new () => IDBFactory };

/** Replaces the global indexedDB with an empty one (every database gone). */
export function resetIndexedDb(): void {
  globalThis.indexedDB = new IDBFactory();
}
