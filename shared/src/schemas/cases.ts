import { z } from 'zod';
import {
  AGREEMENT_METHODS,
  APPROVAL_ACTIONS,
  ATTACHMENT_KINDS,
  CASE_LIMITS,
  CASE_LIST_FILTERS,
  CASE_SOURCES,
  CLOSURE_TYPES,
  GOAL_ATTAINMENTS,
  NOTE_MODES,
  REFERRAL_KINDS,
  WORKER_CASE_ACTIONS,
} from '../domain/case';
import { beijingDayField, clientIdField, idField, input, pageFields, textField } from './fields';

// Input schemas of the `cases` cloud function (casework 个案, issue 11).
// Strict objects (unknown keys refused). Stage records are DRAFTS while they
// are typed: every field may be empty (null); what a move needs is checked
// when the worker moves the case on (shared/src/domain/case.ts).

/** Largest page of a case list. */
export const MAX_CASES_PAGE = 50;
/** Default page of a case list. */
export const DEFAULT_CASES_PAGE = 20;
/** Most cases a "waiting on me" list looks through (a worker's open cases). */
export const MAX_WAITING_SCAN = 200;

const L = CASE_LIMITS;
const NO_CONTROL_EXCEPT_NEWLINE =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /^[^\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f]*$/;

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

/**
 * Draft text (a stage form saved as it is typed): may be empty (→ null),
 * capped, no control characters but line breaks.
 */
export const draftTextField = (what: string, max: number) =>
  z
    .string({ invalid_type_error: `${what}必须是文字` })
    .trim()
    .max(max, `${what}请不要超过 ${max} 个字`)
    .regex(NO_CONTROL_EXCEPT_NEWLINE, `${what}包含无法识别的字符，请重新输入`)
    .nullable()
    .optional()
    .transform((v) => (v ? v : null));

const draftDay = (what: string) =>
  beijingDayField(what)
    .nullable()
    .optional()
    .transform((v) => v ?? null);

const versionField = (what: string, min: number) =>
  z
    .number({ required_error: `缺少${what}，请刷新后再试`, invalid_type_error: `${what}必须是数字` })
    .int(`${what}必须是整数`)
    .min(min, `${what}格式不对，请刷新后再试`)
    .max(L.maxVersion, `${what}格式不对，请刷新后再试`);

/** The case's version the caller saw (every write names it: two devices never clobber silently). */
const caseVersion = versionField('个案版本号', 1);

const caseId = idField('个案编号');
const reasonField = (what: string) => textField(what, L.textChars).nullable().optional();

const idList = (what: string, max: number, min = 0) =>
  z
    .array(idField(what), { required_error: `请选择${what}`, invalid_type_error: `${what}格式不对` })
    .min(min, `请至少选择一位${what}`)
    .max(max, `${what}最多 ${max} 位`)
    .refine(unique, `${what}有重复，请检查`);

/** A plan goal id made on the phone (`g1`, …). */
export const goalIdField = z
  .string({ required_error: '缺少目标编号', invalid_type_error: '目标编号格式不对' })
  .regex(/^[A-Za-z0-9-]{1,16}$/, '目标编号格式不对，请重新添加目标');

const agreement = (what: string) =>
  z
    .object({
      given: z.boolean({ invalid_type_error: `${what}请选择是或否` }).optional(),
      method: choice(AGREEMENT_METHODS, `${what}方式`).nullable().optional(),
      day: draftDay(`${what}日期`),
    })
    .strict()
    .refine((a) => !a.given || !!a.method, { message: `请选择${what}方式`, path: ['method'] });

/** 接案 draft. */
export const intakeRecordField = z
  .object({
    presentingProblem: draftTextField('主要问题', L.longChars),
    background: draftTextField('背景情况', L.longChars),
    consent: agreement('知情同意').optional(),
  })
  .strict();

/** 预估 draft. */
export const assessmentRecordField = z
  .object({
    needs: z
      .object({
        individual: draftTextField('个人层面的需求', L.longChars),
        family: draftTextField('家庭层面的需求', L.longChars),
        social: draftTextField('社会层面的需求', L.longChars),
      })
      .strict()
      .optional(),
    strengths: draftTextField('优势和资源', L.longChars),
    risks: draftTextField('风险', L.longChars),
    problems: z
      .array(textField('需要解决的问题', L.textChars), { invalid_type_error: '需要解决的问题格式不对' })
      .max(L.problems, `需要解决的问题最多 ${L.problems} 项`)
      .optional(),
    facts: draftTextField('事实情况', L.longChars),
    judgements: draftTextField('专业判断', L.longChars),
  })
  .strict();

/** 计划 draft. */
export const planRecordField = z
  .object({
    goals: z
      .array(
        z
          .object({
            id: goalIdField,
            goal: textField('服务目标', L.textChars),
            measure: textField('目标的衡量方法', L.textChars),
          })
          .strict(),
        { invalid_type_error: '服务目标格式不对' },
      )
      .max(L.goals, `服务目标最多 ${L.goals} 个`)
      .refine((g) => unique(g.map((x) => x.id)), '目标编号有重复，请重新添加目标')
      .optional(),
    strategies: draftTextField('介入策略', L.longChars),
    startDay: draftDay('计划开始日期'),
    endDay: draftDay('计划结束日期'),
    agreement: agreement('服务对象同意').optional(),
  })
  .strict()
  .refine((p) => !p.startDay || !p.endDay || p.startDay <= p.endDay, {
    message: '计划结束日期不能早于开始日期',
    path: ['endDay'],
  });

/** 评估 draft. */
export const evaluationRecordField = z
  .object({
    goals: z
      .array(
        z
          .object({
            goalId: goalIdField,
            attainment: choice(GOAL_ATTAINMENTS, '目标达成情况'),
            note: draftTextField('目标达成说明', L.textChars),
          })
          .strict(),
        { invalid_type_error: '目标达成情况格式不对' },
      )
      .max(L.goals, `目标达成情况最多 ${L.goals} 项`)
      .refine((g) => unique(g.map((x) => x.goalId)), '同一个目标请只评估一次')
      .optional(),
    feedback: draftTextField('服务对象的反馈', L.longChars),
    summary: draftTextField('评估小结', L.longChars),
  })
  .strict();

/** The destination of a referral out. */
export const referralOutField = z
  .object({
    kind: choice(REFERRAL_KINDS, '转介去向类别'),
    stationId: idField('转介的社工站').nullable().optional(),
    name: textField('转介去向名称', L.shortChars),
    contact: textField('转介去向联系方式', L.shortChars).nullable().optional(),
  })
  .strict()
  .refine((r) => r.kind !== '社工站' || !!r.stationId, {
    message: '转介到社工站请选择是哪一个社工站',
    path: ['stationId'],
  });

/** 结案 draft. */
export const closureRecordField = z
  .object({
    type: choice(CLOSURE_TYPES, '结案类型').nullable().optional(),
    summary: draftTextField('结案小结', L.longChars),
    followUpDay: draftDay('回访日期'),
    referral: referralOutField.nullable().optional(),
  })
  .strict();

/** openCase: a new case at intake (idempotent by the phone's id). */
export const openCaseInput = input({
  id: clientIdField('个案编号'),
  stationId: idField('社工站编号'),
  personIds: idList('服务对象', L.persons, 1),
  source: choice(CASE_SOURCES, '个案来源'),
  /** The request, visit or follow-up the case came from (resident_request / visit_follow_up). */
  originId: idField('来源记录编号', 200).nullable().optional(),
  /** Who referred the person (referral_in). */
  referredBy: textField('转介来源', L.shortChars).nullable().optional(),
  /** Default: the caller. */
  leadWorkerId: idField('负责社工').optional(),
  assistantIds: idList('协助社工', L.assistants).optional(),
  supervisorId: idField('督导').nullable().optional(),
  intake: intakeRecordField.optional(),
}).superRefine((v, ctx) => {
  if ((v.source === 'resident_request' || v.source === 'visit_follow_up') && !v.originId)
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: ['originId'],
      message: '请选择个案来源的求助或走访记录',
    });
  if (v.source === 'referral_in' && !v.referredBy)
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: ['referredBy'],
      message: '请填写转介来源（哪个单位转来）',
    });
});
export type OpenCaseInput = z.output<typeof openCaseInput>;

/** getCase: one case (audited). */
export const getCaseInput = input({ caseId });

const saveOf = <S extends string, T extends z.ZodTypeAny>(stage: S, record: T) =>
  input({ caseId, version: caseVersion, stage: z.literal(stage), record });

/**
 * saveStageRecord: overwrites the draft of the case's CURRENT stage, only
 * while the case is still at `version` (else `failed-precondition`).
 */
export const saveStageRecordInput = z.discriminatedUnion(
  'stage',
  [
    saveOf('intake', intakeRecordField),
    saveOf('assessment', assessmentRecordField),
    saveOf('plan', planRecordField),
    saveOf('evaluation', evaluationRecordField),
    saveOf('closure', closureRecordField),
  ],
  {
    errorMap: (issue, ctx) =>
      issue.code === z.ZodIssueCode.invalid_union_discriminator
        ? { message: '记录的阶段不对，请刷新后再试' }
        : { message: ctx.defaultError },
  },
);
export type SaveStageRecordInput = z.output<typeof saveStageRecordInput>;

/** advanceCase: a worker's move. */
export const advanceCaseInput = input({
  caseId,
  version: caseVersion,
  /** The move (not `action`: that key routes the call to the action). */
  move: choice(WORKER_CASE_ACTIONS, '操作'),
  reason: reasonField('原因'),
});

/** decideApproval: the head's or the supervisor's decision on a plan or a closure. */
export const decideApprovalInput = input({
  caseId,
  version: caseVersion,
  decision: choice(APPROVAL_ACTIONS, '审批结果'),
  reason: reasonField('退回原因'),
});

/** reopenCase: a closed case back to intervention (its completion no longer counts). */
export const reopenCaseInput = input({
  caseId,
  version: caseVersion,
  reason: textField('重新开案的原因', L.textChars),
});

/** One intervention note as the phone sends it (`payload` of addCaseNote). */
export const caseNotePayloadField = z
  .object({
    caseId,
    day: beijingDayField('服务日期'),
    minutes: z
      .number({ required_error: '请填写服务时长', invalid_type_error: '服务时长必须是数字' })
      .int('服务时长请填写整数分钟')
      .min(1, '服务时长至少 1 分钟')
      .max(L.noteMinutes, `一次服务时长不能超过 ${L.noteMinutes} 分钟`),
    mode: choice(NOTE_MODES, '服务方式'),
    done: textField('服务内容', L.longChars),
    progress: textField('进展', L.longChars).nullable().optional(),
    nextStep: textField('下一步安排', L.textChars).nullable().optional(),
    goalIds: z
      .array(goalIdField, { invalid_type_error: '对应目标格式不对' })
      .max(L.goals, `对应目标最多 ${L.goals} 个`)
      .refine(unique, '对应目标有重复，请检查')
      .optional(),
  })
  .strict();
export type CaseNotePayload = z.output<typeof caseNotePayloadField>;

/** addCaseNote: one outbox item (id and version made on the phone; idempotent). */
export const addCaseNoteInput = input({
  id: clientIdField('介入记录编号'),
  version: versionField('版本号', 1),
  baseVersion: versionField('原版本号', 0).nullable().optional(),
  payload: caseNotePayloadField,
});
export type AddCaseNoteInput = z.output<typeof addCaseNoteInput>;

const page = pageFields(MAX_CASES_PAGE);

/** listCaseNotes: a case's intervention notes, newest first (audited). */
export const listCaseNotesInput = input({ caseId, ...page });

/**
 * updateCaseTeam: transfer to another worker of the station, change the
 * assisting workers (head or lead worker), set the case's supervisor (head).
 */
export const updateCaseTeamInput = input({
  caseId,
  version: caseVersion,
  leadWorkerId: idField('负责社工').optional(),
  assistantIds: idList('协助社工', L.assistants).optional(),
  supervisorId: idField('督导').nullable().optional(),
  reason: reasonField('调整原因'),
}).refine(
  (v) => v.leadWorkerId !== undefined || v.assistantIds !== undefined || v.supervisorId !== undefined,
  {
    message: '请选择要调整的负责社工、协助社工或督导',
  },
);

/** referCase: refer out — closure of type 转介 with the destination, submitted for approval. */
export const referCaseInput = input({
  caseId,
  version: caseVersion,
  referral: referralOutField,
  summary: textField('转介说明', L.longChars),
  followUpDay: beijingDayField('回访日期').nullable().optional(),
});

/** A cloud storage fileID (`wx.cloud.uploadFile` answer); its folder is checked by the function. */
export const caseFileIdField = z
  .string({ required_error: '缺少附件，请重新上传', invalid_type_error: '附件编号格式不对，请重新上传' })
  .max(300, '附件编号格式不对，请重新上传')
  .regex(/^cloud:\/\/[A-Za-z0-9._-]+\/[A-Za-z0-9._/-]+$/, '附件编号格式不对，请重新上传');

/** addCaseAttachment: a scanned form or photo uploaded to `cases/<caseId>/`. */
export const addCaseAttachmentInput = input({
  caseId,
  fileId: caseFileIdField,
  kind: choice(ATTACHMENT_KINDS, '附件类别'),
  caption: textField('附件说明', L.shortChars).nullable().optional(),
});

/** completeCaseFollowUp: the 回访 after closure was done. */
export const completeCaseFollowUpInput = input({
  caseId,
  note: textField('回访情况', L.textChars),
});

/** listMyCases: the caller's cases (lead, assisting or supervising), by stage or waiting on them. */
export const listMyCasesInput = input({
  filter: choice(CASE_LIST_FILTERS, '阶段').optional(),
  /** Only the cases waiting on the caller (no paging: up to MAX_WAITING_SCAN looked through). */
  waitingOnly: z.boolean({ invalid_type_error: '是否只看待办请选择是或否' }).optional(),
  ...page,
});

/** listStationCases: the head's list of the station's cases. */
export const listStationCasesInput = input({
  stationId: idField('社工站编号'),
  filter: choice(CASE_LIST_FILTERS, '阶段').optional(),
  ...page,
});

/** listPendingApprovals: plans and closures waiting for the caller (head: the station; supervisor: their cases). */
export const listPendingApprovalsInput = input({ stationId: idField('社工站编号'), ...page });

/** listCasesForPerson: a person's cases the caller may open (the person's file). */
export const listCasesForPersonInput = input({ personId: idField('档案编号') });

/** listMyCaseFollowUps: 回访 due on or before `day` (default: today, Beijing) on the caller's closed cases. */
export const listMyCaseFollowUpsInput = input({ day: beijingDayField('日期').optional(), ...page });

/** countCompletedCases: cases completed in a Beijing year, per station (counts only). */
export const countCompletedCasesInput = input({
  year: z
    .number({ required_error: '请选择年份', invalid_type_error: '年份必须是数字' })
    .int('年份必须是整数')
    .min(2000, '年份超出范围')
    .max(2100, '年份超出范围'),
  stationId: idField('社工站编号').optional(),
});
