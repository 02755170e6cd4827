import {
  DEFAULT_MAX_DAYS_AHEAD,
  DEFAULT_SLOT_CONFIG,
  openingHoursProblem,
  type OpeningHours,
  type SlotConfig,
} from '../../../shared/src/domain/slot';
import type { DB } from '../../_lib/db';
import { getOpeningHours } from './repo';

/**
 * Configuration of the requests function, from its environment (set in the
 * CloudBase console per environment; locally via the emulator's functionEnv).
 * Read per call, so a changed variable needs no redeploy logic here.
 */

/** Environment variable names (documented in README.md). */
export const ENV = {
  /** Subscribe-message template id for "request status changed" (订阅消息模板 ID). */
  statusTemplate: 'SGZ_TPL_REQUEST_STATUS',
  /** Page the message opens (default {@link DEFAULT_STATUS_PAGE}); `id=<requestId>` is appended. */
  statusPage: 'SGZ_TPL_REQUEST_STATUS_PAGE',
  /** `developer` | `trial` | `formal` (default: WeChat's default, formal). */
  miniprogramState: 'SGZ_MINIPROGRAM_STATE',
  /** Booking horizon in Beijing days (default 14). */
  daysAhead: 'SGZ_BOOKING_DAYS_AHEAD',
  /** Most open (not yet finished) requests one resident may have (default 5). */
  maxOpenRequests: 'SGZ_MAX_OPEN_REQUESTS',
} as const;

/**
 * The resident's request detail page (client/src/app.config.ts, in the resident subpackage;
 * it reads `id` from the query). Messages sent before it moved name `pages/request-detail/index`:
 * the app redirects that path (client/src/utils/routes.ts, movedPageUrl).
 */
export const DEFAULT_STATUS_PAGE = 'subpackages/resident/request-detail/index';

/** What the notifier needs. */
export interface NotifyConfig {
  templateId: string | null;
  page: string;
  miniprogramState: 'developer' | 'trial' | 'formal' | null;
}

/** Notification settings now. */
export function notifyConfig(env: NodeJS.ProcessEnv = process.env): NotifyConfig {
  const state = env[ENV.miniprogramState];
  return {
    templateId: env[ENV.statusTemplate]?.trim() || null,
    page: env[ENV.statusPage]?.trim().replace(/^\//, '') || DEFAULT_STATUS_PAGE,
    miniprogramState: state === 'developer' || state === 'trial' || state === 'formal' ? state : null,
  };
}

/** Slot rules now: the default opening hours and the configured horizon (1–60 days, else 14). */
export function slotConfig(env: NodeJS.ProcessEnv = process.env): SlotConfig {
  const n = Number(env[ENV.daysAhead]);
  const maxDaysAhead = Number.isInteger(n) && n >= 1 && n <= 60 ? n : DEFAULT_MAX_DAYS_AHEAD;
  return { ...DEFAULT_SLOT_CONFIG, maxDaysAhead };
}

/**
 * Slot rules of one station: its stored opening hours (if set and still
 * valid), else the default, and the configured horizon.
 */
export async function slotConfigFor(db: DB, stationId: string): Promise<SlotConfig> {
  const base = slotConfig();
  const stored = (await getOpeningHours(db, stationId)) as OpeningHours | null;
  return stored && openingHoursProblem(stored) === null ? { ...base, openingHours: stored } : base;
}

/** Default cap on a resident's open requests. */
export const DEFAULT_MAX_OPEN_REQUESTS = 5;

/** The cap on a resident's open requests now (1–50, else the default). */
export function maxOpenRequests(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env[ENV.maxOpenRequests]);
  return Number.isInteger(n) && n >= 1 && n <= 50 ? n : DEFAULT_MAX_OPEN_REQUESTS;
}
