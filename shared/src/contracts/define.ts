import type { z } from 'zod';
import type { ActionKey } from '../auth/permissions';

/**
 * One declaration per action (issue 8, "the seams").
 *
 * A function's contract lists its actions; each entry names the input
 * schema, the permission-table row it is authorized with, its output type
 * and whether a successful call reads personal data beyond the caller's own
 * (then the pipeline audits it). Everything else derives from it:
 * - the function's routing: `createHandler(contract, handlers)` in
 *   cloudfunctions/_lib/handler.ts (a handler per entry, checked by tsc);
 * - the client's service: `service(contract)` types in client/src/services;
 * - the generated permission matrix (tests/integration/*.matrix.ts) and the
 *   row test (cloudfunctions/_lib/permission-rows.test.ts).
 *
 * Adding an action: one entry here, one handler, one permission row, and its
 * tests (recipe in cloudfunctions/README.md).
 */

/**
 * What the pipeline writes to the audit log for a successful call.
 * `personal-read`: the call reads personal data; it is audited unless the
 * caller's scope is `own` or `public` (one's own data is not audited on read).
 * `none`: nothing (public reads, own reads; writes audit themselves with the
 * id of what they wrote).
 */
export type AuditPolicy = 'none' | 'personal-read';

/** One action: input schema, permission row, output type (phantom), audit policy. */
export interface ActionContract<S extends z.ZodTypeAny = z.ZodTypeAny, O = unknown> {
  readonly input: S;
  /** The row of shared/src/auth/permissions.ts this action is authorized with (declared, not derived from names). */
  readonly permission: ActionKey;
  readonly audit: AuditPolicy;
  /**
   * For `personal-read`: the input field naming the record read (its value is
   * the audit entry's `targetId`); absent → the caller's station.
   */
  readonly auditTarget?: string;
  /** Type-level only: the `data` of a successful answer. Never set at run time. */
  readonly output?: O;
}

/** A cloud function's contract: its deployed name and its actions. */
export interface FunctionContract<
  N extends string = string,
  A extends Record<string, ActionContract> = Record<string, ActionContract>,
> {
  readonly name: N;
  readonly actions: A;
}

/**
 * Declares an action: `action<Output>()({ input, permission, audit })`.
 * (Two calls so that the output type is given and the schema type inferred.)
 */
export const action =
  <O>() =>
  <S extends z.ZodTypeAny>(spec: {
    input: S;
    permission: ActionKey;
    audit?: AuditPolicy;
    auditTarget?: keyof z.input<S> & string;
  }): ActionContract<S, O> => ({ audit: 'none', ...spec });

/** Declares a function's contract. */
export const defineContract = <N extends string, A extends Record<string, ActionContract>>(
  name: N,
  actions: A,
): FunctionContract<N, A> => ({ name, actions });

/** Input (as the caller sends it, before defaults and transforms) of one action. */
export type InputOf<C extends ActionContract> = z.input<C['input']>;
/** Parsed input (what the handler receives) of one action. */
export type ParsedInputOf<C extends ActionContract> = z.output<C['input']>;
/** Output of one action. */
export type OutputOf<C extends ActionContract> = C extends ActionContract<z.ZodTypeAny, infer O> ? O : never;

/** Action name → input, for a whole function. */
export type InputsOf<F extends FunctionContract> = { [K in keyof F['actions']]: InputOf<F['actions'][K]> };
/** Action name → output, for a whole function. */
export type OutputsOf<F extends FunctionContract> = { [K in keyof F['actions']]: OutputOf<F['actions'][K]> };
