import type {
  AssignmentDto,
  SessionDetail,
  SessionListItem,
  SessionStationDto,
  TrainingDto,
} from '../../../shared/src/contracts/supervision';
import {
  isAssignmentActive,
  type ConfirmationStatus,
  type SupervisionForm,
  type SupervisorKind,
} from '../../../shared/src/domain/supervision';
import type { TrainingForm, TrainingKind, TrainingStatus } from '../../../shared/src/domain/training';
import type { RawDoc } from './repo';

/** Stored documents → what the contract answers (fields checked, dates as ISO text). */

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const strOrNull = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s) => typeof s === 'string') : []);
const iso = (v: unknown): string =>
  v instanceof Date ? v.toISOString() : typeof v === 'string' ? new Date(v).toISOString() : '';
const isoOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : iso(v));

/** The name of account `id` among `users`. */
export const nameIn = (users: Map<string, RawDoc>, id: string): string | null =>
  strOrNull(users.get(id)?.name);

/** An assignment, active or not on `today`. */
export function toAssignmentDto(d: RawDoc, users: Map<string, RawDoc>, today: string): AssignmentDto {
  const from = str(d.from);
  const to = strOrNull(d.to);
  return {
    id: d._id,
    supervisorId: str(d.supervisorId),
    supervisorName: nameIn(users, str(d.supervisorId)),
    stationId: str(d.stationId),
    kind: str(d.kind) as SupervisorKind,
    from,
    to,
    active: isAssignmentActive({ from, to }, today),
  };
}

/** One station's answer. */
export const toSessionStation = (c: RawDoc): SessionStationDto => ({
  stationId: str(c.stationId),
  status: str(c.status) as ConfirmationStatus,
  reason: strOrNull(c.reason),
  decidedAt: isoOrNull(c.decidedAt),
});

/** A session in a list; `rows` are its confirmation rows (any order). */
export function toSessionListItem(d: RawDoc, rows: RawDoc[], users: Map<string, RawDoc>): SessionListItem {
  const order = strings(d.stationIds);
  const byStation = new Map(rows.filter((r) => r.sessionId === d._id).map((r) => [str(r.stationId), r]));
  return {
    id: d._id,
    supervisorId: str(d.supervisorId),
    supervisorName: nameIn(users, str(d.supervisorId)),
    supervisorKind: (strOrNull(d.supervisorKind) as SupervisorKind | null) ?? null,
    day: str(d.day),
    startAt: iso(d.startAt),
    endAt: iso(d.endAt),
    hours: num(d.hours),
    form: str(d.form) as SupervisionForm,
    project: str(d.project),
    topics: strings(d.topics),
    stations: order.map((s) => {
      const r = byStation.get(s);
      return r
        ? toSessionStation(r)
        : { stationId: s, status: 'pending' as const, reason: null, decidedAt: null };
    }),
    workerCount: strings(d.workerIds).length,
    receivedAt: iso(d.receivedAt),
  };
}

/** One session, whole (case ids only: the cases' details keep their own rights). */
export const toSessionDetail = (d: RawDoc, rows: RawDoc[], users: Map<string, RawDoc>): SessionDetail => ({
  ...toSessionListItem(d, rows, users),
  workerIds: strings(d.workerIds),
  caseIds: strings(d.caseIds),
  advice: strOrNull(d.advice),
  actionItems: strings(d.actionItems),
  version: num(d.version),
});

/** A training record (`url`: the certificate's short-lived link, when handed out). */
export const toTrainingDto = (
  d: RawDoc,
  users: Map<string, RawDoc>,
  url: string | null = null,
): TrainingDto => ({
  id: d._id,
  workerId: str(d.workerId),
  workerName: nameIn(users, str(d.workerId)),
  stationId: strOrNull(d.stationId),
  startDay: str(d.startDay),
  endDay: str(d.endDay),
  year: num(d.year),
  course: str(d.course),
  organiser: str(d.organiser),
  kind: str(d.kind) as TrainingKind,
  form: str(d.form) as TrainingForm,
  hours: num(d.hours),
  countedHours: num(d.countedHours),
  hasCertificate: typeof d.certificateFileId === 'string',
  certificateUrl: url,
  status: str(d.status) as TrainingStatus,
  reason: strOrNull(d.reason),
  recordedBy: str(d.recordedBy),
  receivedAt: iso(d.receivedAt),
  decidedAt: isoOrNull(d.decidedAt),
});
