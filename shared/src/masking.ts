/**
 * Masking of personal values in list responses (and anywhere a value is shown
 * to someone who is not entitled to the whole of it). One helper, `mask`,
 * with a rule per kind:
 * - phone: first 3 and last 4 kept, `138****1234`;
 * - ID number (居民身份证号): first 6 and last 4 kept, `120107********1234`;
 * - name: first character kept, `张*` / `欧**`;
 * - certificate number: last 4 kept, `******1234`.
 * Values too short to keep anything are fully starred. Pure.
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
      return keepEnds(chars, 6, 4, 11);
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

/** An unmasked mainland mobile number (11 digits starting 1[3-9]) not inside a longer digit run. */
export const PHONE_PATTERN = /(?<!\d)1[3-9]\d{9}(?!\d)/;
/** An unmasked 18-character ID number (17 digits and a digit or X) not inside a longer run. */
export const ID_NUMBER_PATTERN = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/;

/**
 * Hex tokens of 16+ characters with at least one letter: document and user ids
 * (32-hex, `u-<hash>`). A random hex id contains an 11-digit run starting 1[3-9]
 * often enough to make a scan flaky, and such a run is not a phone number.
 */
const HEX_ID_TOKEN = /(?<![0-9A-Za-z])(?=[0-9a-f]*[a-f])[0-9a-f]{16,}(?![0-9A-Za-z])/g;

/** The first unmasked phone or ID number found in `text`, or null (used by tests that scan responses and logs). */
export function findUnmaskedPii(raw: string): { kind: 'phone' | 'idNumber'; match: string } | null {
  const text = raw.replace(HEX_ID_TOKEN, '');
  const id = ID_NUMBER_PATTERN.exec(text);
  if (id) return { kind: 'idNumber', match: id[0] };
  const phone = PHONE_PATTERN.exec(text);
  if (phone) return { kind: 'phone', match: phone[0] };
  return null;
}
