import { z } from 'zod';
import {
  FUNDING_SOURCES,
  OPERATING_MODELS,
  RECORD_LIMITS as L,
  STATION_STATUSES,
  STORY_KINDS,
  STORY_LIMITS,
  STORY_STATUSES,
} from '../domain/district';
import { CONSENT_GIVERS, CONSENT_METHODS } from '../domain/person';
import { isCalendarDay } from '../domain/slot';
import { ROOM_KINDS, SPECIALTIES } from '../domain/station';
import { quotaPolicySchema } from './quota-policy';
import {
  beijingDayField,
  clientIdField,
  idField,
  input,
  pageFields,
  personNameField,
  phoneField,
  textField,
} from './fields';

/**
 * Inputs of the `district` function (issue 14): the bureau's station records,
 * the quota policy editor, the qualification registry and good-practice
 * stories. Each field says in Chinese what is wrong and what to do.
 */

const choice = <T extends readonly [string, ...string[]]>(values: T, what: string) =>
  z.enum(values, {
    errorMap: (issue) => ({
      message:
        issue.code === 'invalid_type' && issue.received === 'undefined'
          ? `请选择${what}`
          : `${what}不在可选范围内，请重新选择`,
    }),
  });

const day = (what: string) => beijingDayField(what).refine(isCalendarDay, `${what}不是真实的日期，请检查`);

const stationId = idField('社工站编号');

/** A cloud storage fileID (`wx.cloud.uploadFile` answer); its folder is checked by the function. */
export const recordFileIdField = z
  .string({
    required_error: '缺少证明材料，请重新上传',
    invalid_type_error: '证明材料编号格式不对，请重新上传',
  })
  .max(300, '证明材料编号格式不对，请重新上传')
  .regex(/^cloud:\/\/[A-Za-z0-9._-]+\/[A-Za-z0-9._/-]+$/, '证明材料编号格式不对，请重新上传');

const milestone = (label: string) =>
  z
    .object(
      {
        doneOn: day(`${label}完成日期`).nullable(),
        documents: z
          .array(recordFileIdField, { invalid_type_error: `${label}的证明材料格式不对` })
          .max(L.maxDocuments, `${label}的证明材料最多 ${L.maxDocuments} 份`)
          .refine((a) => new Set(a).size === a.length, `${label}的证明材料有重复，请检查`),
      },
      { required_error: `缺少${label}`, invalid_type_error: `${label}格式不对` },
    )
    .strict()
    .refine((m) => m.documents.length === 0 || m.doneOn !== null, {
      message: `上传了${label}的证明材料，请同时填写完成日期`,
      path: ['doneOn'],
    });

const fundingLine = z
  .object(
    {
      source: choice(FUNDING_SOURCES, '资金来源'),
      amountYuan: z
        .number({ invalid_type_error: '资金金额必须是数字（元）' })
        .min(0, '资金金额不能小于 0')
        .max(L.maxAmountYuan, `资金金额不能超过 ${L.maxAmountYuan} 元`)
        .refine((n) => Number.isInteger(n * 100), '资金金额最多保留两位小数')
        .nullable(),
      note: textField('资金说明', L.noteChars, { multiline: false }).nullable(),
    },
    { invalid_type_error: '资金来源格式不对' },
  )
  .strict();

const versionField = z
  .number({ required_error: '缺少记录版本号，请刷新后再试', invalid_type_error: '记录版本号必须是数字' })
  .int('记录版本号必须是整数')
  .min(0, '记录版本号格式不对，请刷新后再试')
  .max(L.maxVersion, '记录版本号格式不对，请刷新后再试');

/** `district.getStationRecord`. */
export const getStationRecordInput = input({ stationId });

/** `district.listStationRecordHistory`: newest first, cursor-paged. */
export const listStationRecordHistoryInput = input({ stationId, ...pageFields(50) });

/**
 * `district.updateStationRecord`: the whole record each time (the form saves
 * the whole card), at the `version` the caller read (else refused: no silent
 * overwrite). The operator phone uses the one phone field of every form.
 */
export const updateStationRecordInput = input({
  stationId,
  version: versionField,
  status: choice(STATION_STATUSES, '建设状态（筹建、试运行或运营）'),
  specialty: z.enum(SPECIALTIES, { errorMap: () => ({ message: '一站一品请从列表中选择' }) }).nullable(),
  rooms: z
    .array(choice(ROOM_KINDS, '活动场所'), { invalid_type_error: '活动场所格式不对' })
    .max(ROOM_KINDS.length, '活动场所选得太多了')
    .refine((a) => new Set(a).size === a.length, '活动场所有重复，请检查'),
  operatingModel: choice(OPERATING_MODELS, '运营方式').nullable(),
  operatorName: textField('运营单位名称', L.operatorChars, { multiline: false }).nullable(),
  operatorPhone: phoneField('运营单位联系电话').nullable(),
  agreementFrom: day('协议开始日期').nullable(),
  agreementTo: day('协议结束日期').nullable(),
  funding: z
    .array(fundingLine, { invalid_type_error: '资金来源格式不对' })
    .max(L.maxFunding, `资金来源最多 ${L.maxFunding} 项`),
  milestones: z
    .object(
      {
        plan_filed: milestone('建设方案备案'),
        rooms_ready: milestone('硬件设施建成'),
        operator_in_place: milestone('运营单位入驻'),
      },
      { required_error: '缺少建设节点', invalid_type_error: '建设节点格式不对' },
    )
    .strict(),
}).superRefine((v, ctx) => {
  if ((v.agreementFrom === null) !== (v.agreementTo === null))
    ctx.addIssue({
      code: 'custom',
      path: [v.agreementFrom === null ? 'agreementFrom' : 'agreementTo'],
      message: '协议期限请同时填写开始和结束日期',
    });
  if (v.agreementFrom && v.agreementTo && v.agreementTo < v.agreementFrom)
    ctx.addIssue({ code: 'custom', path: ['agreementTo'], message: '协议结束日期不能早于开始日期，请检查' });
  if (v.operatingModel === 'government_purchase' && !v.operatorName)
    ctx.addIssue({ code: 'custom', path: ['operatorName'], message: '政府购买服务请填写承接的运营单位名称' });
});
/** Parsed input of updateStationRecord. */
export type UpdateStationRecordInput = z.output<typeof updateStationRecordInput>;

// ------------------------------------------------------------------ policies

/** `district.listQuotaPolicies`. */
export const listQuotaPoliciesInput = input({});

/** `district.saveQuotaPolicy`: a whole policy, from `effectiveFrom` (today or later, Beijing). */
export const saveQuotaPolicyInput = quotaPolicySchema;

// ------------------------------------------------------------------ registry

/** `district.listQualificationRegistry`: every station, or one. */
export const listQualificationRegistryInput = input({ stationId: stationId.optional() });

// ------------------------------------------------------------------ stories

const storyId = clientIdField('故事编号');

/**
 * `district.recordPublicityConsent` (the station's head): a person's consent
 * (or its withdrawal) to an anonymised story about them being shown to
 * residents, recorded like a consent at the door: who, when, how.
 */
export const recordPublicityConsentInput = input({
  consentId: clientIdField('同意记录编号'),
  personId: idField('服务对象档案编号'),
  kind: choice(['give', 'withdraw'] as const, '登记类型（同意或撤回）'),
  givenBy: choice(CONSENT_GIVERS, '由谁表示同意（本人或监护人）'),
  guardianName: personNameField('监护人姓名').nullable().optional(),
  day: day('同意日期'),
  method: choice(CONSENT_METHODS, '同意方式（书面或口头）'),
  fileId: z
    .string({ invalid_type_error: '同意书照片格式不对，请重新拍照上传' })
    .max(500, '同意书照片格式不对，请重新拍照上传')
    .regex(/^cloud:\/\/[A-Za-z0-9._-]+\/[^\s]+$/, '同意书照片格式不对，请重新拍照上传')
    .nullable()
    .optional(),
  witnessName: personNameField('见证人姓名').nullable().optional(),
}).superRefine((v, ctx) => {
  if (v.givenBy === 'guardian' && !v.guardianName)
    ctx.addIssue({ code: 'custom', path: ['guardianName'], message: '由监护人同意时，请填写监护人姓名' });
  if (v.kind === 'give' && v.method === 'paper' && !v.fileId)
    ctx.addIssue({ code: 'custom', path: ['fileId'], message: '书面同意请拍照上传签字的同意书' });
  if (v.kind === 'give' && v.method === 'verbal' && !v.witnessName)
    ctx.addIssue({ code: 'custom', path: ['witnessName'], message: '口头同意请填写见证人姓名' });
});

/**
 * `district.submitStory`: a case story (anonymised text; the publicity
 * consent recorded for the person, `consentId`) or an outstanding worker (the
 * worker's own agreement, `workerConsent: true`). Id made on the phone.
 */
export const submitStoryInput = input({
  storyId,
  stationId,
  kind: choice(STORY_KINDS, '故事类型（案例故事或优秀社工）'),
  title: textField('标题', STORY_LIMITS.titleChars, { multiline: false }),
  text: textField('正文', STORY_LIMITS.textChars),
  consentId: clientIdField('宣传同意记录编号').nullable().optional(),
  workerId: idField('社工账号编号').nullable().optional(),
  workerConsent: z.boolean({ invalid_type_error: '社工本人是否同意须为“是”或“否”' }).optional(),
}).superRefine((v, ctx) => {
  if (v.kind === 'case_story') {
    if (!v.consentId)
      ctx.addIssue({
        code: 'custom',
        path: ['consentId'],
        message: '案例故事须有服务对象本人（或监护人）同意公开宣传的登记记录，请先登记宣传同意',
      });
    if (v.workerId)
      ctx.addIssue({ code: 'custom', path: ['workerId'], message: '案例故事无需选择社工，请去掉' });
  } else {
    if (!v.workerId) ctx.addIssue({ code: 'custom', path: ['workerId'], message: '请选择要宣传的优秀社工' });
    if (v.workerConsent !== true)
      ctx.addIssue({
        code: 'custom',
        path: ['workerConsent'],
        message: '宣传优秀社工须先征得该社工本人同意，请确认后再提交',
      });
    if (v.consentId)
      ctx.addIssue({
        code: 'custom',
        path: ['consentId'],
        message: '优秀社工无需服务对象的同意记录，请去掉',
      });
  }
});

/** `district.approveStory` (the district). */
export const approveStoryInput = input({ storyId });

/** `district.withdrawStory`: why (the person or worker withdrew, or the district's decision). */
export const withdrawStoryInput = input({
  storyId,
  reason: textField('撤下原因', STORY_LIMITS.reasonChars),
  /** True when the person (or worker) withdrew their consent: recorded, and the consent no longer serves. */
  consentWithdrawn: z.boolean({ invalid_type_error: '是否本人撤回同意须为“是”或“否”' }).optional(),
});

/** `district.listStories`: the stories of a station or all (district), any status, newest first. */
export const listStoriesInput = input({
  stationId: stationId.optional(),
  status: choice(STORY_STATUSES, '故事状态').optional(),
  ...pageFields(50),
});

/** `district.listStationStories` (public): a station's approved stories. */
export const listStationStoriesInput = input({ stationId });
