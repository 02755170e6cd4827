/**
 * The H5 outbox storage (idb 8) against fake-indexeddb: what a put wrote is
 * there for a new instance (a page reload), removes stick, the budget refuses a
 * worker's save before the limit, and damaged entries are skipped.
 */
import { resetIndexedDb } from '../../../test/indexeddb';
import { makeItem } from '../../../test/outbox';
import { openDB } from 'idb';
import { jsonBytes } from './core';
import { createIdbStorage } from './storage.h5';
import { OutboxStorageError, type StorageLimits } from './storage-api';

beforeEach(() => resetIndexedDb());

const SMALL: StorageLimits = {
  budgetBytes: 10_000,
  perKeyBytes: 4_000,
  warnFraction: 0.5,
  refuseFraction: 0.7,
  systemFraction: 0.9,
  perKeyFraction: 0.7,
};

describe('H5 outbox storage (IndexedDB)', () => {
  it('keeps items across a reload and deletes removed ones', async () => {
    const a = makeItem('vs-a0000001', { note: '独居老人，血压偏高' });
    const b = makeItem('vs-b0000002', { note: '燃气灶已检查' }, 'draft');
    const first = createIdbStorage();
    await first.put(a, 'user');
    await first.put(b, 'user');
    await first.put({ ...a, status: 'sending', sentVersion: 1 });

    const reloaded = createIdbStorage();
    const items = await reloaded.loadAll();
    expect(items.map((i) => [i.id, i.status])).toEqual([
      ['vs-a0000001', 'sending'],
      ['vs-b0000002', 'draft'],
    ]);
    expect(items[0].payload).toEqual({ note: '独居老人，血压偏高' });
    expect(reloaded.usage().usedBytes).toBe(
      jsonBytes({ ...a, status: 'sending', sentVersion: 1 }) + jsonBytes(b),
    );

    await reloaded.remove('vs-a0000001');
    await reloaded.remove('vs-missing1'); // no error for a missing id
    expect((await createIdbStorage().loadAll()).map((i) => i.id)).toEqual(['vs-b0000002']);
  });

  it('keeps namespaces apart', async () => {
    await createIdbStorage({ namespace: 'u1' }).put(makeItem('vs-a0000001', {}), 'user');
    expect(await createIdbStorage({ namespace: 'u2' }).loadAll()).toEqual([]);
    expect(await createIdbStorage({ namespace: 'u1' }).loadAll()).toHaveLength(1);
  });

  it('warns at 50 %, refuses a worker’s save at 70 %, lets the runner record answers up to 90 %', async () => {
    const storage = createIdbStorage({ limits: SMALL });
    await storage.loadAll();
    const text = (n: number) => 'x'.repeat(n);
    const one = makeItem('vs-a0000001', { t: text(2_400) });
    await storage.put(one, 'user');
    expect(storage.usage().level).toBe('ok');
    await storage.put(makeItem('vs-b0000002', { t: text(2_400) }), 'user');
    expect(storage.usage().level).toBe('warn');

    const third = makeItem('vs-c0000003', { t: text(2_400) });
    await expect(storage.put(third, 'user')).rejects.toMatchObject({ code: 'full' });
    await expect(storage.put(third, 'user')).rejects.toBeInstanceOf(OutboxStorageError);
    // The runner may still write (e.g. an item's answer) in the headroom.
    await storage.put(third, 'system');
    expect(storage.usage().level).toBe('full');
    // Shrinking is always allowed.
    await storage.put({ ...one, payload: { t: 'short' } }, 'user');
    // Too large for one key: refused whoever asks.
    await expect(storage.put(makeItem('vs-d0000004', { t: text(3_000) }), 'system')).rejects.toMatchObject({
      code: 'too-large',
    });
    expect((await createIdbStorage({ limits: SMALL }).loadAll()).map((i) => i.id)).toEqual([
      'vs-a0000001',
      'vs-b0000002',
      'vs-c0000003',
    ]);
  });

  it('skips an entry that is not an item', async () => {
    await createIdbStorage().put(makeItem('vs-a0000001', {}), 'user');
    const db = await openDB('sgz-outbox', 1);
    await db.put('items', { id: 'vs-bad00001', status: 'lost' });
    db.close();
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect((await createIdbStorage().loadAll()).map((i) => i.id)).toEqual(['vs-a0000001']);
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
  });
});
