/**
 * A look at an uploaded file before exceljs opens it: is it an .xlsx (a zip
 * archive) at all, an old .xls or an encrypted workbook (both OLE compound
 * files), and how large would it grow once unpacked. exceljs (through jszip)
 * inflates every part into memory, so a small upload that unpacks to
 * gigabytes (a "zip bomb") is refused from the sizes its central directory
 * declares. (A zip that lies about its sizes is not caught here; the
 * function's memory limit is the last line.)
 */

/** What the first bytes and the central directory say. */
export type ZipVerdict =
  | { kind: 'zip'; entries: number; uncompressedBytes: number }
  /** OLE compound file: an .xls of Excel 97–2003, or an .xlsx saved with a password. */
  | { kind: 'ole' }
  | { kind: 'other' }
  /** A zip whose central directory cannot be read (truncated upload, zip64). */
  | { kind: 'broken' };

const OLE_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const LOCAL_HEADER = 0x04034b50;
const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
/** The end record is 22 bytes plus a comment of up to 65,535. */
const MAX_END_SEARCH = 22 + 0xffff;

/** Reads the kind of `buf` and, for a zip, its entry count and declared unpacked size. */
export function inspectZip(buf: Buffer): ZipVerdict {
  if (buf.length >= 8 && buf.subarray(0, 8).equals(OLE_SIGNATURE)) return { kind: 'ole' };
  if (buf.length < 22 || buf.readUInt32LE(0) !== LOCAL_HEADER) return { kind: 'other' };
  let end = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - MAX_END_SEARCH); i--) {
    if (buf.readUInt32LE(i) === END_OF_DIRECTORY) {
      end = i;
      break;
    }
  }
  if (end < 0) return { kind: 'broken' };
  const entries = buf.readUInt16LE(end + 10);
  const dirSize = buf.readUInt32LE(end + 12);
  const dirOffset = buf.readUInt32LE(end + 16);
  // 0xFFFF / 0xFFFFFFFF mean "see the zip64 record": never needed by a roster.
  if (entries === 0xffff || dirOffset === 0xffffffff || dirOffset + dirSize > end) return { kind: 'broken' };
  let p = dirOffset;
  let uncompressedBytes = 0;
  for (let i = 0; i < entries; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== DIRECTORY_ENTRY) return { kind: 'broken' };
    const size = buf.readUInt32LE(p + 24);
    if (size === 0xffffffff) return { kind: 'broken' };
    uncompressedBytes += size;
    p += 46 + buf.readUInt16LE(p + 28) + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return { kind: 'zip', entries, uncompressedBytes };
}
