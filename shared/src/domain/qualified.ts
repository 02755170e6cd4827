import { CERTIFICATE_KINDS, isQualified, type Account } from './account';

/**
 * Qualified staff of a station (issue 12 part 4): who counts towards "at
 * least 2 qualified professional social workers per station" by the existing
 * {@link isQualified}, and why each one counts or does not, in Chinese.
 */

/** Why a staff member counts (`qualified: true`) or not, in words for the head. */
export function qualificationReason(staff: Pick<Account, 'role' | 'active' | 'qualification'>): {
  qualified: boolean;
  reason: string;
} {
  const qualified = isQualified(staff);
  const q = staff.qualification;
  if (qualified && q) return { qualified, reason: `持有${q.kind}，已在天津注册登记` };
  if (!staff.active) return { qualified, reason: '账号已停用' };
  if (staff.role !== 'social_worker' && staff.role !== 'station_head')
    return { qualified, reason: '不是本站社工或站长' };
  if (!q) return { qualified, reason: '未填写职业资格证书' };
  if (!(CERTIFICATE_KINDS as readonly string[]).includes(q.kind))
    return { qualified, reason: '证书类别不在认可范围内' };
  if (q.number.trim().length === 0) return { qualified, reason: '未填写证书编号' };
  switch (q.registrationStatus) {
    case 'pending':
      return { qualified, reason: `持有${q.kind}，注册登记办理中` };
    case 'lapsed':
      return { qualified, reason: `持有${q.kind}，注册登记已失效` };
    default:
      return { qualified, reason: `持有${q.kind}，未在天津注册登记` };
  }
}
