/**
 * One form for every lifecycle in the system (requests, cases, …): a
 * transition table `action → { from: states[], to: state }` and a pure
 * {@link transition} that answers the new state or a refusal. Domain modules
 * add their own conditions (a reason, a record that must be complete) on top
 * of the table, never beside it. Pure: no clock, no platform.
 */

/** One row of a transition table: the states an action may start from, and the state it leads to. */
export interface TransitionRule<S extends string> {
  readonly from: readonly S[];
  readonly to: S;
}

/** A transition table: every action of a lifecycle → its rule. */
export type TransitionTable<A extends string, S extends string> = Readonly<Record<A, TransitionRule<S>>>;

/** What {@link transition} answers. */
export type TransitionOutcome<S extends string> =
  | { ok: true; from: S; to: S }
  | { ok: false; problem: 'invalid-transition' };

/** Declares a table (keeps the literal types of actions and states). */
export const defineTransitions = <A extends string, S extends string>(
  table: TransitionTable<A, S>,
): TransitionTable<A, S> => table;

/** The new state when `action` is applied in `state`, or `invalid-transition`. */
export function transition<A extends string, S extends string>(
  table: TransitionTable<A, S>,
  state: S,
  action: A,
): TransitionOutcome<S> {
  const rule = Object.prototype.hasOwnProperty.call(table, action) ? table[action] : undefined;
  if (!rule || !rule.from.includes(state)) return { ok: false, problem: 'invalid-transition' };
  return { ok: true, from: state, to: rule.to };
}

/** The actions of `table` (in the order given) that may start from `state` (for buttons). */
export const actionsFrom = <A extends string, S extends string, B extends A = A>(
  table: TransitionTable<A, S>,
  state: S,
  among: readonly B[],
): B[] => among.filter((a) => table[a].from.includes(state));
