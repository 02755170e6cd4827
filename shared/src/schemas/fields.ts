import { z } from 'zod';
import { CLIENT_ID_PATTERN } from '../ids';

/**
 * The field builders every input schema is made of (issue 8, "the seams"):
 * ids, client-made ids, phones, Chinese free text, names, Beijing days, pages.
 * One rule for unknown keys across all functions: {@link input} objects are
 * strict (an unknown key is refused). The pipeline strips identity keys
 * (`openid`, `userInfo` that wx.cloud adds, …) before parsing, so a strict
 * schema never refuses a real call, and `status` or `ownerId` smuggled into an
 * event never reaches a write. Each message says in Chinese what to do; a
 * value of the wrong type (operator-shaped objects such as `{"$gt": ""}`
 * included) fails here, before it can reach a query.
 */

/** An action's input object: strict (unknown keys refused). */
export const input = <T extends z.ZodRawShape>(shape: T) => z.object(shape).strict();

/** Letters, digits, `-`, `_`: every id the server makes or seeds. */
const ID_RE = /^[A-Za-z0-9_-]+$/;
/** Has at least one letter (any script) or digit: refuses emoji-only, punctuation-only text. */
const HAS_WORDS = /[\p{L}\p{N}]/u;
/** No control characters at all (names, search boxes). */
const NO_CONTROL = /^\P{Cc}*$/u;
/** No control characters except line breaks (a description may have paragraphs). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NO_CONTROL_EXCEPT_NEWLINE = /^[^\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f]*$/;
/** A Chinese mobile number (11 digits, 1[3-9]…). */
export const MOBILE_RE = /^1[3-9]\d{9}$/;
/** A mobile or a landline with area code (022-12345678, 02212345678). */
export const PHONE_RE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;
/** A person's name: CJK, letters, the middle dot (少数民族 names), spaces between Latin words. */
const PERSON_NAME_RE = /^[\p{Script=Han}A-Za-z·•. ]+$/u;
/** A calendar day as written: `YYYY-MM-DD`. */
const DAY_RE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** An id the server made or seeded (`st-tanggu`, `u-…`, a database id): `what` names it in messages. */
export const idField = (what: string, max = 64) =>
  z
    .string({
      required_error: `缺少${what}，请返回重新选择`,
      invalid_type_error: `${what}格式不对，请返回重新选择`,
    })
    .min(1, `缺少${what}，请返回重新选择`)
    .max(max, `${what}格式不对，请返回重新选择`)
    .regex(ID_RE, `${what}格式不对，请返回重新选择`);

/**
 * An id made on the phone (a request, a visit, a case note) for idempotency:
 * the one strict pattern {@link CLIENT_ID_PATTERN} (no `_`, so never
 * `__proto__`; 8–64 characters).
 */
export const clientIdField = (what: string) =>
  z
    .string({ required_error: `缺少${what}，请重新提交`, invalid_type_error: `${what}格式不对，请重新提交` })
    .regex(CLIENT_ID_PATTERN, `${what}格式不对，请重新提交`);

/** Free text: trimmed, 1–`max` characters, real words (not only emoji), line breaks allowed when `multiline`. */
export const textField = (what: string, max: number, opts: { multiline?: boolean } = {}) =>
  z
    .string({ required_error: `请填写${what}`, invalid_type_error: `${what}必须是文字` })
    .trim()
    .min(1, `请填写${what}`)
    .max(max, `${what}请不要超过 ${max} 个字`)
    .regex(
      opts.multiline === false ? NO_CONTROL : NO_CONTROL_EXCEPT_NEWLINE,
      `${what}包含无法识别的字符，请重新输入`,
    )
    .regex(HAS_WORDS, `${what}请用文字说明，不能只有表情或符号`);

/** A search box: optional words, no control characters. */
export const searchField = (what: string, max: number) =>
  z
    .string({ invalid_type_error: `${what}必须是文字` })
    .max(max, `${what}请不要超过 ${max} 个字`)
    .regex(NO_CONTROL, `${what}包含无法识别的字符，请重新输入`)
    .trim();

/** A person's name: Chinese characters, letters, the middle dot; up to `max`. */
export const personNameField = (what = '姓名', max = 20) =>
  z
    .string({ required_error: `请填写${what}`, invalid_type_error: `${what}必须是文字` })
    .trim()
    .min(1, `请填写${what}`)
    .max(max, `${what}请不要超过 ${max} 个字`)
    .regex(PERSON_NAME_RE, `${what}只能包含汉字、字母和间隔号，请重新填写`);

/** A mainland mobile number, 11 digits. */
export const mobileField = (what = '手机号') =>
  z
    .string({ required_error: `请填写${what}`, invalid_type_error: `${what}必须是数字` })
    .trim()
    .regex(MOBILE_RE, `${what}请填写 11 位手机号码`);

/** A mobile or a landline with area code. */
export const phoneField = (what = '联系电话') =>
  z
    .string({ required_error: `请填写${what}`, invalid_type_error: `${what}必须是数字` })
    .trim()
    .min(1, `请填写${what}`)
    .max(20, `${what}格式不对，请填写 11 位手机号或带区号的座机号`)
    .regex(PHONE_RE, `${what}格式不对，请填写 11 位手机号或带区号的座机号`);

/** A Beijing calendar day `YYYY-MM-DD` (the day as the district lives it; see calendar.ts). */
export const beijingDayField = (what: string) =>
  z
    .string({ required_error: `请选择${what}`, invalid_type_error: `${what}格式不对` })
    .regex(DAY_RE, `${what}请按 年-月-日 填写，例如 2024-05-01`);

/** Page size: 1..`max`, optional. */
export const limitField = (max: number, what = '每页数量') =>
  z
    .number({ invalid_type_error: `${what}必须是数字` })
    .int(`${what}必须是整数`)
    .min(1, `${what}至少为 1`)
    .max(max, `${what}不能超过 ${max}`)
    .optional();

/** An opaque cursor a list handed out (`nextCursor`), base64url. */
export const cursorField = () =>
  z
    .string({ invalid_type_error: '列表位置参数格式不对，请下拉刷新' })
    .max(400, '列表位置参数格式不对，请下拉刷新')
    .regex(/^[A-Za-z0-9_-]*$/, '列表位置参数格式不对，请下拉刷新')
    .nullable()
    .optional();

/** The fields of a cursor-paged list input: `cursor` (absent: first page) and `limit`. */
export const pageFields = (max: number) => ({ cursor: cursorField(), limit: limitField(max) });
