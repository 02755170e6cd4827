import type { QualifiedStaffOutput, Result, StationStanding } from '@sgz/shared';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback } from 'react';
import { Button } from '../../../components/Button';
import { StaffStationPage } from '../../../components/StaffStationPage';
import { LoadView } from '../../../components/StateView';
import { HoursBar, hoursText } from '../../../components/supervision/HoursBar';
import { useLoad } from '../../../hooks/use-load';
import { supervision } from '../../../services/supervision';
import { ROUTES, trainingFormUrl } from '../../../utils/routes';
import '../../../components/staff-page.scss';
import '../../../components/supervision/sv.scss';

/**
 * 资质与学时 (station head, issue 12): the station's supervision hours this
 * year against 30 (confirmed only; pending and disputed said beside), its
 * qualified workers with the reason each counts or not (flagged below 2), and
 * each worker's confirmed 学时 this year against 30, with 代为记录 for the team.
 */
export default function HeadStandingPage() {
  return (
    <StaffStationPage title="资质与学时" errorTitle="资质与学时没有加载出来">
      {(stationId) => <Standing stationId={stationId} />}
    </StaffStationPage>
  );
}

/** Both answers at once; either failing fails the page (it is one view). */
export async function loadStanding(
  stationId: string,
): Promise<Result<{ summary: StationStanding; staff: QualifiedStaffOutput }>> {
  const [summary, staff] = await Promise.all([
    supervision.getStationSummary({ stationId }),
    supervision.listQualifiedStaff({ stationId }),
  ]);
  if (!summary.ok) return summary;
  if (!staff.ok) return staff;
  return { ok: true, data: { summary: summary.data.summary, staff: staff.data } };
}

/** The page's body (exported for tests). */
export function Standing({ stationId }: { stationId: string }) {
  const loader = useCallback(() => loadStanding(stationId), [stationId]);
  const res = useLoad(loader);
  const d = res.data;
  return (
    <View>
      <LoadView
        status={res.status}
        error={res.error}
        onRetry={res.retry}
        loadingText="正在统计…"
        errorTitle="资质与学时没有加载出来"
      />
      {d ? <StandingBody summary={d.summary} staff={d.staff} /> : null}
    </View>
  );
}

function StandingBody({ summary, staff }: { summary: StationStanding; staff: QualifiedStaffOutput }) {
  const sv = summary.supervision;
  const waiting = summary.pendingSessionCount + summary.pendingTrainingCount;
  return (
    <View className="sv-list">
      <View className="sgz-card sv-card" role="group" aria-label="本站督导时长">
        <Text className="wk__item-title">{summary.year} 年专业督导</Text>
        <HoursBar
          label="已确认督导"
          hours={sv.confirmedHours}
          quota={sv.quota}
          extra={`按进度今天应达 ${hoursText(sv.paceTarget)} 小时${sv.confirmedHours < sv.paceTarget ? '，⚠ 落后于进度' : ''}`}
        />
        <Text>
          待确认 {hoursText(sv.pendingHours)} 小时 · 有异议 {sv.disputedCount} 次（不计入）
        </Text>
        {waiting > 0 ? (
          <Button onClick={() => void Taro.navigateTo({ url: ROUTES.headConfirmations })}>
            去确认（{waiting} 条待确认）
          </Button>
        ) : null}
      </View>

      <View className="sgz-card sv-card" role="group" aria-label="持证社工">
        <Text className="wk__item-title">
          持证社工：{staff.qualifiedCount} 人（至少 {staff.minimum} 人）
        </Text>
        {staff.belowMinimum ? (
          <Text className="sv-status sv-status--flag">⚠ 持证社工不足 {staff.minimum} 人，请尽快补充</Text>
        ) : (
          <Text className="sv-status sv-status--confirmed">✓ 已达到要求</Text>
        )}
        {staff.items.length === 0 ? <Text className="sgz-hint">本站还没有在职社工</Text> : null}
        {staff.items.map((s) => (
          <View key={s.userId} className="wk__item">
            <Text>
              {s.qualified ? '✓ 计入' : '✕ 不计入'} · {s.name ?? '未填写姓名'}
              {s.role === 'station_head' ? '（站长）' : ''}
            </Text>
            <Text className="sgz-hint">{s.reason}</Text>
          </View>
        ))}
      </View>

      <View className="sgz-card sv-card" role="group" aria-label="社工本年度学时">
        <Text className="wk__item-title">{summary.year} 年社工学时（已确认）</Text>
        {summary.training.length === 0 ? <Text className="sgz-hint">本站还没有在职社工</Text> : null}
        {summary.training.map((t) => (
          <View key={t.workerId} className="wk__section" style={{ marginBottom: '12px' }}>
            <HoursBar label={t.name ?? '未填写姓名'} hours={t.hours} quota={t.quota} unit="学时" />
            <Button
              onClick={() =>
                void Taro.navigateTo({
                  url: trainingFormUrl({ workerId: t.workerId, name: t.name ?? undefined }),
                })
              }
            >
              代{t.name ?? '社工'}记录培训
            </Button>
          </View>
        ))}
      </View>
    </View>
  );
}
