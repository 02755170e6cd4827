/**
 * 居民身份证号 (resident ID number), GB 11643-1999 《公民身份号码》.
 *
 * 18 characters: 6-digit address code (行政区划代码), 8-digit birth date
 * `YYYYMMDD`, 3-digit sequence (odd for men, even for women), and a check
 * character (校验码) computed with ISO 7064 MOD 11-2: the sum of the first 17
 * digits times the weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2, modulo 11,
 * maps to `1 0 X 9 8 7 6 5 4 3 2`.
 *
 * The old 15-digit form (issued before 1999, still found in paper rosters):
 * 6-digit address code, `YYMMDD` of a 19xx birth date, 3-digit sequence, no
 * check character. {@link toIdNumber18} upgrades it so both forms of the same
 * person compare equal.
 *
 * Pure: `today` (a Beijing day `YYYY-MM-DD`) is a parameter, never the clock.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';
const RE_18 = /^[1-9]\d{5}(\d{4})(\d{2})(\d{2})\d{3}[\dX]$/;
const RE_15 = /^[1-9]\d{5}(\d{2})(\d{2})(\d{2})\d{3}$/;
/** Earliest birth date accepted (the oldest people alive were born after 1900). */
const MIN_BIRTH = '1900-01-01';

/** Why an ID number is refused (null: valid). */
export type IdNumberProblem = 'format' | 'birth-date' | 'future-birth' | 'checksum';

/** Chinese messages per problem, naming what to check (roster rows, forms). */
export const ID_NUMBER_MESSAGES: Record<IdNumberProblem, string> = {
  format: '身份证号应为 18 位（最后一位可以是 X）或 15 位数字，请核对后重新填写',
  'birth-date': '身份证号中的出生日期不是有效日期，请核对后重新填写',
  'future-birth': '身份证号中的出生日期晚于今天，请核对后重新填写',
  checksum: '身份证号最后一位校验码不对，可能有数字填错了，请核对后重新填写',
};

/**
 * The number as people type it, made comparable: surrounding and inner
 * spaces removed, full-width digits and `Ｘ` folded, a lower-case `x` upper-cased.
 */
export function normalizeIdNumber(raw: string): string {
  return raw
    .replace(/[\uFF10-\uFF19\uFF38\uFF58]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000]/g, '')
    .toUpperCase();
}

/** The check character of the first 17 digits (`0`–`9` or `X`). */
export function idNumberCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('need 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/** True when `y-m-d` is a real calendar date. */
function isRealDate(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** Birth date `YYYY-MM-DD` written in a (normalized) 18- or 15-digit number, or null when the form or the date is wrong. */
export function birthDateOfIdNumber(raw: string): string | null {
  const v = normalizeIdNumber(raw);
  let y: number, m: number, d: number;
  let match = RE_18.exec(v);
  if (match) {
    [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else {
    match = RE_15.exec(v);
    if (!match) return null;
    [y, m, d] = [1900 + Number(match[1]), Number(match[2]), Number(match[3])];
  }
  if (!isRealDate(y, m, d)) return null;
  const day = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return day < MIN_BIRTH ? null : day;
}

/** Sex written in the number (the sequence digit: odd 男, even 女), or null when the form is wrong. */
export function sexOfIdNumber(raw: string): '男' | '女' | null {
  const v = normalizeIdNumber(raw);
  const digit = RE_18.test(v) ? v[16] : RE_15.test(v) ? v[14] : undefined;
  if (digit === undefined) return null;
  return Number(digit) % 2 === 1 ? '男' : '女';
}

/**
 * What is wrong with an ID number, or null when it is valid: the form (18
 * digits with a final digit or X, or 15 digits), a real birth date between
 * 1900-01-01 and `today` (when given), and for 18 digits the check character.
 */
export function idNumberProblem(raw: string, today?: string): IdNumberProblem | null {
  const v = normalizeIdNumber(raw);
  if (!RE_18.test(v) && !RE_15.test(v)) return 'format';
  const birth = birthDateOfIdNumber(v);
  if (!birth) return 'birth-date';
  if (today !== undefined && birth > today) return 'future-birth';
  if (v.length === 18 && idNumberCheckChar(v.slice(0, 17)) !== v[17]) return 'checksum';
  return null;
}

/** True when `raw` is a valid 18-digit (checksum) or legacy 15-digit ID number (see {@link idNumberProblem}). */
export const isValidIdNumber = (raw: string, today?: string): boolean => idNumberProblem(raw, today) === null;

/**
 * The 18-digit form of a valid number: a 15-digit one gets `19` inserted
 * before its year and the check character appended; an 18-digit one is
 * returned normalized. Null for an invalid number.
 */
export function toIdNumber18(raw: string): string | null {
  const v = normalizeIdNumber(raw);
  if (idNumberProblem(v) !== null) return null;
  if (v.length === 18) return v;
  const first17 = `${v.slice(0, 6)}19${v.slice(6)}`;
  return first17 + idNumberCheckChar(first17);
}
