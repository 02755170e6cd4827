import type {
  ActionContract,
  OutputOf,
  ParsedInputOf,
  FunctionContract,
} from '../../shared/src/contracts/define';
import type { Access } from '../../shared/src/auth/scope';
import type { Account } from '../../shared/src/domain/account';
import type { Cloud, DB } from './db';

/** What every action receives besides its parsed input. */
export interface ActionContext {
  /** From `cloud.getWXContext().OPENID` only; null for a call without a WeChat user (timer, HTTP trigger). */
  openid: string | null;
  appid: string | null;
  /** The platform's request id (or a generated one): ties logs and audit entries together. */
  requestId: string;
  /** The clock, read once per call: domain code takes it as a parameter. */
  now: Date;
  db: DB;
  cloud: Cloud;
  /** What authorize() granted: role, scope, caller. */
  access: Access;
  /** The caller's account as read once for this call by authorize() (null: anonymous, or no account yet). */
  account: Account | null;
  /** `stations`, … */
  functionName: string;
  /** `listStations`, … */
  action: string;
}

/** One action: its contract entry and what it does with the parsed input. */
export interface Action<C extends ActionContract = ActionContract> {
  contract: C;
  // Method syntax on purpose: a handler table holds actions with different
  // inputs, and method parameters are checked bivariantly.
  handle(input: ParsedInputOf<C>, ctx: ActionContext): Promise<OutputOf<C>>;
}

/**
 * Declares the handler of one contract entry:
 * `defineAction({ contract: requestsContract.actions.getRequest, async handle(input, ctx) {…} })`.
 * The input and output types come from the contract.
 */
export const defineAction = <C extends ActionContract>(action: Action<C>): Action<C> => action;

/** The handlers of a function: exactly one per action of its contract (checked by tsc). */
export type Handlers<F extends FunctionContract> = { [K in keyof F['actions']]: Action<F['actions'][K]> };

/** The second argument of a cloud function's `main` (SCF context; fields vary by platform). */
export interface InvocationContext {
  request_id?: string;
  requestId?: string;
  [key: string]: unknown;
}
