import { behindQuotas, reminderData, reminderMonth } from '../../../shared/src/domain/reminder';
import type { Cloud, DB } from '../../_lib/db';
import * as ledgerRepo from '../../ledger/src/repo';
import { stationQuotas } from '../../ledger/src/quotas';
import { reminderConfig, type ReminderConfig } from './config';
import * as repo from './repo';

/** What happened to one station this run. */
export type StationOutcome =
  /** Claimed by an earlier firing of the same month: nothing done now. */
  | 'already-done'
  /** Every quota on pace or done: no message. */
  | 'on-pace'
  /** Behind, but the station has no active head with an OPENID. */
  | 'no-head'
  /** Behind, no template configured: nothing sent. */
  | 'skipped'
  /** Behind: the heads were messaged (some sends may have failed, see `failed`). */
  | 'sent'
  /** Judging failed (logged); the claim stays, the next month tries again. */
  | 'error';

/** The result of one run (logged; a timer's result goes to no caller). */
export interface ReminderRun {
  month: string;
  stations: number;
  outcomes: Record<StationOutcome, number>;
  sent: number;
  failed: number;
}

/** One head's send: true when WeChat accepted it. */
async function send(
  cloud: Cloud,
  cfg: ReminderConfig & { templateId: string },
  touser: string,
  data: Record<string, { value: string }>,
): Promise<{ ok: boolean; errCode: number | null }> {
  try {
    const params: Record<string, unknown> = { touser, templateId: cfg.templateId, page: cfg.page, data };
    if (cfg.miniprogramState) params.miniprogramState = cfg.miniprogramState;
    const res = (await cloud.openapi.subscribeMessage.send(params)) as { errCode?: number } | undefined;
    const errCode = res?.errCode ?? 0;
    return { ok: errCode === 0, errCode };
  } catch (e) {
    const errCode = (e as { errCode?: unknown })?.errCode;
    return { ok: false, errCode: typeof errCode === 'number' ? errCode : null };
  }
}

/**
 * The monthly run (timer `monthly`, 1st of the month 09:00 Beijing): for each
 * station, claims `<month>:<station>` in `reminder_runs` (a station claimed
 * before is skipped: a re-fired trigger sends nothing again), judges the four
 * quotas at the end of the month just ended with the shared engine on the
 * database's counts, and when some fell behind (落后 / 有风险) sends each
 * active head of the station one subscribe message naming them. Stations on
 * pace get no message. Claiming before sending makes a message at most once:
 * a crash between the claim and the send loses that station's message for
 * the month rather than sending it twice.
 */
export async function runReminders(cloud: Cloud, db: DB, firedAt: Date): Promise<ReminderRun> {
  const { month, year, at, label } = reminderMonth(firedAt);
  const cfg = reminderConfig();
  const stations = await ledgerRepo.allStations(db);
  const outcomes: Record<StationOutcome, number> = {
    'already-done': 0,
    'on-pace': 0,
    'no-head': 0,
    skipped: 0,
    sent: 0,
    error: 0,
  };
  let sent = 0;
  let failed = 0;
  for (const st of stations) {
    if (!(await repo.claim(db, month, st._id, firedAt))) {
      outcomes['already-done'] += 1;
      continue;
    }
    let outcome: StationOutcome;
    try {
      const { quotas } = await stationQuotas(db, st._id, year, at);
      const behind = behindQuotas(quotas);
      if (behind.length === 0) {
        outcome = 'on-pace';
        await repo.finish(db, month, st._id, { status: outcome, behind: [], doneAt: firedAt });
      } else {
        const heads = (await ledgerRepo.stationHeads(db, st._id)).filter(
          (h) => typeof h.openid === 'string' && h.openid !== '',
        );
        const base = { behind: behind.map((b) => ({ label: b.label, status: b.status })), doneAt: firedAt };
        if (heads.length === 0) {
          outcome = 'no-head';
          await repo.finish(db, month, st._id, { status: outcome, ...base });
        } else if (!cfg.templateId) {
          outcome = 'skipped';
          await repo.finish(db, month, st._id, {
            status: outcome,
            reason: 'no template configured',
            ...base,
          });
        } else {
          const data = reminderData(label, behind, at);
          const results = [];
          for (const h of heads) {
            const r = await send(cloud, { ...cfg, templateId: cfg.templateId }, String(h.openid), data);
            results.push({ userId: h._id, ok: r.ok, errCode: r.errCode });
            if (r.ok) sent += 1;
            else failed += 1;
          }
          outcome = 'sent';
          // Who was told (account ids, never the OPENID) and WeChat's answer.
          await repo.finish(db, month, st._id, { status: outcome, recipients: results, ...base });
        }
      }
    } catch (e) {
      outcome = 'error';
      console.error(
        JSON.stringify({
          level: 'error',
          event: 'reminder-station-failed',
          month,
          stationId: st._id,
          error: (e as Error)?.message?.slice(0, 200),
        }),
      );
      await repo.finish(db, month, st._id, { status: outcome, doneAt: firedAt }).catch(() => false);
    }
    outcomes[outcome] += 1;
  }
  const result = { month, stations: stations.length, outcomes, sent, failed };
  console.log(JSON.stringify({ level: 'info', event: 'quota-reminders', ...result }));
  return result;
}
