/**
 * Masking of personal values in list responses (and anywhere a value is shown
 * to someone who is not entitled to the whole of it). One helper, `mask`,
 * with a rule per kind:
 * - phone: first 3 and last 4 kept, `138****1234`;
 * - ID number (居民身份证号): first 6 and last 4 kept, `120107********1234`
 *   (old 15-digit form: last 3, `120107******123`);
 * - name: first character kept, `张*` / `欧**`;
 * - certificate number: last 4 kept, `******1234`.
 * Values too short to keep anything are fully starred. Pure.
 * `maskPiiInText` finds such numbers inside free text and applies the same rules.
 */

/** The kinds of value {@link mask} knows. */
export type MaskKind = 'phone' | 'idNumber' | 'name' | 'certificate';

const stars = (n: number): string => '*'.repeat(Math.max(0, n));

/** Masks `value` according to `kind`; null/empty stays null. */
export function mask(kind: MaskKind, value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const v = value.trim();
  if (v.length === 0) return null;
  const chars = Array.from(v); // code points, so a name with a rare character keeps one whole character
  switch (kind) {
    case 'phone':
      return keepEnds(chars, 3, 4, 8);
    case 'idNumber':
      // The old 15-digit form ends in 3 sequence digits: the 4th from the end is part of the birth date.
      return chars.length === 15 ? keepEnds(chars, 6, 3, 11) : keepEnds(chars, 6, 4, 11);
    case 'name':
      return chars.length === 1 ? '*' : chars[0] + stars(chars.length - 1);
    case 'certificate':
      return keepEnds(chars, 0, 4, 6);
  }
}

/** Keeps `head` and `tail` characters when at least `minLength` long; otherwise stars everything. */
function keepEnds(chars: string[], head: number, tail: number, minLength: number): string {
  if (chars.length < minLength) return stars(chars.length);
  return (
    chars.slice(0, head).join('') +
    stars(chars.length - head - tail) +
    chars.slice(chars.length - tail).join('')
  );
}

/** `138****1234`. */
export const maskPhone = (v: string | null | undefined): string | null => mask('phone', v);
/** `120107********1234`. */
export const maskIdNumber = (v: string | null | undefined): string | null => mask('idNumber', v);
/** `张*`. */
export const maskName = (v: string | null | undefined): string | null => mask('name', v);

// ---------------------------------------------------------------------------
// Personal numbers inside free text (需求描述, 评价, 原因): found in the many
// ways people type them, then replaced by the mask of their digits above.
// One detector serves both `maskPiiInText` (the DTOs) and `findUnmaskedPii`
// (the scans of responses and logs in tests), so what is masked and what a
// scan calls a leak cannot drift apart.
// ---------------------------------------------------------------------------

/** A digit, ASCII or full-width (全角 ０–９, typed by many Chinese IMEs). */
const DIGIT = '[0-9\\uFF10-\\uFF19]';
const NO_DIGIT_BEFORE = `(?<!${DIGIT})`;
const NO_DIGIT_AFTER = `(?!${DIGIT})`;
/** A space between groups: ASCII, no-break or full-width (全角空格). */
const SPACE = '[ \\u00A0\\u3000]';
/**
 * What people put between digit groups: 1–2 spaces, or one dash or dot
 * (ASCII, Unicode dashes ‐‑‒–—―, minus −, full-width －．) with up to 2 spaces
 * around it. Only allowed at the usual group boundaries (3-4-4 for a mobile,
 * 6-8-4 / 6-4-4-4 for an ID), so dates, times and prices do not line up.
 */
const SEP = `(?:${SPACE}{0,2}[-.\\u2010-\\u2015\\u2212\\uFF0D\\uFF0E]${SPACE}{0,2}|${SPACE}{1,2})`;
const g = (n: number): string => `${DIGIT}{${n}}`;

/**
 * A record id: 16+ lowercase hex characters with a letter, as a whole token
 * (32-hex document ids, `u-<hash>` user ids). Left alone: a random hex id
 * holds an 11-digit run starting 1[3-9] often enough, and such a run is not a
 * phone number. (A resident's number glued to 16+ hex letters is not masked:
 * the price of not mangling ids.)
 */
const HEX_ID = '(?<![0-9A-Za-z])(?=[0-9a-f]*[a-f])[0-9a-f]{16,}(?![0-9A-Za-z])';

/**
 * ID number (居民身份证号): 18 characters (17 digits and a digit or X) with
 * optional separators after the 6th, 10th and 14th (`120101 19900101 1234`),
 * or the old 15-digit form (6 region + YYMMDD + 3, the date checked so that
 * other 15-digit runs stay). Letters may touch it (`ID120101…`); more digits may not.
 */
const ID_18 = `${g(6)}${SEP}?${g(4)}${SEP}?${g(4)}${SEP}?${g(3)}[0-9\\uFF10-\\uFF19Xx\\uFF38\\uFF58]`;
const ID_15 =
  `[1-8\\uFF11-\\uFF18]${g(5)}${SEP}?${g(2)}` +
  '(?:[0\\uFF10][1-9\\uFF11-\\uFF19]|[1\\uFF11][0-2\\uFF10-\\uFF12])' +
  `(?:[0\\uFF10][1-9\\uFF11-\\uFF19]|[12\\uFF11\\uFF12]${DIGIT}|[3\\uFF13][01\\uFF10\\uFF11])` +
  `${SEP}?${g(3)}`;
const ID_NUMBER = `${NO_DIGIT_BEFORE}(?<id>${ID_18}|${ID_15})(?![0-9\\uFF10-\\uFF19Xx\\uFF38\\uFF58])`;

/**
 * Mainland mobile: 1[3-9] and 9 more digits, grouped 3-4-4 with optional
 * separators (`138 1234 5678`, `138-1234-5678`). A country code glued to it
 * (`+8613812345678`, `008613812345678`) is taken along and kept as typed;
 * one written apart (`+86 138…`, `(+86)138…`) needs nothing special.
 */
const MOBILE =
  `${NO_DIGIT_BEFORE}(?<cc>(?:[+\\uFF0B]|00|\\uFF10\\uFF10)?(?:86|\\uFF18\\uFF16))?` +
  `(?<mobile>[1\\uFF11][3-9\\uFF13-\\uFF19]${DIGIT}${SEP}?${g(4)}${SEP}?${g(4)})${NO_DIGIT_AFTER}`;

/**
 * Landline with its area code (区号): 010, 02x or a 4-digit 0xxx code, in
 * brackets or not, then a 7- or 8-digit number starting 2–9
 * (`022-2532 1234`, `022 25321234`, `(022)25321234`). A number without its
 * area code (`2532 1234`) is not recognised: 8 bare digits are as often a date.
 */
const AREA_CODE = `[0\\uFF10](?:[1\\uFF11][0\\uFF10]|[2\\uFF12]${DIGIT}|[3-9\\uFF13-\\uFF19]${g(2)})`;
const LANDLINE =
  `${NO_DIGIT_BEFORE}(?<landline>[(\\uFF08]?${AREA_CODE}[)\\uFF09]?${SEP}?` +
  `[2-9\\uFF12-\\uFF19]${DIGIT}{2,3}${SEP}?${g(4)})${NO_DIGIT_AFTER}`;

/** Alternatives in order of precedence at one position: a record id is skipped whole. */
const PII_IN_TEXT = new RegExp(`(?<hex>${HEX_ID})|${ID_NUMBER}|${MOBILE}|${LANDLINE}`, 'g');

/** The ASCII digits (and X) of a number as typed: full-width folded, separators and brackets dropped. */
const digitsOf = (typed: string): string =>
  typed
    .replace(/[\uFF10-\uFF19\uFF38\uFF58]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[^0-9Xx]/g, '');

type PiiKind = 'phone' | 'landline' | 'idNumber';
type PiiGroups = Partial<Record<'hex' | 'id' | 'cc' | 'mobile' | 'landline', string>>;

/** What one match of {@link PII_IN_TEXT} is, with its masked replacement (null: a record id, kept). */
function classify(match: string, groups: PiiGroups): { kind: PiiKind; masked: string } | null {
  if (groups.hex !== undefined) return null;
  if (groups.id !== undefined) return { kind: 'idNumber', masked: maskIdNumber(digitsOf(groups.id)) ?? '' };
  if (groups.mobile !== undefined)
    return { kind: 'phone', masked: (groups.cc ?? '') + (maskPhone(digitsOf(groups.mobile)) ?? '') };
  return { kind: 'landline', masked: maskPhone(digitsOf(groups.landline ?? match)) ?? '' };
}

/**
 * Masks every phone (mobile or landline) and ID number inside free text, in
 * the spellings people use: separators (`138 1234 5678`, `138-1234-5678`,
 * `120101 19900101 1234`), full-width digits (`１３８１２３４５６７８`), a
 * country code (`+86-138-1234-5678`), a word glued to it (`ID120101…`,
 * `电话13812345678谢谢`), the old 15-digit ID. A number becomes the mask of its
 * digits (`138****5678`, `120101********1234`, `022****1234`); a glued
 * country code stays as typed; everything else of the text is unchanged.
 * Dates, times, prices, house numbers and record ids are left alone. Pure.
 */
export function maskPiiInText(text: string): string {
  return text.replace(PII_IN_TEXT, (match: string, ...rest: unknown[]) => {
    const groups = rest[rest.length - 1] as PiiGroups;
    return classify(match, groups)?.masked ?? match;
  });
}

/**
 * The first unmasked phone, landline or ID number in `raw`, or null (used by
 * tests that scan responses and logs). Exactly what {@link maskPiiInText} would mask.
 */
export function findUnmaskedPii(raw: string): { kind: PiiKind; match: string } | null {
  for (const m of raw.matchAll(PII_IN_TEXT)) {
    const found = classify(m[0], (m.groups ?? {}) as PiiGroups);
    if (found) return { kind: found.kind, match: m[0] };
  }
  return null;
}
