import { z } from 'zod';

const hasChinese = (s: string | undefined): s is string => !!s && /[\u4e00-\u9fff]/.test(s);

/**
 * Chinese fallback messages for zod issues that a schema did not word itself.
 * Passed per parse (never installed globally: the client and other packages
 * may use zod too).
 */
export const zhErrorMap: z.ZodErrorMap = (issue, ctx) => {
  // zod applies the per-parse map last, over a schema's own wording
  // (required_error / invalid_type_error): keep that wording when there is one.
  if (hasChinese(ctx.defaultError)) return { message: ctx.defaultError };
  switch (issue.code) {
    case z.ZodIssueCode.invalid_type:
      return {
        message:
          issue.received === 'undefined' ? '缺少必填内容，请补充后再试' : '填写的内容格式不对，请检查后再试',
      };
    case z.ZodIssueCode.unrecognized_keys:
      return { message: '请求中包含不支持的内容，请更新小程序后再试' };
    case z.ZodIssueCode.too_big:
      return {
        message:
          issue.type === 'string' ? '填写的内容太长了，请缩短后再试' : '填写的数值太大了，请检查后再试',
      };
    case z.ZodIssueCode.too_small:
      return {
        message:
          issue.type === 'string' ? '填写的内容太短了，请补充后再试' : '填写的数值太小了，请检查后再试',
      };
    case z.ZodIssueCode.invalid_string:
    case z.ZodIssueCode.invalid_enum_value:
    case z.ZodIssueCode.invalid_literal:
    case z.ZodIssueCode.invalid_union:
      return { message: '填写的内容格式不对，请检查后再试' };
    default:
      return { message: '填写的内容有误，请检查后再试' };
  }
};

/** Outcome of {@link parseInput}: the parsed value, or the first problem in words a resident understands. */
export type ParseOutcome<T> = { ok: true; data: T } | { ok: false; message: string; field: string | null };

/** Longest field path echoed back in `details.field` (a key name can be attacker-sized). */
const MAX_FIELD_CHARS = 40;

/**
 * Parses `input` with `schema` and reports only the first issue (one message a
 * person can act on, plus the field it concerns). Used on the phone for
 * instant feedback and in the function, where it counts.
 */
export const parseInput = <S extends z.ZodTypeAny>(schema: S, input: unknown): ParseOutcome<z.output<S>> => {
  const result = schema.safeParse(input, { errorMap: zhErrorMap });
  if (result.success) return { ok: true, data: result.data as z.output<S> };
  const issue = result.error.issues[0];
  const path = issue.code === z.ZodIssueCode.unrecognized_keys ? [...issue.path, issue.keys[0]] : issue.path;
  const field = path.length > 0 ? path.join('.').slice(0, MAX_FIELD_CHARS) : null;
  return { ok: false, message: issue.message, field };
};

/** Strings with no control characters (they have no business in a name or a search box). */
export const NO_CONTROL_CHARS = /^\P{Cc}*$/u;
