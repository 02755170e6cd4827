/**
 * H5 has no saved-file store: a picked photo is a `blob:` URL that lasts only
 * while the page is open. So `keepFile` copies the bytes into IndexedDB (idb 8,
 * database `sgz-outbox-files`) and answers `idbfile://<key>.<ext>`: the record's
 * photo survives a reload or a browser restart, like `wx.saveFile` on the phone.
 * `readKeptFile` gives the bytes back for the upload, `keptFileUrl` an object URL
 * to show them, and `releaseFile` deletes them once the record left the browser.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

interface FilesDb extends DBSchema {
  files: { key: string; value: Blob };
}

const SCHEME = 'idbfile://';
let db: Promise<IDBPDatabase<FilesDb>> | null = null;
const open = (): Promise<IDBPDatabase<FilesDb>> => {
  if (!db) {
    db = openDB<FilesDb>('sgz-outbox-files', 1, {
      upgrade(database) {
        if (!database.objectStoreNames.contains('files')) database.createObjectStore('files');
      },
      terminated() {
        db = null;
      },
    });
    db.catch(() => {
      db = null;
    });
  }
  return db;
};

const EXT_BY_TYPE: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/gif': 'gif',
};

const keyOf = (path: string): string | null => (path.startsWith(SCHEME) ? path.slice(SCHEME.length) : null);

/** Copies a picked file (blob:/data: URL) into IndexedDB; answers its lasting path. */
export async function keepFile(tempFilePath: string): Promise<string> {
  if (tempFilePath.startsWith(SCHEME)) return tempFilePath;
  const blob = await (await fetch(tempFilePath)).blob();
  const ext =
    EXT_BY_TYPE[blob.type] ?? /\.([A-Za-z0-9]{1,5})$/.exec(tempFilePath)?.[1]?.toLowerCase() ?? 'jpg';
  const key = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}.${ext}`;
  await (await open()).put('files', blob, key);
  return `${SCHEME}${key}`;
}

/** The bytes of a kept file, or null when it is gone (any other path is fetched as a URL). */
export async function readKeptFile(path: string): Promise<Blob | null> {
  const key = keyOf(path);
  if (!key) {
    try {
      return await (await fetch(path)).blob();
    } catch {
      return null;
    }
  }
  return (await (await open()).get('files', key)) ?? null;
}

const urls = new Map<string, string>();

/** A URL an <Image> can show for a kept file (object URLs are cached per path). */
export async function keptFileUrl(path: string): Promise<string> {
  const key = keyOf(path);
  if (!key) return path;
  const cached = urls.get(key);
  if (cached) return cached;
  const blob = await readKeptFile(path);
  if (!blob) return '';
  const url = URL.createObjectURL(blob);
  urls.set(key, url);
  return url;
}

/** Deletes a kept file once its record left the browser. */
export async function releaseFile(path: string): Promise<void> {
  const key = keyOf(path);
  if (!key) {
    if (path.startsWith('blob:') && typeof URL.revokeObjectURL === 'function') URL.revokeObjectURL(path);
    return;
  }
  const url = urls.get(key);
  if (url) URL.revokeObjectURL(url);
  urls.delete(key);
  await (await open()).delete('files', key);
}
