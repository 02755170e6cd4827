import { AppError } from '../../../shared/src/errors';
import type { Cloud } from '../../_lib/db';

/**
 * Text a resident types (a need, a rating comment) is checked with WeChat's
 * content security API before anything is stored: refused text is never
 * written anywhere, not even to a log.
 */

/** WeChat's errcode for content that failed the check. */
export const RISKY_CONTENT_ERRCODE = 87014;

/** Scene 1 = 资料 (profile/form content) in msgSecCheck v2. */
const SCENE_FORM = 1;

/** The Chinese message for refused text in `field` (label as the form shows it). */
const refusedMessage = (label: string) => `${label}中含有不适宜发布的内容，请修改后再提交`;

/**
 * Throws `invalid-argument` (details.field) when `content` is refused; throws
 * `internal` with a "try again" message when the check itself is unavailable
 * (we do not store text we could not check).
 */
export async function checkText(
  cloud: Cloud,
  openid: string,
  content: string,
  field: string,
  label: string,
): Promise<void> {
  let res: { errCode?: number; result?: { suggest?: string } } | undefined;
  try {
    res = await cloud.openapi.security.msgSecCheck({ content, version: 2, scene: SCENE_FORM, openid });
  } catch (e) {
    if ((e as { errCode?: unknown })?.errCode === RISKY_CONTENT_ERRCODE) {
      throw new AppError('invalid-argument', refusedMessage(label), { field });
    }
    console.error(
      '[requests] msgSecCheck unavailable',
      (e as { errCode?: unknown })?.errCode ?? 'no errCode',
    );
    throw new AppError('internal', '内容检查暂时不可用，请稍后再提交');
  }
  const suggest = res?.result?.suggest;
  if (suggest !== undefined && suggest !== 'pass') {
    throw new AppError('invalid-argument', refusedMessage(label), { field });
  }
}
