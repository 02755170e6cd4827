/** What a durable emulator keeps across a restart: files, outbox, dev sessions. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { request, sdk, startEmulator } from './helpers';

test('files, outbox messages and dev sessions survive a restart on the same data dir', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'emu-restart-'));
  try {
    let emu = await startEmulator({
      dataDir,
      devUsers: [{ openid: 'demo-1', label: '演示', role: 'resident' }],
    });
    const up = await sdk().uploadFile({ cloudPath: 'keep/证明.txt', fileContent: Buffer.from('保留') });
    await emu.app.invoke('openapi', { send: true, touser: 'o-kept' }, { OPENID: 'o-sender' });
    const login = await request(emu.url, {
      method: 'POST',
      path: '/__dev/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'openid=demo-1',
    });
    const cookie = (login.headers['set-cookie'] as string[])[0].split(';')[0];
    await emu.stop();

    emu = await startEmulator({ dataDir, devUsers: [{ openid: 'demo-1', label: '演示', role: 'resident' }] });
    try {
      const dl = await sdk().downloadFile({ fileID: up.fileID });
      expect(dl.fileContent.toString('utf8')).toBe('保留');
      expect(emu.app.outbox.list()).toEqual([expect.objectContaining({ id: 1, touser: 'o-kept' })]);
      // A new message continues the numbering.
      await emu.app.invoke('openapi', { send: true, touser: 'o-next' }, { OPENID: 'o-sender' });
      expect(emu.app.outbox.list().map((m) => m.id)).toEqual([1, 2]);
      const session = await request(emu.url, { path: '/__dev/session', headers: { cookie } });
      expect(session.json()).toEqual({ openid: 'demo-1', label: '演示', role: 'resident' });
    } finally {
      await emu.stop();
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

test('a torn last outbox line (crash mid-append) is skipped, the rest loads', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'emu-torn-'));
  try {
    const good = {
      id: 1,
      at: new Date().toISOString(),
      senderOpenid: 'a',
      touser: 'b',
      templateId: 't',
      data: {},
    };
    fs.writeFileSync(path.join(dataDir, 'outbox.jsonl'), `${JSON.stringify(good)}\n{"id":2,"at":"20`);
    const { createApp } = await import('../src');
    const app = createApp({ dataDir, log: () => undefined });
    try {
      expect(app.outbox.list()).toEqual([good]);
      app.outbox.add({ senderOpenid: 'a', touser: 'c', templateId: 't', data: {} });
    } finally {
      await app.close();
    }
    const again = createApp({ dataDir, log: () => undefined });
    try {
      expect(again.outbox.list().map((m) => m.touser)).toEqual(['b', 'c']);
    } finally {
      await app.close();
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
