import { z } from 'zod';
import { beijingDayField, input, mobileField, pageFields, personNameField, textField } from './fields';
import { CERTIFICATE_KINDS, REGISTRATION_STATUSES, SENSITIVE_CATEGORIES } from '../domain/account';

/**
 * Input schemas of the `accounts` function (checked on the phone and again in
 * the function), made of the shared field builders (./fields.ts). Objects are
 * strict like every other function's: the pipeline strips identity-shaped
 * keys (`openid`, `role`, `_openid`, `createdBy`, `userInfo`) before parsing,
 * so they change nothing, and any other unknown key is refused. Every field
 * has a type, so operator-shaped values such as `{"$ne": null}` fail here.
 */

/** Alphabet of invite codes: no 0/O, 1/I/L, so a code read aloud or copied by hand survives. */
export const INVITE_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
/** Length of an invite code. */
export const INVITE_CODE_LENGTH = 8;
/** Default and longest validity of an invite, in days. */
export const INVITE_DEFAULT_DAYS = 7;
/** Longest validity of an invite, in days. */
export const INVITE_MAX_DAYS = 30;
/** Largest page of staff, invites, consents or audit entries. */
export const MAX_PAGE = 100;
/** Default page size. */
export const DEFAULT_PAGE = 20;

const text = (label: string, max: number) => textField(label, max, { multiline: false });

/** A station id as stored (`st-…`). */
export const stationIdSchema = z
  .string({ required_error: '请选择社工站', invalid_type_error: '社工站参数格式不对' })
  .regex(/^st-[a-z0-9-]{1,40}$/, '社工站参数格式不对，请重新选择');

/** A user id as returned by listStaff (`u-…`). */
export const userIdSchema = z
  .string({ required_error: '请选择人员', invalid_type_error: '人员参数格式不对' })
  .regex(/^[A-Za-z0-9_-]{1,64}$/, '人员参数格式不对，请重新选择');

/** A consent record id. */
const consentIdSchema = z
  .string({ required_error: '请选择要撤回的授权', invalid_type_error: '授权参数格式不对' })
  .regex(/^[A-Za-z0-9_-]{1,64}$/, '授权参数格式不对，请重新选择');

const daySchema = beijingDayField;

/** Invite code as typed: spaces, dashes and lower case forgiven, then checked against the alphabet. */
export const inviteCodeSchema = z
  .string({ required_error: '请输入邀请码', invalid_type_error: '邀请码必须是文字' })
  .max(32, '邀请码格式不对，请核对后重新输入')
  .transform((s) => s.replace(/[\s-]/g, '').toUpperCase())
  .pipe(
    z
      .string()
      .regex(
        new RegExp(`^[${INVITE_CODE_ALPHABET}]{${INVITE_CODE_LENGTH}}$`),
        `邀请码是 ${INVITE_CODE_LENGTH} 位字母和数字，请核对后重新输入`,
      ),
  );

const page = pageFields(MAX_PAGE);

/** Mainland mobile number, 11 digits. */
export const phoneSchema = mobileField('手机号');

/** A person's name: Chinese characters, letters, the middle dot, up to 20. */
export const personNameSchema = personNameField('姓名', 20);

/** `accounts.whoAmI`: no input. */
export const whoAmIInput = input({});
/** `accounts.acceptPrivacyNotice`: the version the user read. */
export const acceptPrivacyNoticeInput = input({
  version: z
    .string({ required_error: '请先阅读隐私政策', invalid_type_error: '隐私政策版本格式不对' })
    .max(20, '隐私政策版本格式不对')
    .regex(/^[0-9A-Za-z.-]+$/, '隐私政策版本格式不对'),
});
/** `accounts.updateProfile`: name and/or phone. */
export const updateProfileInput = input({
  name: personNameSchema.optional(),
  phone: phoneSchema.optional(),
}).refine((v) => v.name !== undefined || v.phone !== undefined, { message: '请填写姓名或手机号' });

/** Roles an invite can give (district admins come from configuration only). */
export const INVITE_ROLES = ['social_worker', 'station_head', 'supervisor'] as const;
/**
 * `accounts.createInvite`: a worker/head to one station, or a supervisor to
 * stations. The field is `staffRole`, not `role`: the handler strips `role`
 * from every event (an identity claim).
 */
export const createInviteInput = input({
  staffRole: z.enum(INVITE_ROLES, {
    required_error: '请选择邀请的身份',
    invalid_type_error: '请选择邀请的身份：社工、站长或督导',
  }),
  stationId: stationIdSchema.optional(),
  stationIds: z
    .array(stationIdSchema, { invalid_type_error: '督导负责的社工站格式不对' })
    .min(1, '请至少选择一个社工站')
    .max(30, '督导负责的社工站太多了')
    .optional(),
  validDays: z
    .number({ invalid_type_error: '有效天数必须是数字' })
    .int('有效天数必须是整数')
    .min(1, '有效天数至少为 1 天')
    .max(INVITE_MAX_DAYS, `有效天数不能超过 ${INVITE_MAX_DAYS} 天`)
    .optional(),
}).superRefine((v, ctx) => {
  if (v.staffRole === 'supervisor') {
    if (!v.stationIds)
      ctx.addIssue({ code: 'custom', path: ['stationIds'], message: '请选择督导负责的社工站' });
    if (v.stationId)
      ctx.addIssue({ code: 'custom', path: ['stationId'], message: '督导请用“负责的社工站”选择' });
  } else {
    if (!v.stationId) ctx.addIssue({ code: 'custom', path: ['stationId'], message: '请选择社工站' });
    if (v.stationIds)
      ctx.addIssue({ code: 'custom', path: ['stationIds'], message: '社工和站长只属于一个社工站' });
  }
});
/** `accounts.revokeInvite`. */
export const revokeInviteInput = input({ code: inviteCodeSchema });
/** Invite statuses. */
export const INVITE_STATUSES = ['open', 'used', 'revoked', 'expired'] as const;
/** `accounts.listInvites`: optional station and status, a page. */
export const listInvitesInput = input({
  stationId: stationIdSchema.optional(),
  status: z.enum(INVITE_STATUSES, { invalid_type_error: '状态参数格式不对' }).optional(),
  ...page,
});
/** `accounts.redeemInvite`. */
export const redeemInviteInput = input({ code: inviteCodeSchema });
/** `accounts.listStaff`: a station (default: the caller's own), a page. */
export const listStaffInput = input({ stationId: stationIdSchema.optional(), ...page });
/** `accounts.deactivateStaff`. */
export const deactivateStaffInput = input({ userId: userIdSchema });
/** `accounts.updateQualification`: the certificate on a staff record. */
export const updateQualificationInput = input({
  userId: userIdSchema,
  kind: z.enum(CERTIFICATE_KINDS, {
    required_error: '请选择证书类别',
    invalid_type_error: '请选择证书类别：助理社会工作师、社会工作师、高级社会工作师或天津市社会工作员证书',
  }),
  number: text('证书编号', 40).pipe(
    z.string().regex(/^[0-9A-Za-z-]+$/, '证书编号只能包含字母、数字和短横线'),
  ),
  registrationStatus: z.enum(REGISTRATION_STATUSES, {
    required_error: '请选择注册登记状态',
    invalid_type_error: '请选择注册登记状态',
  }),
  registeredOn: daySchema('注册登记日期').nullable().optional(),
}).superRefine((v, ctx) => {
  if (v.registrationStatus === 'registered' && !v.registeredOn) {
    ctx.addIssue({ code: 'custom', path: ['registeredOn'], message: '已注册登记的，请填写注册登记日期' });
  }
});

/** The person a consent is about: the caller, or a family member by a client-generated id. */
export const consentSubjectInput = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('self') }).strict(),
    z
      .object({
        kind: z.literal('other'),
        subjectId: z
          .string({ required_error: '缺少家人编号', invalid_type_error: '家人编号格式不对' })
          .regex(/^p-[A-Za-z0-9_-]{6,40}$/, '家人编号格式不对'),
        name: personNameSchema,
        relationship: text('与本人关系', 10),
        birthDate: daySchema('出生日期').optional(),
      })
      .strict(),
  ],
  { errorMap: () => ({ message: '请说明是为本人还是为家人授权' }) },
);
/** `accounts.recordConsent`: separate consent for one sensitive category. */
export const recordConsentInput = input({
  category: z.enum(SENSITIVE_CATEGORIES, {
    required_error: '请选择授权的信息类别',
    invalid_type_error: '请选择授权的信息类别：健康状况、残疾情况或经济困难状况',
  }),
  version: z
    .string({ required_error: '请先阅读授权说明', invalid_type_error: '授权说明版本格式不对' })
    .max(20, '授权说明版本格式不对')
    .regex(/^[0-9A-Za-z.-]+$/, '授权说明版本格式不对'),
  scope: text('授权用途', 100),
  subject: consentSubjectInput,
  capacity: z.enum(['self', 'guardian', 'family_member'], {
    required_error: '请说明以什么身份授权',
    invalid_type_error: '请说明以什么身份授权：本人、监护人或家属',
  }),
});
/** `accounts.listMyConsents`. */
export const listMyConsentsInput = input({
  includeWithdrawn: z.boolean({ invalid_type_error: '参数格式不对' }).optional(),
});
/** `accounts.withdrawConsent`. */
export const withdrawConsentInput = input({ consentId: consentIdSchema });
/** `accounts.listAuditLog`: filters and a page (`actionKey`, since `action` routes the event). */
export const listAuditLogInput = input({
  actionKey: z
    .string({ invalid_type_error: '操作名称必须是文字' })
    .max(80, '操作名称太长了')
    .regex(/^[A-Za-z]+\.[A-Za-z]+$/, '操作名称格式不对，例如 accounts.createInvite')
    .optional(),
  outcome: z.enum(['ok', 'denied', 'error'], { invalid_type_error: '结果参数格式不对' }).optional(),
  stationId: stationIdSchema.optional(),
  from: daySchema('开始日期').optional(),
  to: daySchema('结束日期').optional(),
  ...page,
}).refine((v) => !v.from || !v.to || v.from <= v.to, { message: '开始日期不能晚于结束日期', path: ['from'] });
