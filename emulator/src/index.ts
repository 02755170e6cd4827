/** Local CloudBase emulator: public entry point. */
export { createApp, sdkEnvFor, DEFAULT_ENV_ID } from './app';
export { start, type RunningEmulator } from './server';
export { FunctionError } from './functions/runner';
export type { OutboxMessage } from './openapi/outbox';
export type { DevUser, EmulatorApp, EmulatorOptions, WxContext, Database } from './types';
