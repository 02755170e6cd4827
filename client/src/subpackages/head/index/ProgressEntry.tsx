import { beijingMonth, beijingYear } from '@sgz/shared';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useCallback, useMemo } from 'react';
import { Button } from '../../../components/Button';
import { useLoad } from '../../../hooks/use-load';
import { useStaffStation } from '../../../hooks/use-staff-station';
import { getStationDashboard } from '../../../services/dashboard';
import { ROUTES } from '../../../utils/routes';
import { quotaFigureText, STATUS_MARK } from '../dashboard/parts';

/**
 * 本月进度 on the head's home: the four quotas of the year in words (`结案个案 1/2 个 ·
 * 落后`), asked each time the home is shown, and the way into 站点月报. While the
 * figures load or when they fail, the entry is still there (the page says why).
 */
export function ProgressEntry() {
  const station = useStaffStation();
  const stationId = station.status === 'ready' ? station.data : null;
  const now = useMemo(() => new Date(), []);
  const loader = useCallback(
    () =>
      stationId
        ? getStationDashboard({ stationId, year: beijingYear(now), month: beijingMonth(now) })
        : Promise.resolve({ ok: true as const, data: null }),
    [stationId, now],
  );
  const load = useLoad(loader, { keepWhileChanging: true });
  useDidShow(() => void load.reload());
  const d = load.data;
  return (
    <View className="sgz-card" style={{ marginBottom: '8px' }}>
      <Text style={{ fontWeight: 700, display: 'block' }}>本月进度</Text>
      {d ? (
        [
          d.quotas.completedCases,
          d.quotas.supervisionHours,
          d.quotas.trainingHours,
          d.quotas.qualifiedWorkers,
        ].map((q) => (
          <Text key={q.quota} style={{ display: 'block' }}>
            {STATUS_MARK[q.status]} {q.label} {quotaFigureText(q)}
          </Text>
        ))
      ) : load.status === 'error' ? (
        <Text style={{ display: 'block' }}>! 进度没有加载出来，打开站点月报查看</Text>
      ) : load.status === 'loading' ? (
        <Text style={{ display: 'block' }}>… 正在统计</Text>
      ) : null}
      <Button
        type="primary"
        block
        style={{ marginTop: '8px' }}
        onClick={() => void Taro.navigateTo({ url: ROUTES.headDashboard })}
      >
        站点月报（指标、图表、导出台账）
      </Button>
    </View>
  );
}
