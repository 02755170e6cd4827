import type { ActionContext } from '../../_lib/context';
import { bad } from './load';
import * as repo from './repo';

/**
 * Checks the people named on a case against its station: workers (lead,
 * assisting) are active social workers or the head OF THE STATION; the
 * supervisor is an active supervisor whose account is assigned to the
 * station. Throws `invalid-argument`; nothing is written.
 */
export async function checkTeam(
  ctx: ActionContext,
  stationId: string,
  team: { leadWorkerId?: string; assistantIds?: readonly string[]; supervisorId?: string | null },
): Promise<void> {
  const ids = [
    ...(team.leadWorkerId ? [team.leadWorkerId] : []),
    ...(team.assistantIds ?? []),
    ...(team.supervisorId ? [team.supervisorId] : []),
  ];
  const users = await repo.usersByIds(ctx.db, ids);
  const isWorker = (id: string): boolean => {
    const u = users.get(id);
    return (
      !!u &&
      u.active !== false &&
      (u.role === 'social_worker' || u.role === 'station_head') &&
      u.stationId === stationId
    );
  };
  if (team.leadWorkerId && !isWorker(team.leadWorkerId))
    bad('leadWorkerId', '负责社工不是本站在职的社工或站长，请重新选择');
  (team.assistantIds ?? []).forEach((id, i) => {
    if (!isWorker(id)) bad(`assistantIds.${i}`, '协助社工不是本站在职的社工或站长，请重新选择');
    if (id === team.leadWorkerId) bad(`assistantIds.${i}`, '负责社工不需要再列为协助社工');
  });
  if (team.supervisorId) {
    const u = users.get(team.supervisorId);
    const stations = Array.isArray(u?.stationIds) ? u.stationIds : [];
    if (!u || u.active === false || u.role !== 'supervisor' || !stations.includes(stationId))
      bad('supervisorId', '所选督导没有负责本站，请重新选择');
  }
}
