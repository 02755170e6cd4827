import { REQUEST_STATUS_LABELS, type RequestStatus } from '../../../shared/src/domain/request';
import { formatBeijing } from '../../../shared/src/calendar';
import type { Cloud, DB } from '../../_lib/db';
import { notifyConfig } from './config';
import { recordNotification } from './repo';

/**
 * Status-change notifications (subscribe messages, 订阅消息). The resident
 * authorises the message when submitting (client side, from the tap); the
 * function sends one on every status change: the submission itself
 * (`submitted`), each change made by the station, and the resident's own
 * cancellation. A failed send never fails the change: it is recorded in
 * `notifications` (outcome `failed`, with WeChat's errcode) and that is all.
 * Every attempt is recorded, so "was the resident told?" has an answer.
 *
 * Template (configure in the WeChat console, id in SGZ_TPL_REQUEST_STATUS):
 * thing1 服务项目, phrase2 办理状态, time3 更新时间, thing4 备注.
 */

/** What one notification is about. */
export interface StatusNotice {
  requestId: string;
  /** The resident's OPENID (touser); stored nowhere by this module. */
  touser: string;
  ownerId: string;
  status: RequestStatus;
  itemTitle: string;
  note: string;
  at: Date;
}

/** WeChat limits: thing ≤ 20 characters, phrase ≤ 5. */
const clip = (s: string, n: number): string => {
  const chars = Array.from(s);
  return chars.length <= n ? s : chars.slice(0, n - 1).join('') + '…';
};

/**
 * The notice for request `doc` (as stored) now in `status`; null when the
 * request has no owner OPENID to address (nothing to send to).
 */
export function noticeFor(
  doc: Record<string, unknown> & { _id: string },
  status: RequestStatus,
  note: string,
  at: Date,
): StatusNotice | null {
  if (typeof doc.ownerOpenid !== 'string' || !doc.ownerOpenid) return null;
  return {
    requestId: doc._id,
    touser: doc.ownerOpenid,
    ownerId: String(doc.ownerId ?? ''),
    status,
    itemTitle: typeof doc.itemTitle === 'string' ? doc.itemTitle : String(doc.area ?? ''),
    note,
    at,
  };
}

/** Sends the status message and records the outcome; never throws (the change it reports is already made). */
export async function notifyStatus(cloud: Cloud, db: DB, notice: StatusNotice | null): Promise<void> {
  if (!notice) return;
  try {
    await send(cloud, db, notice);
  } catch (e) {
    // Only a bug here (config, formatting) can land here: the send and the
    // record have their own guards. Still never fail the status change.
    console.error('[requests] notification not attempted', (e as Error)?.name ?? 'Error');
  }
}

async function send(cloud: Cloud, db: DB, notice: StatusNotice): Promise<void> {
  const cfg = notifyConfig();
  const base = {
    requestId: notice.requestId,
    ownerId: notice.ownerId,
    status: notice.status,
    kind: 'request-status',
    templateId: cfg.templateId,
    at: notice.at,
  };
  if (!cfg.templateId) {
    await recordNotification(db, { ...base, outcome: 'skipped', reason: 'no template configured' });
    return;
  }
  try {
    const params: Record<string, unknown> = {
      touser: notice.touser,
      templateId: cfg.templateId,
      page: `${cfg.page}${cfg.page.includes('?') ? '&' : '?'}id=${encodeURIComponent(notice.requestId)}`,
      data: {
        thing1: { value: clip(notice.itemTitle || '社工站服务', 20) },
        phrase2: { value: clip(REQUEST_STATUS_LABELS[notice.status], 5) },
        time3: { value: formatBeijing(notice.at, 'YYYY年MM月DD日 HH:mm') },
        thing4: { value: clip(notice.note || '请进入小程序查看详情', 20) },
      },
    };
    if (cfg.miniprogramState) params.miniprogramState = cfg.miniprogramState;
    const res = (await cloud.openapi.subscribeMessage.send(params)) as { errCode?: number } | undefined;
    const errCode = res?.errCode ?? 0;
    await recordNotification(db, { ...base, outcome: errCode === 0 ? 'sent' : 'failed', errCode });
  } catch (e) {
    const errCode = (e as { errCode?: unknown })?.errCode;
    await recordNotification(db, {
      ...base,
      outcome: 'failed',
      errCode: typeof errCode === 'number' ? errCode : null,
    });
  }
}
