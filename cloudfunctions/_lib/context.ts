import type { z } from 'zod';
import type { Access } from './authz';
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
  /** `stations`, … */
  functionName: string;
  /** `listStations`, … */
  action: string;
}

/** One action of a function: its input schema and what it does with the parsed input. */
export interface Action<S extends z.ZodTypeAny = z.ZodTypeAny, O = unknown> {
  schema: S;
  // Method syntax on purpose: an action table holds actions with different
  // inputs, and method parameters are checked bivariantly.
  handle(input: z.output<S>, ctx: ActionContext): Promise<O>;
}

/** Declares an action with its input type inferred from the schema. */
export const defineAction = <S extends z.ZodTypeAny, O>(action: Action<S, O>): Action<S, O> => action;

/** The routing table of a function: action name → action. */
export type ActionTable = Record<string, Action>;

/** The second argument of a cloud function's `main` (SCF context; fields vary by platform). */
export interface InvocationContext {
  request_id?: string;
  requestId?: string;
  [key: string]: unknown;
}
