/**
 * A model of WeChat's key-value storage for the weapp outbox storage tests,
 * installed into miniprogram-simulate's `wx` (whose own storage calls are stubs:
 * `setStorage` succeeds and `getStorage` answers `''`, nothing is kept).
 *
 * What it models, from WeChat's documentation: async callback calls answered on
 * a later tick; `encrypt: true` keys hold at most 0.7 MB each and about 7.1 MB in
 * all (plain: 1 MB / 10 MB); an encrypted key must be read with `encrypt: true`
 * and is never readable in clear (the sync calls see ciphertext); a missing key
 * fails `getStorage` with "data not found"; removing a missing key succeeds.
 */
import { utf8Bytes } from '../src/services/outbox/core';

const MiB = 1024 * 1024;
export const WX_LIMITS = {
  encrypted: { perKey: 0.7 * MiB, total: 7.1 * MiB },
  plain: { perKey: 1 * MiB, total: 10 * MiB },
};

interface Entry {
  data: unknown;
  encrypted: boolean;
  bytes: number;
}
interface Callbacks {
  success?: (res: Record<string, unknown>) => void;
  fail?: (err: { errMsg: string }) => void;
  complete?: () => void;
}

export interface WxStorageModel {
  readonly entries: ReadonlyMap<string, Entry>;
  /** Bytes stored (keys and values, UTF-8), encrypted keys only / all. */
  encryptedBytes(): number;
  /** The largest `encryptedBytes()` ever reached. */
  peakEncryptedBytes(): number;
  /** Every refusal WeChat would have given (the outbox must never cause one). */
  readonly refusals: string[];
  /** Makes the next call of `op` fail with `errMsg` (e.g. a full disk). */
  failNext(op: 'setStorage' | 'getStorage' | 'removeStorage', errMsg: string): void;
  readonly api: {
    setStorage(o: { key: string; data: unknown; encrypt?: boolean } & Callbacks): void;
    getStorage(o: { key: string; encrypt?: boolean } & Callbacks): void;
    removeStorage(o: { key: string } & Callbacks): void;
    getStorageInfo(o: Callbacks): void;
    getStorageSync(key: string): unknown;
  };
}

export function createWxStorageModel(): WxStorageModel {
  const entries = new Map<string, Entry>();
  const refusals: string[] = [];
  const failures = new Map<string, string>();
  let peak = 0;

  const later = (fn: () => void) => setTimeout(fn, 0);
  const answer = (o: Callbacks, op: string, res: Record<string, unknown> | null, errMsg?: string) =>
    later(() => {
      if (errMsg) o.fail?.({ errMsg: `${op}:fail ${errMsg}` });
      else o.success?.({ errMsg: `${op}:ok`, ...(res ?? {}) });
      o.complete?.();
    });
  const injected = (op: string) => {
    const msg = failures.get(op);
    if (msg !== undefined) failures.delete(op);
    return msg;
  };
  const total = (encrypted: boolean) =>
    [...entries.values()].filter((e) => e.encrypted === encrypted).reduce((n, e) => n + e.bytes, 0);

  const model: WxStorageModel = {
    entries,
    refusals,
    encryptedBytes: () => total(true),
    peakEncryptedBytes: () => peak,
    failNext: (op, errMsg) => failures.set(op, errMsg),
    api: {
      setStorage(o) {
        const fail = injected('setStorage');
        if (fail) return answer(o, 'setStorage', null, fail);
        const encrypted = o.encrypt === true;
        const limits = encrypted ? WX_LIMITS.encrypted : WX_LIMITS.plain;
        const bytes = utf8Bytes(o.key) + utf8Bytes(JSON.stringify(o.data) ?? '');
        if (bytes > limits.perKey) {
          refusals.push(`per key: ${o.key} ${bytes}`);
          return answer(o, 'setStorage', null, 'entry size limit reached');
        }
        const before = entries.get(o.key);
        const after = total(encrypted) - (before?.encrypted === encrypted ? before.bytes : 0) + bytes;
        if (after > limits.total) {
          refusals.push(`total: ${after}`);
          return answer(o, 'setStorage', null, 'exceed storage max size');
        }
        entries.set(o.key, { data: o.data, encrypted, bytes });
        peak = Math.max(peak, total(true));
        answer(o, 'setStorage', null);
      },
      getStorage(o) {
        const fail = injected('getStorage');
        if (fail) return answer(o, 'getStorage', null, fail);
        const e = entries.get(o.key);
        if (!e) return answer(o, 'getStorage', null, 'data not found');
        if (e.encrypted !== (o.encrypt === true)) return answer(o, 'getStorage', null, 'decrypt failed');
        answer(o, 'getStorage', { data: e.data });
      },
      removeStorage(o) {
        const fail = injected('removeStorage');
        if (fail) return answer(o, 'removeStorage', null, fail);
        entries.delete(o.key);
        answer(o, 'removeStorage', null);
      },
      getStorageInfo(o) {
        const bytes = [...entries.values()].reduce((n, e) => n + e.bytes, 0);
        answer(o, 'getStorageInfo', {
          keys: [...entries.keys()],
          currentSize: Math.ceil(bytes / 1024),
          limitSize: 10240,
        });
      },
      getStorageSync(key) {
        const e = entries.get(key);
        if (!e) return '';
        // Encrypted values are not readable without `encrypt: true` (and the sync API cannot pass it).
        return e.encrypted ? `ENC:${Buffer.from(JSON.stringify(e.data)).toString('base64').length}` : e.data;
      },
    },
  };
  return model;
}
