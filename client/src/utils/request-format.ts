import {
  formatBeijing,
  OTHER_NEED_LABEL,
  type ActorKind,
  type RequestDto,
  type RequestStatus,
  type SlotDto,
} from '@sgz/shared';

/**
 * A symbol per status, shown next to its label so a status is never told by
 * colour alone (plain characters: they render the same on weapp and H5).
 */
export const STATUS_SYMBOLS: Record<RequestStatus, string> = {
  submitted: '○',
  accepted: '✓',
  scheduled: '◷',
  in_service: '▶',
  completed: '★',
  rejected: '✕',
  cancelled: '—',
};

/** Who made a change, as residents see it. */
export const ACTOR_LABELS: Record<ActorKind, string> = {
  resident: '本人',
  staff: '社工站',
  system: '系统',
};

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

/** An instant in Beijing time, `2026-11-27 14:05` (whatever the phone's zone). */
export function formatWhen(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : formatBeijing(d);
}

/** `11月28日（周六）`, from a Beijing day `YYYY-MM-DD`. */
export function formatDay(day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return day;
  const weekday = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))).getUTCDay();
  return `${Number(m[2])}月${Number(m[3])}日（周${WEEKDAYS[weekday]}）`;
}

/** `11月28日（周六）09:00–10:00`. */
export const formatSlot = (slot: Pick<SlotDto, 'day' | 'start'> & { end?: string }): string =>
  `${formatDay(slot.day)} ${slot.start}${slot.end ? `–${slot.end}` : ''}`;

/** A fresh client-generated request id (idempotency key): letters and digits, 8–64 chars. */
export function newRequestId(): string {
  const rand = () => Math.random().toString(36).slice(2, 10).padEnd(8, '0');
  return `rq${Date.now().toString(36)}${rand()}${rand()}`;
}

/** The title of a request: its service item, or 其他需求 with the service area. */
export const requestTitle = (r: Pick<RequestDto, 'itemTitle' | 'area'>): string =>
  r.itemTitle ?? `${OTHER_NEED_LABEL} · ${r.area}`;
