/**
 * Configuration of the reminders function, from its environment (CloudBase
 * console; locally the emulator's functionEnv). Read per run.
 */
export const ENV = {
  /** Subscribe-message template id (thing1 提醒事项, thing2 落后指标, phrase3 进度状态, date4 统计截至, thing5 温馨提示). */
  template: 'SGZ_TPL_QUOTA_REMINDER',
  /** Page the message opens (default: the head's workbench). */
  page: 'SGZ_TPL_QUOTA_REMINDER_PAGE',
  /** `developer` / `trial` / `formal` (WeChat's miniprogram_state), unset: formal. */
  miniprogramState: 'SGZ_MINIPROGRAM_STATE',
} as const;

/** The head's workbench (client/src/utils/routes.ts `head`). */
export const DEFAULT_REMINDER_PAGE = 'subpackages/head/index/index';

/** What a run needs from the environment. */
export interface ReminderConfig {
  templateId: string | null;
  page: string;
  miniprogramState: 'developer' | 'trial' | 'formal' | null;
}

/** Reads the configuration. */
export function reminderConfig(env: NodeJS.ProcessEnv = process.env): ReminderConfig {
  const state = env[ENV.miniprogramState];
  return {
    templateId: env[ENV.template]?.trim() || null,
    page: env[ENV.page]?.trim().replace(/^\//, '') || DEFAULT_REMINDER_PAGE,
    miniprogramState: state === 'developer' || state === 'trial' || state === 'formal' ? state : null,
  };
}
