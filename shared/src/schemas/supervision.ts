import { z } from 'zod';
import {
  CONFIRMATION_STATUSES,
  SUPERVISION_FORMS,
  SUPERVISION_LIMITS,
  SUPERVISOR_KINDS,
  clockHours,
  isHalfHourSteps,
} from '../domain/supervision';
import {
  TRAINING_FORMS,
  TRAINING_KINDS,
  TRAINING_LIMITS,
  TRAINING_STATUSES,
  isValidTrainingHours,
} from '../domain/training';
import { beijingDayField, clientIdField, idField, input, pageFields, textField } from './fields';

// Input schemas of the `supervision` cloud function (issue 12): supervisor
// assignments, supervision sessions and their confirmations, training
// records (学时), qualified staff and the station summary. Strict objects;
// checks that need the clock (no future dates) are made by the function with
// the pipeline's `now` (shared/src/domain/supervision.ts, training.ts).

/** Largest page of a list. */
export const MAX_SUPERVISION_PAGE = 50;

const L = SUPERVISION_LIMITS;
const line = (what: string, max: number) => textField(what, max, { multiline: false });
const choice = <T extends readonly [string, ...string[]]>(values: T, what: string) =>
  z.enum(values, {
    errorMap: (issue) => ({
      message:
        issue.code === 'invalid_type' && issue.received === 'undefined'
          ? `请选择${what}`
          : `${what}不在可选范围内，请重新选择`,
    }),
  });
const unique = <T>(a: readonly T[]): boolean => new Set(a).size === a.length;
const idList = (what: string, max: number, min = 0) =>
  z
    .array(idField(what), { required_error: `请选择${what}`, invalid_type_error: `${what}格式不对` })
    .min(min, `请至少选择一个${what}`)
    .max(max, `${what}最多 ${max} 个`)
    .refine(unique, `${what}有重复，请检查`);
const lines = (what: string, max: number, chars: number, min = 0) =>
  z
    .array(line(what, chars), { required_error: `请填写${what}`, invalid_type_error: `${what}格式不对` })
    .min(min, `请至少填写一项${what}`)
    .max(max, `${what}最多 ${max} 项`);

/** A phone time (ISO 8601 with offset or Z). */
const phoneTime = (what: string) =>
  z
    .string({ required_error: `缺少${what}`, invalid_type_error: `${what}格式不对` })
    .datetime({ offset: true, message: `${what}格式不对，请检查手机时间后重新保存` });

/** Hours: a number in half-hour steps (checked against the clock span by the session's refinement). */
const hoursField = (what: string) =>
  z.number({ required_error: `请填写${what}`, invalid_type_error: `${what}必须是数字` });

/** A version number of a record made on the phone. */
const versionField = (what: string) =>
  z
    .number({ required_error: `缺少${what}，请重新提交`, invalid_type_error: `${what}必须是数字` })
    .int(`${what}必须是整数`)
    .min(1, `${what}格式不对，请重新提交`)
    .max(L.maxVersion, `${what}格式不对，请重新提交`);

/** A Beijing year (2000–2100). */
export const quotaYearField = z
  .number({ invalid_type_error: '年份必须是数字' })
  .int('年份必须是整数')
  .min(2000, '年份超出范围')
  .max(2100, '年份超出范围');

/** A cloud storage fileID (its folder is checked by the function). */
export const trainingFileIdField = z
  .string({ invalid_type_error: '证书照片编号格式不对，请重新上传' })
  .max(300, '证书照片编号格式不对，请重新上传')
  .regex(/^cloud:\/\/[A-Za-z0-9._-]+\/[A-Za-z0-9._/-]+$/, '证书照片编号格式不对，请重新上传');

const page = pageFields(MAX_SUPERVISION_PAGE);

// ------------------------------------------------------------- assignments

/** assignSupervisor: the district assigns a supervisor to a station from `from` (to `to`, inclusive). */
export const assignSupervisorInput = input({
  supervisorId: idField('督导'),
  stationId: idField('社工站编号'),
  kind: choice(SUPERVISOR_KINDS, '督导类别'),
  from: beijingDayField('开始日期'),
  to: beijingDayField('结束日期').nullable().optional(),
}).superRefine((v, ctx) => {
  if (v.to && v.to < v.from)
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['to'], message: '结束日期不能早于开始日期，请检查' });
});

/** endAssignment: the last day of an assignment (inclusive). */
export const endAssignmentInput = input({
  assignmentId: idField('督导安排编号'),
  to: beijingDayField('结束日期'),
});

/** listAssignments: a station's supervisors (optionally one supervisor's); only those active today unless `includeEnded`. */
export const listAssignmentsInput = input({
  stationId: idField('社工站编号'),
  supervisorId: idField('督导').optional(),
  includeEnded: z.boolean({ invalid_type_error: '是否包含已结束的安排请选择是或否' }).optional(),
});

/** listMyAssignments: the caller's own assignments (a supervisor's stations and periods). */
export const listMyAssignmentsInput = input({
  includeEnded: z.boolean({ invalid_type_error: '是否包含已结束的安排请选择是或否' }).optional(),
});

// ---------------------------------------------------------------- sessions

/** The session as the phone sends it (`payload` of submitSession). */
export const sessionPayloadField = z
  .object({
    startAt: phoneTime('开始时间'),
    endAt: phoneTime('结束时间'),
    hours: hoursField('督导时长'),
    form: choice(SUPERVISION_FORMS, '督导形式'),
    stationIds: idList('参加的社工站', L.stations, 1),
    workerIds: idList('参加的社工', L.workers),
    project: line('督导项目', L.shortChars),
    topics: lines('督导主题', L.topics, L.shortChars, 1),
    caseIds: idList('讨论的个案', L.cases).optional(),
    advice: textField('督导意见', L.longChars).nullable().optional(),
    actionItems: lines('后续行动', L.actionItems, L.shortChars).optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    const issue = (path: string, message: string) =>
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: [path], message });
    if (!isHalfHourSteps(v.hours)) return issue('hours', '督导时长请按半小时填写，例如 1.5 小时');
    const span = clockHours(new Date(v.startAt), new Date(v.endAt));
    if (!(span > 0)) return issue('endAt', '结束时间必须晚于开始时间，请检查');
    if (span > L.maxHours) return issue('endAt', `一次督导不能超过 ${L.maxHours} 小时，请检查开始和结束时间`);
    if (v.hours > span) issue('hours', '督导时长不能超过开始到结束的时间，请检查');
  });
/** The parsed session. */
export type SessionPayload = z.output<typeof sessionPayloadField>;

/** submitSession: one outbox item (a client-made id; received / duplicate / conflict). */
export const submitSessionInput = input({
  id: clientIdField('督导记录编号'),
  version: versionField('版本号'),
  payload: sessionPayloadField,
});
export type SubmitSessionInput = z.output<typeof submitSessionInput>;

/** listMySessions: the supervisor's sessions, newest first; `pendingOnly`: those some station has not answered. */
export const listMySessionsInput = input({
  pendingOnly: z.boolean({ invalid_type_error: '是否只看待确认请选择是或否' }).optional(),
  ...page,
});

/** getSession: one session. */
export const getSessionInput = input({ sessionId: clientIdField('督导记录编号') });

/** confirmSession: the head confirms for their station. */
export const confirmSessionInput = input({ sessionId: clientIdField('督导记录编号') });

/** disputeSession: the head disputes for their station, with a reason. */
export const disputeSessionInput = input({
  sessionId: clientIdField('督导记录编号'),
  reason: textField('异议原因', L.reasonChars),
});

/** listStationSessions: the sessions listing a station (its confirmation rows), newest first. */
export const listStationSessionsInput = input({
  stationId: idField('社工站编号'),
  status: choice(CONFIRMATION_STATUSES, '确认状态').optional(),
  year: quotaYearField.optional(),
  ...page,
});

// ---------------------------------------------------------------- training

const T = TRAINING_LIMITS;

/** The training record as the phone sends it. */
export const trainingPayloadField = z
  .object({
    /** The worker it is for; absent: the caller (a head may record for a worker of the team). */
    workerId: idField('社工').optional(),
    startDay: beijingDayField('开始日期'),
    endDay: beijingDayField('结束日期'),
    course: line('课程名称', T.shortChars),
    organiser: line('主办单位', T.shortChars),
    kind: choice(TRAINING_KINDS, '培训类别'),
    form: choice(TRAINING_FORMS, '培训形式'),
    hours: hoursField('学时'),
    certificateFileId: trainingFileIdField.nullable().optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    const issue = (path: string, message: string) =>
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: [path], message });
    if (!isValidTrainingHours(v.hours))
      issue('hours', `学时请按半小时填写，大于 0 且不超过 ${T.maxHours}，例如 1.5`);
    if (v.endDay < v.startDay) issue('endDay', '结束日期不能早于开始日期，请检查');
  });
/** The parsed training record. */
export type TrainingPayload = z.output<typeof trainingPayloadField>;

/** submitTraining: one outbox item. */
export const submitTrainingInput = input({
  id: clientIdField('学时记录编号'),
  version: versionField('版本号'),
  payload: trainingPayloadField,
  fileIds: z
    .array(trainingFileIdField, { invalid_type_error: '证书照片格式不对' })
    .max(1, '证书照片最多 1 张')
    .optional(),
});
export type SubmitTrainingInput = z.output<typeof submitTrainingInput>;

/** confirmTraining: the head (or the district, for a head's own record) confirms. */
export const confirmTrainingInput = input({ recordId: clientIdField('学时记录编号') });

/** returnTraining: the head returns a record with a reason. */
export const returnTrainingInput = input({
  recordId: clientIdField('学时记录编号'),
  reason: textField('退回原因', T.reasonChars),
});

/** listTraining: one worker's records (default: the caller's), newest first. */
export const listTrainingInput = input({
  workerId: idField('社工').optional(),
  year: quotaYearField.optional(),
  ...page,
});

/** listStationTraining: the records made at a station (the head's confirmation list). */
export const listStationTrainingInput = input({
  stationId: idField('社工站编号'),
  status: choice(TRAINING_STATUSES, '学时记录状态').optional(),
  ...page,
});

/** getTrainingSummary: one worker's counters (default: the caller's). */
export const getTrainingSummaryInput = input({ workerId: idField('社工').optional() });

// ----------------------------------------------------------------- station

/** getStationSummary: supervision hours of the year, qualified staff, 学时 per worker. */
export const getStationSummaryInput = input({
  stationId: idField('社工站编号'),
  year: quotaYearField.optional(),
});

/** listQualifiedStaff: the station's staff with whether and why each counts as qualified. */
export const listQualifiedStaffInput = input({ stationId: idField('社工站编号') });
