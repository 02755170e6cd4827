/**
 * Authorization, by concern: who is calling (caller.ts, the account read once
 * per call), may they run this action (authorize.ts, the permission table),
 * may they touch this station or record (scope.ts), which view they get
 * (view.ts), and the consents personal data needs (consent.ts).
 */
export type { Access, Caller } from '../../../shared/src/auth/scope';
export type { DB } from '../db';
export * from './caller';
export * from './authorize';
export * from './scope';
export * from './view';
export * from './consent';
