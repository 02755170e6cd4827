import { z } from 'zod';
import { RISK_TIERS } from '../domain/risk';
import { TARGET_CATEGORIES } from '../domain/person';
import { SERVICE_AREAS } from '../domain/station';
import {
  FINDING_AREAS,
  FINDING_LABELS,
  OTHER_PRESENT_ROLES,
  VISIT_LIMITS,
  VISIT_MODES,
  VISIT_TYPES,
  type FindingArea,
} from '../domain/visit';
import { categoriesField } from './files';
import { beijingDayField, clientIdField, idField, input, pageFields, textField } from './fields';

// Input schemas of the `visits` cloud function (home visits, 走访, issue 10).
// Strict objects (unknown keys refused); every text and array is capped so
// one call's JSON stays under 100 KB (largest valid payload: see the tests).

/** Largest page of a visit list. */
export const MAX_VISITS_PAGE = 50;
/** Default page of a visit list. */
export const DEFAULT_VISITS_PAGE = 20;

const L = VISIT_LIMITS;
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
    .min(min, `请至少选择一位${what}`)
    .max(max, `${what}最多 ${max} 位`)
    .refine(unique, `${what}有重复，请检查`);

/** A cloud storage fileID (`wx.cloud.uploadFile` answer); its folder is checked by the function. */
export const visitFileIdField = z
  .string({ invalid_type_error: '照片编号格式不对，请重新上传' })
  .max(300, '照片编号格式不对，请重新上传')
  .regex(/^cloud:\/\/[A-Za-z0-9._-]+\/[A-Za-z0-9._/-]+$/, '照片编号格式不对，请重新上传');

/** A phone time (ISO 8601 with offset or Z). */
const phoneTime = (what: string) =>
  z
    .string({ required_error: `缺少${what}`, invalid_type_error: `${what}格式不对` })
    .datetime({ offset: true, message: `${what}格式不对，请检查手机时间后重新保存` });

const coordinate = (what: string, min: number, max: number) =>
  z
    .number({ required_error: `缺少${what}`, invalid_type_error: `${what}必须是数字` })
    .min(min, `${what}超出范围`)
    .max(max, `${what}超出范围`);

/** A location the phone gave (WGS-84/GCJ-02 as wx.getLocation answers), with accuracy in metres. */
const point = z
  .object({
    lat: coordinate('纬度', -90, 90),
    lng: coordinate('经度', -180, 180),
    accuracy: z
      .number({ invalid_type_error: '定位精度必须是数字' })
      .min(0, '定位精度超出范围')
      .max(100_000, '定位精度超出范围'),
  })
  .strict();

const findingsShape = Object.fromEntries(
  FINDING_AREAS.map((a) => [
    a,
    textField(`${FINDING_LABELS[a]}方面的情况`, L.findingChars).nullable().optional(),
  ]),
) as Record<FindingArea, z.ZodOptional<z.ZodNullable<ReturnType<typeof textField>>>>;

/** One follow-up (后续跟进): what, who, by when, referral, whether to open a case (个案). */
export const followUpField = z
  .object({
    action: line('跟进事项', L.shortChars),
    ownerId: idField('跟进负责人'),
    dueDay: beijingDayField('跟进期限'),
    referral: line('转介说明', L.shortChars).nullable().optional(),
    openCase: z.boolean({ invalid_type_error: '是否开案请选择是或否' }).optional(),
  })
  .strict();

/** The visit record as the phone sends it (`payload` of submitVisit). */
export const visitPayloadField = z
  .object({
    stationId: idField('社工站编号'),
    householdId: idField('家庭编号').nullable().optional(),
    personIds: idList('走访对象', L.persons, 1),
    workerIds: idList('在场社工', L.workers, 1),
    othersPresent: z
      .array(
        z
          .object({
            role: choice(OTHER_PRESENT_ROLES, '其他在场人员身份'),
            name: line('其他在场人员姓名', 20).nullable().optional(),
          })
          .strict(),
        { invalid_type_error: '其他在场人员格式不对' },
      )
      .max(L.others, `其他在场人员最多 ${L.others} 位`)
      .optional(),
    type: choice(VISIT_TYPES, '走访类型'),
    mode: choice(VISIT_MODES, '走访方式'),
    categories: categoriesField.optional(),
    startAt: phoneTime('开始时间'),
    endAt: phoneTime('结束时间'),
    address: line('走访地址', L.shortChars).nullable().optional(),
    findings: z.object(findingsShape).strict().optional(),
    needs: z
      .array(
        z
          .object({
            area: choice(SERVICE_AREAS, '需求所属服务领域'),
            note: textField('需求说明', L.noteChars).nullable().optional(),
          })
          .strict(),
        { invalid_type_error: '需求格式不对' },
      )
      .max(L.needs, `需求最多 ${L.needs} 项`)
      .refine((a) => unique(a.map((n) => n.area)), '同一服务领域的需求请合并填写')
      .optional(),
    services: z
      .array(line('现场提供的服务', L.shortChars), { invalid_type_error: '现场提供的服务格式不对' })
      .max(L.services, `现场提供的服务最多 ${L.services} 项`)
      .optional(),
    risk: choice(RISK_TIERS, '风险等级').nullable().optional(),
    followUps: z
      .array(followUpField, { invalid_type_error: '后续跟进格式不对' })
      .max(L.followUps, `后续跟进最多 ${L.followUps} 项`)
      .optional(),
    location: z
      .object({
        start: point.nullable().optional(),
        end: point.nullable().optional(),
        refused: line('未定位原因', 100).nullable().optional(),
      })
      .strict()
      .nullable()
      .optional(),
    photoFileIds: z
      .array(visitFileIdField, { invalid_type_error: '照片格式不对' })
      .max(L.photos, `照片最多 ${L.photos} 张`)
      .refine(unique, '照片有重复，请检查')
      .optional(),
    confirmation: z
      .object({
        signatureFileId: visitFileIdField.nullable().optional(),
        noSignatureReason: line('未签字原因', 100).nullable().optional(),
      })
      .strict(),
  })
  .strict()
  .superRefine((v, ctx) => {
    const issue = (path: (string | number)[], message: string) =>
      ctx.addIssue({ code: z.ZodIssueCode.custom, path, message });
    const start = Date.parse(v.startAt);
    const end = Date.parse(v.endAt);
    if (end < start) issue(['endAt'], '结束时间不能早于开始时间，请检查');
    else if (end - start > L.maxHours * 3600_000)
      issue(['endAt'], `一次走访不能超过 ${L.maxHours} 小时，请检查开始和结束时间`);
    const c = v.confirmation;
    if (!c.signatureFileId === !c.noSignatureReason)
      issue(['confirmation'], '请让服务对象签字确认，或填写未签字的原因（二选一）');
    if (v.mode === '上门') {
      const loc = v.location;
      const has = !!loc && (!!loc.start || !!loc.end);
      if (!has && !loc?.refused) issue(['location'], '上门走访请记录定位，或填写未定位的原因');
      if (has && loc?.refused) issue(['location', 'refused'], '已有定位时不需要填写未定位原因');
    }
  });
/** The parsed visit record. */
export type VisitPayload = z.output<typeof visitPayloadField>;

/** A version number of a record made on the phone (1, 2, …). */
const versionField = (what: string, min: number) =>
  z
    .number({ required_error: `缺少${what}，请重新提交`, invalid_type_error: `${what}必须是数字` })
    .int(`${what}必须是整数`)
    .min(min, `${what}格式不对，请重新提交`)
    .max(L.maxVersion, `${what}格式不对，请重新提交`);

/** submitVisit: one outbox item. */
export const submitVisitInput = input({
  id: clientIdField('走访记录编号'),
  version: versionField('版本号', 1),
  baseVersion: versionField('原版本号', 0).nullable().optional(),
  payload: visitPayloadField,
  fileIds: z
    .array(visitFileIdField, { invalid_type_error: '照片格式不对' })
    .max(L.photos + 1, `附件最多 ${L.photos + 1} 个`)
    .optional(),
});
export type SubmitVisitInput = z.output<typeof submitVisitInput>;

const page = pageFields(MAX_VISITS_PAGE);

/**
 * listVisits: a station's visits, newest first, optionally of one person; the
 * dashboard's drill-down filters (issue 13): a Beijing year or month of the
 * visit's day, a target category, a worker on the visit, a need's service area.
 */
export const listVisitsInput = input({
  stationId: idField('社工站编号'),
  personId: idField('档案编号').optional(),
  year: z
    .number({ invalid_type_error: '年份必须是数字' })
    .int('年份必须是整数')
    .min(2000, '年份超出范围，请选择 2000 至 2100 年')
    .max(2100, '年份超出范围，请选择 2000 至 2100 年')
    .optional(),
  month: z
    .string({ invalid_type_error: '月份格式不对' })
    .regex(/^(20\d\d|2100)-(0[1-9]|1[0-2])$/, '月份请按 年-月 填写，例如 2025-11')
    .optional(),
  category: choice(TARGET_CATEGORIES, '服务对象类别').optional(),
  workerId: idField('社工').optional(),
  area: choice(SERVICE_AREAS, '服务领域').optional(),
  ...page,
});

/** getVisit: one record. */
export const getVisitInput = input({ visitId: clientIdField('走访记录编号') });

/** listMyFollowUps: the caller's open follow-ups, earliest due first. */
export const listMyFollowUpsInput = input({ ...page });

/** listVisitConflicts: a station's conflicts waiting for the head. */
export const listVisitConflictsInput = input({ stationId: idField('社工站编号'), ...page });

/** resolveVisitConflict: keep the server's version or the phone's. */
export const resolveVisitConflictInput = input({
  conflictId: idField('冲突编号', 200),
  keep: choice(['server', 'phone'] as const, '保留哪一份（服务器或手机）'),
});
