import { checkTrainingDays, type TrainingForm, type TrainingKind } from '@sgz/shared';
// The schema module alone, inside the worker subpackage (zod stays out of the main package).
import { trainingPayloadField } from '@sgz/shared/schemas/supervision';
import type { OutboxItem } from '../../../services/outbox';
import type { TrainingRecord } from '../../../services/supervision-record';

/**
 * The 记录培训 form's state and how it maps to the outbox payload
 * (`TrainingRecord`, the certificate photo as the item's one attachment) and back.
 */
export interface TrainingDraft {
  /** The worker it is for (the head recording for the team); null: the caller. */
  workerId: string | null;
  startDay: string;
  endDay: string;
  course: string;
  organiser: string;
  kind: TrainingKind | null;
  form: TrainingForm | null;
  /** As typed. */
  hours: string;
  /** Kept local path of the certificate photo (at most one). */
  photos: string[];
}

export type Errors = Record<string, string>;

export const emptyTrainingDraft = (workerId: string | null, today: string): TrainingDraft => ({
  workerId,
  startDay: today,
  endDay: today,
  course: '',
  organiser: '',
  kind: null,
  form: null,
  hours: '',
  photos: [],
});

const num = (typed: string): number => (typed.trim() === '' ? NaN : Number(typed.trim()));

/** The hours field alone, as it is typed: null when fine (or still empty). */
export function trainingHoursProblem(typed: string): string | null {
  if (typed.trim() === '') return null;
  const h = num(typed);
  if (!Number.isFinite(h)) return '学时请填写数字，例如 1.5';
  if (!(h > 0) || !Number.isInteger(h * 2)) return '学时请按半小时填写，例如 1.5';
  return null;
}

/** The outbox payload (a draft may be incomplete: hours 0 while empty). */
export function recordOf(d: TrainingDraft): TrainingRecord {
  const hours = num(d.hours);
  return {
    ...(d.workerId ? { workerId: d.workerId } : {}),
    startDay: d.startDay.trim(),
    endDay: d.endDay.trim(),
    course: d.course.trim(),
    organiser: d.organiser.trim(),
    kind: (d.kind ?? '') as TrainingKind,
    form: (d.form ?? '') as TrainingForm,
    hours: Number.isFinite(hours) ? hours : 0,
  };
}

/** The form of a saved outbox item (`?id=`). */
export function draftOf(item: OutboxItem<TrainingRecord>): TrainingDraft {
  const r = item.payload;
  return {
    workerId: r.workerId ?? null,
    startDay: r.startDay,
    endDay: r.endDay,
    course: r.course,
    organiser: r.organiser,
    kind: (r.kind as TrainingKind) || null,
    form: (r.form as TrainingForm) || null,
    hours: r.hours > 0 ? String(r.hours) : '',
    photos: item.attachments.map((a) => a.localPath),
  };
}

/** Checks a record about to be submitted: the function's schema and its day rules (`today`, Beijing). */
export function validateTraining(d: TrainingDraft, today: string): Errors {
  const errors: Errors = {};
  const put = (f: string, m: string) => {
    if (!errors[f]) errors[f] = m;
  };
  if (d.hours.trim() === '') put('hours', '请填写学时');
  const typed = trainingHoursProblem(d.hours);
  if (typed) put('hours', typed);
  if (!d.kind) put('kind', '请选择培训类别');
  if (!d.form) put('form', '请选择培训形式');
  const record = recordOf(d);
  const res = trainingPayloadField.safeParse(record);
  if (!res.success)
    for (const issue of res.error.issues)
      put(issue.path[0] === undefined ? '_' : String(issue.path[0]), issue.message);
  if (!errors.startDay && !errors.endDay) {
    const p = checkTrainingDays(record, today);
    if (p) put(p.field, p.message);
  }
  return errors;
}
