import { checkSessionTimes, isHalfHourSteps, type SupervisionForm } from '@sgz/shared';
// The schema module alone, inside the supervisor subpackage (zod stays out of the main package).
import { sessionPayloadField } from '@sgz/shared/schemas/supervision';
import type { OutboxItem } from '../../../services/outbox';
import type { SessionRecord } from '../../../services/supervision-record';

/**
 * The 记录督导 form's state and how it maps to the outbox payload
 * (`SessionRecord`) and back. Day and clock times are typed as the supervisor
 * reads them (Beijing); `recordOf` makes the instants. Lines not filled yet
 * stay in the draft and are dropped from the record.
 */
export interface SessionDraft {
  /** `YYYY-MM-DD`, Beijing. */
  day: string;
  /** `HH:MM`, Beijing. */
  start: string;
  end: string;
  /** As typed (e.g. `1.5`). */
  hours: string;
  form: SupervisionForm | null;
  stationIds: string[];
  workerIds: string[];
  /** Cases discussed (the supervisor's own cases, from listMyCases). */
  caseIds: string[];
  project: string;
  topics: string[];
  advice: string;
  actionItems: string[];
}

export type Errors = Record<string, string>;

/** A new form for Beijing day `day`. */
export const emptySessionDraft = (day: string): SessionDraft => ({
  day,
  start: '',
  end: '',
  hours: '',
  form: null,
  stationIds: [],
  workerIds: [],
  caseIds: [],
  project: '',
  topics: [''],
  advice: '',
  actionItems: [],
});

const pad = (v: string) => v.padStart(2, '0');

/** `YYYY-MM-DD` + `H:MM` (Beijing) → ISO with +08:00, or '' when either is not one. */
export function instantOf(day: string, time: string): string {
  const d = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(day.trim());
  const t = /^(\d{1,2})[:：](\d{2})$/.exec(time.trim());
  if (!d || !t) return '';
  const iso = `${d[1]}-${pad(d[2]!)}-${pad(d[3]!)}T${pad(t[1]!)}:${t[2]}:00+08:00`;
  const ms = Date.parse(iso);
  if (Number.isNaN(ms) || Number(t[1]) > 23 || Number(t[2]) > 59) return '';
  // 2025-02-30 parses in some engines: the day must read back the same.
  const back = new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);
  return back === `${d[1]}-${pad(d[2]!)}-${pad(d[3]!)}` ? iso : '';
}

/** Clock hours between start and end of the draft, or null while they are not both times. */
export function spanOf(d: Pick<SessionDraft, 'day' | 'start' | 'end'>): number | null {
  const a = instantOf(d.day, d.start);
  const b = instantOf(d.day, d.end);
  if (!a || !b) return null;
  return (Date.parse(b) - Date.parse(a)) / 3600_000;
}

/** The clock span in words: `09:00–11:30，共 2.5 小时`, or null. */
export function spanText(d: Pick<SessionDraft, 'day' | 'start' | 'end'>): string | null {
  const span = spanOf(d);
  if (span === null) return null;
  if (span <= 0) return `${d.start.trim()}–${d.end.trim()}：结束时间要晚于开始时间`;
  const h = Math.round(span * 100) / 100;
  return `${d.start.trim()}–${d.end.trim()}，共 ${h} 小时`;
}

/** The hours as a number (NaN when not a number). */
export const hoursOf = (typed: string): number => (typed.trim() === '' ? NaN : Number(typed.trim()));

/** Checks the hours field alone, as it is typed: null when fine (or still empty). */
export function hoursProblem(typed: string): string | null {
  if (typed.trim() === '') return null;
  const h = hoursOf(typed);
  if (!Number.isFinite(h)) return '督导时长请填写数字，例如 1.5';
  if (!isHalfHourSteps(h)) return '督导时长请按半小时填写，例如 1.5 小时';
  return null;
}

const filled = (lines: readonly string[]) => lines.map((l) => l.trim()).filter((l) => l !== '');

/** The outbox payload of the form (a draft may be incomplete: hours 0 while empty). */
export function recordOf(d: SessionDraft): SessionRecord {
  const hours = hoursOf(d.hours);
  const advice = d.advice.trim();
  return {
    startAt: instantOf(d.day, d.start),
    endAt: instantOf(d.day, d.end),
    hours: Number.isFinite(hours) ? hours : 0,
    form: (d.form ?? '') as SupervisionForm,
    stationIds: d.stationIds,
    workerIds: d.workerIds,
    caseIds: d.caseIds,
    project: d.project.trim(),
    topics: filled(d.topics),
    advice: advice === '' ? null : advice,
    actionItems: filled(d.actionItems),
  };
}

/** Beijing `HH:MM` of an ISO instant. */
const clockOf = (iso: string): string => {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? '' : new Date(ms + 8 * 3600_000).toISOString().slice(11, 16);
};

/** The form of a saved outbox item (reopened with `?id`). */
export function draftOf(item: OutboxItem<SessionRecord>, today: string): SessionDraft {
  const r = item.payload;
  const ms = Date.parse(r.startAt);
  return {
    day: Number.isNaN(ms) ? today : new Date(ms + 8 * 3600_000).toISOString().slice(0, 10),
    start: clockOf(r.startAt),
    end: clockOf(r.endAt),
    hours: r.hours > 0 ? String(r.hours) : '',
    form: (r.form as SupervisionForm) || null,
    stationIds: [...r.stationIds],
    workerIds: [...r.workerIds],
    caseIds: [...(r.caseIds ?? [])],
    project: r.project,
    topics: r.topics.length > 0 ? [...r.topics] : [''],
    advice: r.advice ?? '',
    actionItems: [...(r.actionItems ?? [])],
  };
}

/** The form field an issue path names. */
function fieldOf(path: readonly (string | number)[]): string {
  const [head] = path;
  switch (head) {
    case 'startAt':
    case 'endAt':
      return 'time';
    case 'stationIds':
      return 'stations';
    case 'workerIds':
      return 'workers';
    case 'caseIds':
      return 'cases';
    default:
      return head === undefined ? '_' : String(head);
  }
}

/**
 * Checks a session about to be submitted with the function's own schema and
 * the same rule for the clock (`now`: not in the future). First message per field.
 */
export function validateSession(d: SessionDraft, now: Date): Errors {
  const errors: Errors = {};
  const put = (f: string, m: string) => {
    if (!errors[f]) errors[f] = m;
  };
  if (!instantOf(d.day, '00:00')) put('day', '请按“2026-03-05”的格式填写督导日期');
  if (!instantOf(d.day, d.start)) put('time', '请按“09:30”的格式填写开始时间');
  else if (!instantOf(d.day, d.end)) put('time', '请按“11:00”的格式填写结束时间');
  const typed = hoursProblem(d.hours);
  if (d.hours.trim() === '') put('hours', '请填写督导时长');
  else if (typed) put('hours', typed);
  if (!d.form) put('form', '请选择督导形式');
  const record = recordOf(d);
  const res = sessionPayloadField.safeParse(record);
  if (!res.success) for (const issue of res.error.issues) put(fieldOf(issue.path), issue.message);
  if (!errors.time && !errors.hours && !errors.day) {
    const p = checkSessionTimes(
      { startAt: new Date(record.startAt), endAt: new Date(record.endAt), hours: record.hours },
      now,
    );
    if (p) put(p.field === 'hours' ? 'hours' : 'time', p.message);
  }
  return errors;
}
