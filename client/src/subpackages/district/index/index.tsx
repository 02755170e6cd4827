import {
  RISK_TIERS,
  TARGET_CATEGORIES,
  type CountFilesOutput,
  type FileCounts,
  type Result,
} from '@sgz/shared';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback } from 'react';
import { Button } from '../../../components/Button';
import { PageRoot } from '../../../components/PageRoot';
import { LoadView } from '../../../components/StateView';
import { useLoad } from '../../../hooks/use-load';
import { countFiles } from '../../../services/roster';
import { listAllStations } from '../../../services/stations';
import { ROUTES } from '../../../utils/routes';
import { BureauLinks } from '../BureauLinks';
import '../../../components/staff-page.scss';

/** Counts and the station names (names are a nicety: without them the ids show). */
export async function loadDistrictCounts(): Promise<
  Result<{ counts: CountFilesOutput; names: Record<string, string> }>
> {
  const [counts, stations] = await Promise.all([countFiles({}), listAllStations()]);
  if (!counts.ok) return counts;
  const names: Record<string, string> = {};
  if (stations.ok)
    for (const g of stations.data.groups) for (const s of g.items) names[s.id] = `${s.unitName}社工站`;
  return { ok: true, data: { counts: counts.data, names } };
}

/** 区民政局总览: files (一人一档) counted by risk and category, per station; numbers only, no persons. */
export default function DistrictHomePage() {
  const loader = useCallback(loadDistrictCounts, []);
  const data = useLoad(loader, { isEmpty: (d) => d.counts.total === 0 });
  const names = data.data?.names ?? {};
  return (
    <PageRoot className="wk">
      <BureauLinks />
      <View className="wk__header">
        <Text className="wk__title">服务对象档案统计</Text>
        <Text className="sgz-hint">
          全区在册档案数（一人一档），按风险等级和服务对象类别统计。只显示数字，不显示个人信息；一人可属多个类别。
        </Text>
      </View>
      <View className="wk__actions">
        <Button onClick={() => void Taro.navigateTo({ url: ROUTES.districtOverview })}>全区社工站总览</Button>
        <Button onClick={() => void Taro.navigateTo({ url: ROUTES.districtAssignments })}>督导分配</Button>
      </View>
      <LoadView
        status={data.status}
        error={data.error}
        onRetry={data.retry}
        loadingText="正在统计档案…"
        errorTitle="档案统计没有加载出来"
        empty={{ title: '各站还没有在册档案' }}
      />
      {data.status === 'ready' && data.data ? (
        <View>
          <CountsCard title="全区合计" counts={data.data.counts} />
          {data.data.counts.byStation.map((s) => (
            <CountsCard key={s.stationId} title={names[s.stationId] ?? s.stationId} counts={s} />
          ))}
        </View>
      ) : null}
      {data.data ? <StationProfileLinks names={data.data.names} /> : null}
    </PageRoot>
  );
}

/** One scope's counts, every number with its label. */
export function CountsCard({ title, counts }: { title: string; counts: FileCounts }) {
  const categories = TARGET_CATEGORIES.filter((c) => counts.byCategory[c] > 0);
  return (
    <View className="sgz-card wk__section">
      <Text className="wk__item-title">
        {title}：在册 {counts.total} 人
      </Text>
      <Text>按风险：{RISK_TIERS.map((r) => `${r} ${counts.byRisk[r]} 人`).join('，')}</Text>
      <Text>
        按类别：
        {categories.length > 0
          ? categories.map((c) => `${c} ${counts.byCategory[c]} 人`).join('，')
          : '未登记类别'}
      </Text>
    </View>
  );
}

/** Every station's public details (地址, 电话, 一站一品), edited on the head's form with ?stationId=. */
function StationProfileLinks({ names }: { names: Record<string, string> }) {
  const ids = Object.keys(names);
  if (ids.length === 0) return null;
  return (
    <View className="sgz-card wk__section">
      <Text className="wk__item-title">各站公开信息（地址、电话、一站一品）</Text>
      {ids.map((id) => (
        <View
          key={id}
          className="wk__item"
          role="button"
          onClick={() =>
            void Taro.navigateTo({
              url: `/subpackages/head/station-profile/index?stationId=${encodeURIComponent(id)}`,
            })
          }
        >
          <Text>{names[id]}</Text>
          <Text className="wk__more">修改 ›</Text>
        </View>
      ))}
    </View>
  );
}
