/**
 * The mini-program outbox storage (storage.weapp.ts) under miniprogram-simulate:
 * it runs against the `wx` object miniprogram-simulate installs. That `wx` has
 * only stubs for storage (setStorage succeeds, getStorage answers '', nothing is
 * kept), so the first test checks that our calls fit those stubs, and the rest
 * replace the four storage calls with a model of WeChat's encrypted storage
 * (test/wx-storage.ts: limits, encryption, async answers, missing keys).
 */
import { makeItem } from '../../../test/outbox';
import { WX_LIMITS, createWxStorageModel, type WxStorageModel } from '../../../test/wx-storage';
import { createWeappStorage, type WxStorageApi } from './storage.weapp';
import { OutboxStorageError, WEAPP_ENCRYPTED_LIMITS } from './storage-api';

type SimWx = WxStorageApi & Record<string, unknown>;
let simWx: SimWx;
let stubs: Pick<SimWx, 'setStorage' | 'getStorage' | 'removeStorage' | 'getStorageInfo'>;
let model: WxStorageModel;

beforeAll(() => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('miniprogram-simulate'); // installs its `wx` as a global
  simWx = (globalThis as unknown as { wx: SimWx }).wx;
  stubs = {
    setStorage: simWx.setStorage,
    getStorage: simWx.getStorage,
    removeStorage: simWx.removeStorage,
    getStorageInfo: simWx.getStorageInfo,
  };
});

beforeEach(() => {
  Object.assign(simWx, stubs);
});

function installModel(): WxStorageModel {
  model = createWxStorageModel();
  Object.assign(simWx, model.api);
  return model;
}

const ITEM_KEY = (id: string) => `sgz.outbox.item.${id}`;

describe('weapp outbox storage under miniprogram-simulate', () => {
  it('runs on miniprogram-simulate’s own wx (its storage stubs keep nothing)', async () => {
    const storage = createWeappStorage(); // the global wx, as on the phone
    await storage.put(makeItem('vs-a0000001', { note: '入户' }), 'user');
    await storage.remove('vs-a0000001');
    expect(await storage.loadAll()).toEqual([]);
  });

  it('writes one encrypted key per item plus an index, and reads them back after a restart', async () => {
    installModel();
    const a = makeItem('vs-a0000001', { note: '独居老人，血压偏高' });
    const b = makeItem('vs-b0000002', { note: '燃气灶已检查' }, 'draft');
    const storage = createWeappStorage();
    await storage.loadAll();
    await storage.put(a, 'user');
    await storage.put(b, 'user');
    expect([...model.entries.keys()].sort()).toEqual([
      'sgz.outbox.index',
      ITEM_KEY('vs-a0000001'),
      ITEM_KEY('vs-b0000002'),
    ]);
    expect([...model.entries.values()].every((e) => e.encrypted)).toBe(true);
    // Nothing is readable in clear (the sync API cannot decrypt).
    expect(String(model.api.getStorageSync(ITEM_KEY('vs-a0000001')))).not.toContain('独居');

    const restarted = createWeappStorage();
    const items = await restarted.loadAll();
    expect(items.map((i) => i.id).sort()).toEqual(['vs-a0000001', 'vs-b0000002']);
    expect(items.find((i) => i.id === 'vs-a0000001')?.payload).toEqual({ note: '独居老人，血压偏高' });
    expect(restarted.usage().usedBytes).toBe(model.encryptedBytes());

    await restarted.remove('vs-a0000001');
    expect(model.entries.has(ITEM_KEY('vs-a0000001'))).toBe(false);
    expect(model.entries.get('sgz.outbox.index')?.data).toEqual({ v: 1, ids: ['vs-b0000002'] });
  });

  it('finds an item whose index write was lost, and drops ids whose item was never written', async () => {
    installModel();
    const storage = createWeappStorage();
    await storage.loadAll();
    await storage.put(makeItem('vs-a0000001', {}), 'user');
    // A crash between the two writes of a new item: index lists a ghost; another item has no index entry.
    model.api.setStorage({
      key: 'sgz.outbox.index',
      data: { v: 1, ids: ['vs-a0000001', 'vs-ghost001'] },
      encrypt: true,
    });
    model.api.setStorage({
      key: ITEM_KEY('vs-c0000003'),
      data: makeItem('vs-c0000003', { x: 1 }),
      encrypt: true,
    });
    await new Promise((r) => setTimeout(r, 5));

    const items = await createWeappStorage().loadAll();
    expect(items.map((i) => i.id).sort()).toEqual(['vs-a0000001', 'vs-c0000003']);
    const index = model.entries.get('sgz.outbox.index')?.data as { ids: string[] };
    expect(index.ids.sort()).toEqual(['vs-a0000001', 'vs-c0000003']);
  });

  it('refuses a worker’s save well before WeChat’s 7.1 MB and never gets a refusal from WeChat', async () => {
    installModel();
    const storage = createWeappStorage();
    await storage.loadAll();
    const note = '走访记录'.repeat(7_000); // 84 KB of Chinese: one big visit
    let saved = 0;
    let refused: unknown = null;
    for (let i = 0; i < 200 && !refused; i += 1) {
      try {
        await storage.put(makeItem(`vs-fill-${String(i).padStart(4, '0')}`, { note }), 'user');
        saved += 1;
      } catch (e) {
        refused = e;
      }
    }
    expect(refused).toBeInstanceOf(OutboxStorageError);
    expect(refused).toMatchObject({ code: 'full' });
    expect((refused as Error).message).toContain('立即同步');
    expect(model.refusals).toEqual([]);
    const used = model.encryptedBytes();
    expect(used).toBeLessThanOrEqual(WEAPP_ENCRYPTED_LIMITS.budgetBytes * 0.7);
    expect(used).toBeGreaterThan(WEAPP_ENCRYPTED_LIMITS.budgetBytes * 0.6);
    expect(storage.usage()).toMatchObject({ level: 'warn', usedBytes: used });
    expect(saved).toBeGreaterThan(40);
    // The runner can still record answers for what is stored.
    const first = (await storage.loadAll())[0];
    await storage.put({ ...first, status: 'synced', ackedVersion: 1 }, 'system');
    expect(model.peakEncryptedBytes()).toBeLessThan(WX_LIMITS.encrypted.total);
  });

  it('refuses one item over 70 % of a key before WeChat’s 0.7 MB per key', async () => {
    installModel();
    const storage = createWeappStorage();
    await storage.loadAll();
    const big = makeItem('vs-big00001', { note: '字'.repeat(180_000) }); // 540 KB as UTF-8
    await expect(storage.put(big, 'system')).rejects.toMatchObject({ code: 'too-large' });
    expect(model.refusals).toEqual([]);
    expect(model.entries.has(ITEM_KEY('vs-big00001'))).toBe(false);
  });

  it('rejects a put when WeChat fails the write, so the screen never says 已保存', async () => {
    installModel();
    const storage = createWeappStorage();
    await storage.loadAll();
    await storage.put(makeItem('vs-a0000001', {}), 'user');
    model.failNext('setStorage', 'disk full');
    await expect(storage.put(makeItem('vs-a0000001', { edited: true }), 'user')).rejects.toMatchObject({
      code: 'io',
    });
    expect((await createWeappStorage().loadAll())[0].payload).toEqual({});
  });

  it('reads the items by scanning the keys when the index cannot be read', async () => {
    installModel();
    const storage = createWeappStorage();
    await storage.loadAll();
    await storage.put(makeItem('vs-a0000001', {}), 'user');
    await storage.put(makeItem('vs-b0000002', {}), 'user');
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    model.failNext('getStorage', 'internal error'); // the index read fails: keys are scanned instead
    const items = await createWeappStorage().loadAll();
    warn.mockRestore();
    expect(items.map((i) => i.id).sort()).toEqual(['vs-a0000001', 'vs-b0000002']);
  });
});
