import type { Role } from '@sgz/shared';
import { countDue } from '../../services/files';
import { countStationRequests } from '../../services/requests';
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

/**
 * The queue entry's badge: the caller's station's new requests (countStationRequests,
 * submitted = 待处理), e.g. `3 条待处理`; nothing when none waits or the count failed.
 */
export async function newRequestsBadge(): Promise<string | null> {
  const res = await countStationRequests({});
  if (!res.ok) return null;
  return res.data.submitted > 0 ? `${res.data.submitted} 条待处理` : null;
}

// Descriptions name only what the section already does (issue 15: nothing promised that is not built).
const REQUESTS: RoleSection = {
  title: '本站居民求助',
  description: '居民提交的求助，新的在前：受理、安排、完成',
  url: ROUTES.workerRequests,
  badge: newRequestsBadge,
};
const WORKER: RoleSection = {
  title: '社工工作台',
  description: '待访名单、走访记录、跟进事项、服务对象档案',
  url: ROUTES.worker,
  badge: dueBadge,
};
const HEAD: RoleSection = {
  title: '站长工作台',
  description: '服务项目、服务时间、花名册导入、社区/村名单、走访冲突核对',
  url: ROUTES.head,
};
const SUPERVISOR: RoleSection = {
  title: '督导工作台',
  description: '所督导社工站的服务对象档案和走访记录（已隐去部分信息）',
  url: ROUTES.supervisor,
};
const DISTRICT: RoleSection = {
  title: '区民政局总览',
  description: '全区服务对象档案统计（只有数字）',
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
      return [REQUESTS, WORKER];
    case 'station_head':
      return [HEAD, REQUESTS, WORKER];
    case 'supervisor':
      return [SUPERVISOR];
    case 'district_admin':
      return [DISTRICT];
    case 'resident':
      return [];
  }
}
