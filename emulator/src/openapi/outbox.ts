/** Subscribe messages "sent" by functions, kept for tests and developers to read. */
import fs from 'node:fs';
import path from 'node:path';

/** One subscribeMessage.send call as the emulator recorded it. */
export interface OutboxMessage {
  id: number;
  at: string;
  /** The function invocation's OPENID that sent it ('' outside a function). */
  senderOpenid: string;
  touser: string;
  templateId: string;
  page?: string;
  data: Record<string, unknown>;
  miniprogramState?: string;
  lang?: string;
}

/** Append-only list in memory, mirrored to `<dataDir>/outbox.jsonl` when durable. */
export class Outbox {
  private items: OutboxMessage[] = [];
  private readonly file: string | null;
  /** Recipients whose messages are refused, with WeChat's errcode (see {@link Outbox.refuse}). */
  private readonly refusals = new Map<string, number>();

  constructor(dataDir: string | null) {
    this.file = dataDir ? path.join(dataDir, 'outbox.jsonl') : null;
    if (this.file && fs.existsSync(this.file)) {
      const text = fs.readFileSync(this.file, 'utf8');
      // A crash mid-append leaves a fragment without its newline: cut it off, or the next append would glue onto it.
      if (text && !text.endsWith('\n'))
        fs.truncateSync(this.file, Buffer.byteLength(text.slice(0, text.lastIndexOf('\n') + 1)));
      for (const line of text.split('\n')) {
        if (!line.trim()) continue;
        try {
          this.items.push(JSON.parse(line) as OutboxMessage);
        } catch {
          // a torn last line after a crash: skip it, the rest is intact
        }
      }
    }
  }

  /** Record one message; returns it with its id. */
  add(msg: Omit<OutboxMessage, 'id' | 'at'>): OutboxMessage {
    const item: OutboxMessage = {
      id: (this.items.at(-1)?.id ?? 0) + 1,
      at: new Date().toISOString(),
      ...msg,
    };
    this.items.push(item);
    if (this.file) fs.appendFileSync(this.file, `${JSON.stringify(item)}\n`);
    return item;
  }

  /** Every recorded message, oldest first (copies). */
  list(): OutboxMessage[] {
    return this.items.map((m) => ({ ...m }));
  }

  /**
   * From now on refuse messages to `touser` with `errcode` (default 43101,
   * "user refuse to accept the msg": the resident has no subscribe
   * authorisation left), so tests can exercise a failed send. Refused
   * messages are not recorded. Forgotten by {@link Outbox.clear} (and reset).
   */
  refuse(touser: string, errcode = 43101): void {
    this.refusals.set(touser, errcode);
  }

  /** The errcode a message to `touser` is refused with, or null when it is delivered. */
  refusalFor(touser: string): number | null {
    return this.refusals.get(touser) ?? null;
  }

  /** Forget every message (and every refusal). */
  clear(): void {
    this.refusals.clear();
    this.items = [];
    if (this.file) fs.writeFileSync(this.file, '');
  }
}
