import { z } from 'zod';
import { SENSITIVE_CATEGORIES } from '../domain/account';
import {
  HOUSEHOLD_RELATIONSHIPS,
  MAX_ADDRESS_CHARS,
  MAX_COMMUNITIES,
  MAX_COMMUNITY_CHARS,
} from '../domain/household';
import { ID_NUMBER_MESSAGES, idNumberProblem, normalizeIdNumber } from '../domain/id-number';
import {
  CONSENT_GIVERS,
  CONSENT_METHODS,
  LIVING_SITUATIONS,
  MAX_NOTES_CHARS,
  PERSON_STATUSES,
  SEXES,
  TARGET_CATEGORIES,
} from '../domain/person';
import { DUE_BUCKETS, RISK_TIERS } from '../domain/risk';
import {
  beijingDayField,
  clientIdField,
  idField,
  input,
  pageFields,
  personNameField,
  phoneField,
  searchField,
  textField,
} from './fields';

// Input schemas of the `files` cloud function (service-user files, 一人一档),
// one per action, made of the shared field builders. Strict objects: unknown
// keys are refused, and every message says in Chinese what to do.

/** Largest page of a file list. */
export const MAX_FILES_PAGE = 50;
/** Default page of a file list. */
export const DEFAULT_FILES_PAGE = 20;
/** Default items per bucket of the due list. */
export const DEFAULT_DUE_PAGE = 20;
/** Most requests shown on a file. */
export const MAX_FILE_REQUESTS = 20;
/** Most openings of a file shown to its person (getMyFile). */
export const MAX_FILE_OPENINGS = 50;

const page = pageFields(MAX_FILES_PAGE);
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

/** A station id (`st-…`). */
const stationId = idField('社工站编号');
/** A person's file id (client-made, like every record made on the phone). */
const personIdNew = clientIdField('档案编号');
/** An existing person's file id (client-made or made by the import). */
const personId = idField('档案编号');
/** A user id (`u-…`) of a worker. */
const workerId = idField('负责社工');

/** A target category list (several may apply; each once). */
export const categoriesField = z
  .array(choice(TARGET_CATEGORIES, '服务对象类别'), { invalid_type_error: '服务对象类别格式不对' })
  .max(TARGET_CATEGORIES.length, '服务对象类别选得太多了')
  .refine((a) => new Set(a).size === a.length, '服务对象类别有重复，请检查');

/** A 居民身份证号: normalized (spaces, full-width, lower-case x), 18 digits with checksum or the old 15. */
export const idNumberField = z
  .string({ invalid_type_error: '身份证号必须是文字' })
  .max(30, ID_NUMBER_MESSAGES.format)
  .transform(normalizeIdNumber)
  .superRefine((v, ctx) => {
    const problem = idNumberProblem(v);
    if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: ID_NUMBER_MESSAGES[problem] });
  });

/** A birth year: 1900 to 2100 (the handler checks it is not in the future). */
const birthYearField = z
  .number({ invalid_type_error: '出生年份必须是数字' })
  .int('出生年份必须是整数')
  .min(1900, '出生年份请填写 1900 年以后的年份')
  .max(2100, '出生年份格式不对，请检查');

/** A 社区 / 村 name (from the station's list; checked against it by the handler). */
const communityField = line('社区/村', MAX_COMMUNITY_CHARS);

/** The fields of a person that a form sends (create; the request variant omits name and phone). */
const personFields = {
  householdId: idField('家庭编号').nullable().optional(),
  relationship: choice(HOUSEHOLD_RELATIONSHIPS, '与户主关系').nullable().optional(),
  community: communityField.nullable().optional(),
  sex: choice(SEXES, '性别').nullable().optional(),
  birthDate: beijingDayField('出生日期').nullable().optional(),
  birthYear: birthYearField.nullable().optional(),
  idNumber: idNumberField.nullable().optional(),
  categories: categoriesField.optional(),
  livingSituation: choice(LIVING_SITUATIONS, '居住情况'),
  status: choice(PERSON_STATUSES, '档案状态').optional(),
  risk: choice(RISK_TIERS, '风险等级'),
  assignedWorkerId: workerId.nullable().optional(),
  notes: textField('备注', MAX_NOTES_CHARS).nullable().optional(),
  healthNotes: textField('健康状况', MAX_NOTES_CHARS).nullable().optional(),
  /** Beijing day of the last visit before the file was opened (a paper file brought in), if any. */
  lastVisitDay: beijingDayField('最近一次走访日期').nullable().optional(),
};

/** Consent recorded at the door: who, which categories, when, how (shared by recordConsent and the inline consent of createPerson). */
const consentFields = {
  categories: z
    .array(choice(SENSITIVE_CATEGORIES, '同意的信息类别'), { invalid_type_error: '同意的信息类别格式不对' })
    .min(1, '请至少选择一类同意的信息：健康状况、残疾情况或经济困难状况')
    .max(SENSITIVE_CATEGORIES.length, '同意的信息类别选得太多了')
    .refine((a) => new Set(a).size === a.length, '同意的信息类别有重复，请检查'),
  givenBy: choice(CONSENT_GIVERS, '由谁表示同意（本人或监护人）'),
  guardian: z
    .object({
      name: personNameField('监护人姓名'),
      relationship: line('监护人与本人关系', 10),
    })
    .strict()
    .nullable()
    .optional(),
  day: beijingDayField('同意日期'),
  method: choice(CONSENT_METHODS, '同意方式（书面或口头）'),
  /** Cloud storage fileID of the photographed form (`wx.cloud.uploadFile` answer). */
  fileId: z
    .string({ invalid_type_error: '同意书照片格式不对，请重新拍照上传' })
    .max(500, '同意书照片格式不对，请重新拍照上传')
    .regex(/^cloud:\/\/[A-Za-z0-9._-]+\/[^\s]+$/, '同意书照片格式不对，请重新拍照上传')
    .nullable()
    .optional(),
  witnessName: personNameField('见证人姓名').nullable().optional(),
};

type ConsentShape = {
  givenBy: string;
  guardian?: unknown;
  method: string;
  fileId?: string | null;
  witnessName?: string | null;
};
/** Cross-field rules of a consent: a guardian named when a guardian gave it; a photo for paper, a witness for verbal. */
function checkConsent(v: ConsentShape, ctx: z.RefinementCtx, path: (string | number)[] = []): void {
  if (v.givenBy === 'guardian' && !v.guardian)
    ctx.addIssue({
      code: 'custom',
      path: [...path, 'guardian'],
      message: '由监护人同意时，请填写监护人姓名和关系',
    });
  if (v.givenBy === 'self' && v.guardian)
    ctx.addIssue({ code: 'custom', path: [...path, 'guardian'], message: '本人同意时无需填写监护人' });
  if (v.method === 'paper' && !v.fileId)
    ctx.addIssue({ code: 'custom', path: [...path, 'fileId'], message: '书面同意请拍照上传签字的同意书' });
  if (v.method === 'verbal' && !v.witnessName)
    ctx.addIssue({ code: 'custom', path: [...path, 'witnessName'], message: '口头同意请填写见证人姓名' });
}

/** A consent given at the door, inside createPerson (one form at the first visit). */
export const inlineConsentInput = z
  .object({ consentId: clientIdField('同意记录编号'), ...consentFields })
  .strict()
  .superRefine((v, ctx) => checkConsent(v, ctx));

/** Birth: a date or at least a year; when both, they agree. */
function checkBirth(
  v: { birthDate?: string | null; birthYear?: number | null },
  ctx: z.RefinementCtx,
  required: boolean,
): void {
  if (required && !v.birthDate && (v.birthYear === undefined || v.birthYear === null))
    ctx.addIssue({ code: 'custom', path: ['birthDate'], message: '请填写出生日期，或至少填写出生年份' });
  if (v.birthDate && typeof v.birthYear === 'number' && Number(v.birthDate.slice(0, 4)) !== v.birthYear)
    ctx.addIssue({ code: 'custom', path: ['birthYear'], message: '出生年份与出生日期不一致，请检查' });
}

/** A household's contact. */
const contactInput = z
  .object({
    name: personNameField('联系人姓名'),
    phone: phoneField('联系人电话'),
    relationship: line('联系人与户主关系', 10).nullable().optional(),
  })
  .strict();

// ------------------------------------------------------------------ inputs

/** `files.listCommunities`: the station's 社区 / 村 list. */
export const listCommunitiesInput = input({ stationId });

/** `files.updateCommunities`: the head replaces the list (order kept, repeats dropped). */
export const updateCommunitiesInput = input({
  stationId,
  communities: z
    .array(
      z
        .string({ invalid_type_error: '社区/村名称必须是文字' })
        .max(MAX_COMMUNITY_CHARS * 2, `社区/村名称请不要超过 ${MAX_COMMUNITY_CHARS} 个字`),
      {
        required_error: '请填写社区/村列表',
        invalid_type_error: '社区/村列表格式不对',
      },
    )
    .max(MAX_COMMUNITIES * 2, `社区/村最多设置 ${MAX_COMMUNITIES} 个`),
});

/** `files.createHousehold`: a household at an address of the station (id made on the phone). */
export const createHouseholdInput = input({
  householdId: clientIdField('家庭编号'),
  stationId,
  community: communityField,
  address: line('详细地址（楼、单元、门牌）', MAX_ADDRESS_CHARS),
  contact: contactInput.nullable().optional(),
});

/** `files.updateHousehold`: change the address or the contact. */
export const updateHouseholdInput = input({
  householdId: idField('家庭编号'),
  community: communityField.optional(),
  address: line('详细地址（楼、单元、门牌）', MAX_ADDRESS_CHARS).optional(),
  contact: contactInput.nullable().optional(),
}).refine((v) => v.community !== undefined || v.address !== undefined || v.contact !== undefined, {
  message: '请填写要修改的地址或联系人',
});

/** `files.createPerson`: a new file (id made on the phone), optionally with the consent given at the door. */
export const createPersonInput = input({
  personId: personIdNew,
  stationId,
  name: personNameField('姓名'),
  phone: phoneField('联系电话').nullable().optional(),
  ...personFields,
  consent: inlineConsentInput.optional(),
}).superRefine((v, ctx) => checkBirth(v, ctx, true));

/** `files.updatePerson`: changed fields only (null clears), with the revision read (`rev`) so no one's edit is lost. */
export const updatePersonInput = input({
  personId,
  rev: z
    .number({
      required_error: '缺少档案版本，请刷新后再改',
      invalid_type_error: '档案版本格式不对，请刷新后再改',
    })
    .int('档案版本格式不对，请刷新后再改')
    .min(1, '档案版本格式不对，请刷新后再改'),
  name: personNameField('姓名').optional(),
  phone: phoneField('联系电话').nullable().optional(),
  ...personFields,
  livingSituation: personFields.livingSituation.optional(),
  risk: personFields.risk.optional(),
  /** Only `null` (unlink); a link is made from a request of the person (linkRequest). */
  linkedUserId: z.null({ invalid_type_error: '关联微信账号请通过该居民的求助进行' }).optional(),
}).superRefine((v, ctx) => checkBirth(v, ctx, false));

/** `files.getPerson`: one file, whole (audited). */
export const getPersonInput = input({ personId });

/** `files.listPersons`: a station's files, masked, with filters, a name prefix and a cursor. */
export const listPersonsInput = input({
  stationId,
  category: choice(TARGET_CATEGORIES, '服务对象类别').optional(),
  risk: choice(RISK_TIERS, '风险等级').optional(),
  community: communityField.optional(),
  assignedWorkerId: workerId.optional(),
  /** Only the files assigned to the caller. */
  mine: z.boolean({ invalid_type_error: '参数格式不对' }).optional(),
  due: choice(DUE_BUCKETS, '走访到期情况').optional(),
  status: choice(PERSON_STATUSES, '档案状态').optional(),
  /** The first characters of the name (prefix search). */
  q: searchField('姓名', 20).optional(),
  ...page,
});

/** `files.listDue`: a station's due visits (default: the caller's station), by bucket (one bucket with a cursor, or all three). */
export const listDueInput = input({
  stationId: stationId.optional(),
  mine: z.boolean({ invalid_type_error: '参数格式不对' }).optional(),
  bucket: choice(DUE_BUCKETS, '待访分类').optional(),
  ...page,
}).refine((v) => !v.cursor || v.bucket, { message: '翻页时请指定待访分类', path: ['bucket'] });

/** `files.countDue`: the badge numbers on 我的 (three counts, no persons; default: the caller's station). */
export const countDueInput = input({
  stationId: stationId.optional(),
  mine: z.boolean({ invalid_type_error: '参数格式不对' }).optional(),
});

/** `files.countFiles`: counts by risk and category (station, assigned stations, or the district). */
export const countFilesInput = input({
  stationId: stationId.optional(),
  status: choice(PERSON_STATUSES, '档案状态').optional(),
});

/** `files.recordConsent`: a consent given, or withdrawn, at the door (id made on the phone). */
export const recordPersonConsentInput = input({
  consentId: clientIdField('同意记录编号'),
  personId,
  kind: choice(['give', 'withdraw'] as const, '登记类型（同意或撤回）'),
  ...consentFields,
}).superRefine((v, ctx) => checkConsent(v, ctx));

/** `files.getMyFile`: a resident's own file (if the station linked it to their account). */
export const getMyFileInput = input({});

/** `files.linkRequest`: attach a request to a file of the same station. */
export const linkRequestInput = input({
  requestId: idField('求助编号'),
  personId,
  /** Also link the file to the requester's WeChat account (only for a request made for oneself). */
  linkAccount: z.boolean({ invalid_type_error: '参数格式不对' }).optional(),
});

/** `files.createPersonFromRequest`: a new file from a request (name and phone taken from it). */
export const createPersonFromRequestInput = input({
  requestId: idField('求助编号'),
  personId: personIdNew,
  /** When the request names nobody (a resident without a profile name). */
  name: personNameField('姓名').optional(),
  ...personFields,
  consent: inlineConsentInput.optional(),
}).superRefine((v, ctx) => checkBirth(v, ctx, true));

/** Parsed inputs. */
export type CreatePersonInput = z.output<typeof createPersonInput>;
/** Parsed input of updatePerson. */
export type UpdatePersonInput = z.output<typeof updatePersonInput>;
/** Parsed input of listPersons. */
export type ListPersonsInput = z.output<typeof listPersonsInput>;
/** Parsed input of recordConsent. */
export type RecordPersonConsentInput = z.output<typeof recordPersonConsentInput>;
/** Parsed inline consent. */
export type InlineConsentInput = z.output<typeof inlineConsentInput>;
/** Parsed input of createPersonFromRequest. */
export type CreatePersonFromRequestInput = z.output<typeof createPersonFromRequestInput>;
