/**
 * Nesting depth of raw JSON text, measured before anything parses it. JSON.stringify, EJSON, mingo and the
 * hand-off to a function worker all recurse: a ~200 KB body nested 100 000 deep overflows their stack. The
 * emulator refuses anything nested deeper than MAX_JSON_DEPTH at the door (MongoDB itself stops at 100 levels).
 */

/** Deepest nesting of objects/arrays the emulator accepts in a request body, event or EJSON value. */
export const MAX_JSON_DEPTH = 64;

/** Also the most segments an update path (`a.b.c`) may have: a dotted path builds the same nesting. */
export const MAX_PATH_SEGMENTS = MAX_JSON_DEPTH;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/**
 * True when `text` opens more than `limit` objects/arrays inside one another. One pass, no recursion, no
 * parsing: brackets inside strings are skipped, and a backslash skips the character after it (so `\"` does
 * not end a string). Malformed text is not judged here; JSON.parse reports it afterwards.
 */
export function jsonDepthExceeds(text: string, limit: number = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++depth > limit) return true;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) depth--;
  }
  return false;
}

/** The English message of a refusal (SDK-facing; the gateway answers in Chinese). */
export function tooDeepMessage(what: string): string {
  return `${what} is nested deeper than ${MAX_JSON_DEPTH} levels (the emulator refuses deeper JSON)`;
}
