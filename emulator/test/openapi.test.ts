/** openapi through the real wx-server-sdk: subscribe-message outbox, msgSecCheck 87014, "not emulated". */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { request, startEmulator } from './helpers';

let emu: Awaited<ReturnType<typeof startEmulator>>;
let dataDir: string;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'emu-openapi-'));
  emu = await startEmulator({ dataDir, blockedWords: ['违禁测试词', 'forbidden-demo'] });
});
afterAll(async () => {
  await emu.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});
beforeEach(() => emu.app.reset());

type Capture = { ok: boolean; value?: Record<string, unknown>; errCode?: number; errMsg?: string };

test('subscribeMessage.send lands in the outbox (memory, file, admin API) and DELETE clears it', async () => {
  const r = (await emu.app.invoke('openapi', { send: true, touser: 'o-target' }, { OPENID: 'o-sender' })) as {
    send: Capture;
  };
  expect(r.send.ok).toBe(true);
  expect(r.send.value?.errCode).toBe(0);
  const list = emu.app.outbox.list();
  expect(list).toHaveLength(1);
  expect(list[0]).toMatchObject({
    senderOpenid: 'o-sender',
    touser: 'o-target',
    templateId: 'TEMPLATE_ID_TEST',
    page: 'pages/index/index',
    miniprogramState: 'developer',
    data: { thing1: { value: '预约成功' }, time2: { value: '2026-01-02 10:00' } },
  });
  const lines = fs.readFileSync(path.join(dataDir, 'outbox.jsonl'), 'utf8').trim().split('\n');
  expect(JSON.parse(lines[0]).touser).toBe('o-target');

  const get = await request(emu.url, { path: '/__admin/outbox' });
  expect((get.json() as { messages: unknown[] }).messages).toHaveLength(1);
  const del = await request(emu.url, { method: 'DELETE', path: '/__admin/outbox' });
  expect(del.status).toBe(200);
  expect(emu.app.outbox.list()).toHaveLength(0);
  expect(fs.readFileSync(path.join(dataDir, 'outbox.jsonl'), 'utf8')).toBe('');
});

test('a refused recipient gets 43101 through the SDK, nothing is recorded, and reset forgets the refusal', async () => {
  emu.app.outbox.refuse('o-refuser');
  const r = (await emu.app.invoke(
    'openapi',
    { send: true, touser: 'o-refuser' },
    { OPENID: 'o-sender' },
  )) as {
    send: Capture;
  };
  expect(r.send).toMatchObject({ ok: false, errCode: 43101 });
  expect(emu.app.outbox.list()).toHaveLength(0);
  const other = (await emu.app.invoke(
    'openapi',
    { send: true, touser: 'o-target' },
    { OPENID: 'o-sender' },
  )) as {
    send: Capture;
  };
  expect(other.send.ok).toBe(true);
  emu.app.reset();
  const again = (await emu.app.invoke(
    'openapi',
    { send: true, touser: 'o-refuser' },
    { OPENID: 'o-sender' },
  )) as {
    send: Capture;
  };
  expect(again.send.ok).toBe(true);
});

test('msgSecCheck answers 87014 for a blocked word, v1 and v2', async () => {
  const r = (await emu.app.invoke('openapi', { content: '这里有 违禁测试词 哦' }, { OPENID: 'o1' })) as {
    v1: Capture;
    v2: Capture;
  };
  expect(r.v1).toMatchObject({ ok: false, errCode: 87014 });
  expect(r.v1.errMsg).toMatch(/^openapi\.security\.msgSecCheck:fail/);
  expect(r.v2).toMatchObject({ ok: false, errCode: 87014 });
  const upper = (await emu.app.invoke('openapi', { content: 'FORBIDDEN-DEMO text' }, { OPENID: 'o1' })) as {
    v1: Capture;
  };
  expect(upper.v1.errCode).toBe(87014);
});

test('msgSecCheck passes clean text; v2 carries result {suggest:pass, label:100}', async () => {
  const r = (await emu.app.invoke('openapi', { content: '你好，预约下周二' }, { OPENID: 'o1' })) as {
    v1: Capture;
    v2: Capture;
  };
  expect(r.v1).toMatchObject({ ok: true, value: { errCode: 0 } });
  expect(r.v2.ok).toBe(true);
  expect(r.v2.value?.result).toEqual({ suggest: 'pass', label: 100 });
});

test('the word list is configurable; the default is emulator/blocked-words.json', async () => {
  const words = JSON.parse(
    fs.readFileSync(path.join(__dirname, '..', 'blocked-words.json'), 'utf8'),
  ) as string[];
  expect(words).toContain('blocked-test-word');
  // This emulator was given its own list, which lacks the default words.
  const custom = (await emu.app.invoke('openapi', { content: 'a blocked-test-word b' }, { OPENID: 'o' })) as {
    v1: Capture;
  };
  expect(custom.v1.ok).toBe(true);
  const { start } = await import('../src');
  const dflt = await start({
    dataDir: null,
    functionsDir: path.join(__dirname, 'fixtures', 'functions'),
    log: () => undefined,
  });
  try {
    const r = (await dflt.app.invoke('openapi', { content: 'a blocked-test-word b' }, { OPENID: 'o' })) as {
      v1: Capture;
    };
    expect(r.v1.errCode).toBe(87014);
  } finally {
    await dflt.stop();
  }
});

test('other openapi calls answer a clear "not emulated" error', async () => {
  const r = (await emu.app.invoke('openapi', { other: true }, { OPENID: 'o1' })) as { other: Capture };
  expect(r.other.ok).toBe(false);
  expect(r.other.errCode).toBe(99999);
  expect(r.other.errMsg).toMatch(/wxacode\.getUnlimited is not emulated/);
});
