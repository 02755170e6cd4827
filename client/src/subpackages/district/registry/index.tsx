import {
  REGISTRATION_LABELS,
  type QualificationRegistryOutput,
  type RegistryItemDto,
  type RegistryStationDto,
} from '@sgz/shared';
import { Text, View } from '@tarojs/components';
import { useCallback } from 'react';
import { PageRoot } from '../../../components/PageRoot';
import { LoadView } from '../../../components/StateView';
import { useLoad } from '../../../hooks/use-load';
import { listQualificationRegistry } from '../../../services/district';
import '../../../components/staff-page.scss';
import '../district.scss';

const ROLE_TEXT: Record<RegistryItemDto['role'], string> = { social_worker: '社工', station_head: '站长' };

/** Stations below the minimum first, then by how few qualified workers they have, then by name. */
export function orderStations(stations: readonly RegistryStationDto[]): RegistryStationDto[] {
  return [...stations].sort(
    (a, b) =>
      Number(b.belowMinimum) - Number(a.belowMinimum) ||
      a.qualifiedCount - b.qualifiedCount ||
      a.unitName.localeCompare(b.unitName, 'zh-CN'),
  );
}

/** A person's certificate line in words (the period ending soon is said, not only coloured). */
export function certificateText(i: RegistryItemDto): string {
  if (!i.certificateKind) return '未登记证书';
  const parts = [`${i.certificateKind}${i.numberMasked ? `（证书号 ${i.numberMasked}）` : ''}`];
  if (i.registrationStatus) parts.push(REGISTRATION_LABELS[i.registrationStatus]);
  if (i.period) parts.push(`本期登记 ${i.period.from} 至 ${i.period.to}`);
  return parts.join('，');
}

/**
 * 资质登记: who holds which certificate across the stations; registration periods ending
 * within 90 days said in words (⚠ …即将到期); stations below the minimum of qualified
 * workers first. No personal details beyond the name and the masked certificate number.
 */
export default function DistrictRegistryPage() {
  const loader = useCallback(() => listQualificationRegistry({}), []);
  const registry = useLoad(loader, { isEmpty: (d) => d.stations.length === 0 });
  return (
    <PageRoot className="wk">
      <View className="dst">
        <View className="wk__header">
          <Text className="wk__title">资质登记</Text>
          <Text className="sgz-hint">
            各站社工和站长持有的社会工作职业资格证书与注册登记情况。证书号只显示后 4 位。
          </Text>
        </View>
        <LoadView
          status={registry.status}
          error={registry.error}
          onRetry={registry.retry}
          loadingText="正在加载资质登记…"
          errorTitle="资质登记没有加载出来"
          empty={{ title: '还没有社工站', description: '社工站建好并登记人员后，这里显示各站的持证情况' }}
        />
        {registry.status === 'ready' && registry.data ? <Registry data={registry.data} /> : null}
      </View>
    </PageRoot>
  );
}

function Registry({ data }: { data: QualificationRegistryOutput }) {
  return (
    <View>
      <View className="sgz-card wk__section" role="status">
        <Text className="wk__item-title">
          {data.belowMinimumCount > 0
            ? `⚠ ${data.belowMinimumCount} 个站持证社工不足 ${data.minimum} 人（排在最前）`
            : `✓ 各站持证社工都不少于 ${data.minimum} 人`}
        </Text>
        <Text>
          {data.endingSoonCount > 0
            ? `⚠ ${data.endingSoonCount} 人的注册登记将在 90 天内到期，请提醒及时办理`
            : '90 天内没有到期的注册登记'}
        </Text>
      </View>
      <View className="dst__columns dst__columns--wrap">
        {orderStations(data.stations).map((s) => (
          <StationCard
            key={s.stationId}
            station={s}
            minimum={data.minimum}
            people={data.items.filter((i) => i.stationId === s.stationId)}
          />
        ))}
      </View>
    </View>
  );
}

function StationCard({
  station,
  minimum,
  people,
}: {
  station: RegistryStationDto;
  minimum: number;
  people: RegistryItemDto[];
}) {
  return (
    <View className="sgz-card wk__section dst__card">
      <Text className="wk__item-title">{station.unitName}社工站</Text>
      <Text className={station.belowMinimum ? 'dst__warn' : 'dst__status'}>
        {station.belowMinimum
          ? `⚠ 持证社工 ${station.qualifiedCount} 人，不足 ${minimum} 人`
          : `✓ 持证社工 ${station.qualifiedCount} 人`}
      </Text>
      {people.length === 0 ? <Text className="sgz-hint">还没有登记在岗人员</Text> : null}
      {people.map((p) => (
        <View key={p.userId} className="wk__item">
          <Text>
            {p.name ?? '（姓名未登记）'}（{ROLE_TEXT[p.role]}）：{p.qualified ? '持证' : '未计入持证'}
          </Text>
          <Text className="sgz-hint">{certificateText(p)}</Text>
          {p.qualified || p.reason === certificateText(p) ? null : (
            <Text className="sgz-hint">{p.reason}</Text>
          )}
          {p.period?.endingSoon ? (
            <Text className="dst__warn">
              ⚠ 注册登记即将到期：{p.period.to}（还剩 {p.period.daysLeft} 天）
            </Text>
          ) : null}
        </View>
      ))}
    </View>
  );
}
