import type { Role } from '@sgz/shared';
import { countDue } from '../../services/files';
import { ROUTES } from '../../utils/routes';

/** One role section (a subpackage) and who may open it. */
export interface RoleSection {
  title: string;
  description: string;
  url: string;
  /**
   * A count shown beside the entry (e.g. `5 人待访`), asked when 我的 is shown; null
   * when there is nothing to show or the count could not be had (the entry stays).
   */
  badge?: () => Promise<string | null>;
}

/**
 * The worker entry's badge: files due today plus overdue (countDue, the caller's
 * station), e.g. `5 人待访`; nothing when none is due.
 */
export async function dueBadge(): Promise<string | null> {
  const res = await countDue({});
  if (!res.ok) return null;
  const n = res.data.overdue + res.data.today;
  return n > 0 ? `${n} 人待访` : null;
}

const WORKER: RoleSection = {
  title: '社工工作台',
  description: '入户走访、个案工作、本站居民求助',
  url: ROUTES.worker,
  badge: dueBadge,
};
const HEAD: RoleSection = {
  title: '站长工作台',
  description: '本站年度指标、邀请社工、服务项目',
  url: ROUTES.head,
};
const SUPERVISOR: RoleSection = {
  title: '督导工作台',
  description: '所督导社工站的督导记录',
  url: ROUTES.supervisor,
};
const DISTRICT: RoleSection = {
  title: '区民政局总览',
  description: '全区社工站、人员邀请、审计日志',
  url: ROUTES.district,
};

/**
 * Sections shown on 我的 for a role. Only a hint for the UI: every action in a
 * section is authorised again by the cloud functions.
 */
export function sectionsFor(role: Role, active: boolean): RoleSection[] {
  if (!active) return [];
  switch (role) {
    case 'social_worker':
      return [WORKER];
    case 'station_head':
      return [HEAD, WORKER];
    case 'supervisor':
      return [SUPERVISOR];
    case 'district_admin':
      return [DISTRICT];
    case 'resident':
      return [];
  }
}
