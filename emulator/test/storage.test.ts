/** Cloud storage through the real wx-server-sdk: upload, temp URL, download, delete, and refusals. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { rejection, request, sdk, startEmulator } from './helpers';

let emu: Awaited<ReturnType<typeof startEmulator>>;
let dataDir: string;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'emu-storage-'));
  emu = await startEmulator({ dataDir });
});
afterAll(async () => {
  await emu.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test('round trip with a Chinese path containing spaces: upload, temp URL, download, delete', async () => {
  const cloud = sdk();
  const cloudPath = '证件照片/张 三/头像 1.png';
  const content = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff, 0x10, 0x20]);
  const up = await cloud.uploadFile({ cloudPath, fileContent: content });
  expect(up.fileID).toBe(`cloud://local-sgz-emulator.local-sgz-emulator-1250000000/${cloudPath}`);
  // On disk, under the data folder.
  expect(fs.readFileSync(path.join(dataDir, 'storage', cloudPath))).toEqual(content);

  const urls = await cloud.getTempFileURL({ fileList: [up.fileID] });
  expect(urls.fileList[0].status).toBe(0);
  // Not pre-encoded: the SDK encodes it itself before downloading.
  expect(urls.fileList[0].tempFileURL).toBe(`${emu.url}/storage/${cloudPath}`);

  const dl = await cloud.downloadFile({ fileID: up.fileID });
  expect(Buffer.compare(dl.fileContent, content)).toBe(0);

  const res = await request(emu.url, { path: encodeURI(`/storage/${cloudPath}`) });
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toBe('image/png');

  const del = await cloud.deleteFile({ fileList: [up.fileID] });
  expect(del.fileList[0].status).toBe(0);
  expect(fs.existsSync(path.join(dataDir, 'storage', cloudPath))).toBe(false);

  const after = await cloud.getTempFileURL({ fileList: [up.fileID] });
  expect(after.fileList[0].status).toBe(-503003);
  expect(after.fileList[0].tempFileURL).toBe('');
  const err = await rejection(cloud.downloadFile({ fileID: up.fileID }));
  expect(String(err.errMsg)).toMatch(/downloadFile:fail .*not/);
  expect(String(err.errMsg)).not.toMatch(/undefined/);
});

test('deleting a missing file reports it per entry', async () => {
  const del = await sdk().deleteFile({
    fileList: ['cloud://local-sgz-emulator.local-sgz-emulator-1250000000/nope.txt'],
  });
  expect(del.fileList[0].status).toBe(-503003);
});

test('path traversal is refused on upload and download', async () => {
  const cloud = sdk();
  const err = await rejection(
    cloud.uploadFile({ cloudPath: '../escape.txt', fileContent: Buffer.from('x') }),
  );
  expect(err.code).toBe('STORAGE_SIGN_PARAM_INVALID');
  expect(fs.existsSync(path.join(dataDir, 'escape.txt'))).toBe(false);
  fs.writeFileSync(path.join(dataDir, 'secret.txt'), 'top secret');
  for (const p of [
    '/storage/%2e%2e/secret.txt',
    '/storage/a/%2e%2e%2f%2e%2e%2fsecret.txt',
    '/storage/..%2fsecret.txt',
  ]) {
    const res = await request(emu.url, { path: p });
    expect(res.status).toBe(404);
    expect(res.text).not.toContain('top secret');
  }
});

test('a PUT without the authorization from getUploadMetadata answers a COS <Error>', async () => {
  const res = await request(emu.url, { method: 'PUT', path: '/storage/x.txt', body: 'hello' });
  expect(res.status).toBe(403);
  for (const tag of ['Code', 'Message', 'RequestId', 'TraceId']) expect(res.text).toContain(`<${tag}>`);
  const get = await request(emu.url, { path: '/storage/x.txt' });
  expect(get.status).toBe(404);
});

test('reset empties the storage', async () => {
  const cloud = sdk();
  const up = await cloud.uploadFile({ cloudPath: 'r/a.txt', fileContent: Buffer.from('a') });
  emu.app.reset();
  const urls = await cloud.getTempFileURL({ fileList: [up.fileID] });
  expect(urls.fileList[0].status).toBe(-503003);
});
