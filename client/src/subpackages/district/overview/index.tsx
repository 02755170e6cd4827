import {
  beijingYear,
  type DistrictOverview,
  type OverviewQuota,
  type OverviewStation,
  type QuotaKey,
} from '@sgz/shared';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { Button } from '../../../components/Button';
import { PageRoot } from '../../../components/PageRoot';
import { LoadView } from '../../../components/StateView';
import { useLoad } from '../../../hooks/use-load';
import { exportDistrictWorkbook, getDistrictOverview } from '../../../services/overview';
import { openDownloadedFile } from '../../../services/storage';
import { dashboardUrl } from '../../../utils/routes';
import { OVERVIEW_COLUMNS, sortStations, type OverviewColumn, type SortDirection } from './sort';
import '../../../components/staff-page.scss';
import './index.scss';

const QUOTAS: readonly QuotaKey[] = [
  'completedCases',
  'supervisionHours',
  'trainingHours',
  'qualifiedWorkers',
];
/** Class of a quota status (the colour); the words are always beside it. */
const STATUS_CLASS: Record<string, string> = {
  已完成: 'ov__chip--done',
  按进度: 'ov__chip--pace',
  落后: 'ov__chip--behind',
  有风险: 'ov__chip--risk',
};
const STAGE_CLASS: Record<string, string> = {
  preparing: 'ov__chip--stage-preparing',
  trial: 'ov__chip--stage-trial',
  operating: 'ov__chip--stage-operating',
};

/** The table's scroll box is reachable by keyboard (arrow keys scroll it); ViewProps has no tabIndex. */
const SCROLL_FOCUS = { tabIndex: 0 } as Record<string, unknown>;

/** A status chip: colour AND text. */
function Chip({ text, className }: { text: string; className: string }) {
  return <Text className={`ov__chip ${className}`}>{text}</Text>;
}

/** One quota cell: done / target, the status in words, the forecast. */
function QuotaCell({ q }: { q: OverviewQuota }) {
  return (
    <View className="ov__quota">
      <Text>
        {q.done}/{q.target}
        {q.quota === 'trainingHours' ? ' 人' : ` ${q.unit}`}
      </Text>
      <Chip text={q.status} className={STATUS_CLASS[q.status] ?? ''} />
      <Text className="ov__forecast">预计 {q.forecast}</Text>
    </View>
  );
}

/** One station's row; its name opens the station's 站点月报 for the year (read-only for the district). */
function Row({ s, year }: { s: OverviewStation; year: number }) {
  return (
    <View className="ov__tr" role="row">
      <View className="ov__td ov__td--station" role="rowheader">
        <Button
          className="ov__station ov__open"
          onClick={() => void Taro.navigateTo({ url: dashboardUrl({ stationId: s.stationId, year }) })}
        >
          {s.unitName}
        </Button>
      </View>
      <View className="ov__td" role="cell">
        <Text>{s.zone?.name ?? '未指定'}</Text>
      </View>
      <View className="ov__td" role="cell">
        <Chip text={s.statusLabel} className={STAGE_CLASS[s.status] ?? ''} />
      </View>
      <View className="ov__td" role="cell">
        <Text>
          {s.staff} 人（持证 {s.qualifiedStaff}）
        </Text>
      </View>
      <View className="ov__td" role="cell">
        <Chip text={s.overall} className={STATUS_CLASS[s.overall] ?? ''} />
      </View>
      {QUOTAS.map((k) => (
        <View key={k} className="ov__td" role="cell">
          <QuotaCell q={s.quotas[k]} />
        </View>
      ))}
    </View>
  );
}

/** 全区社工站总览: every station's year, grouped as the notice groups them; counts only. */
export default function DistrictOverviewPage() {
  const [year, setYear] = useState(() => beijingYear(new Date()));
  const [sort, setSort] = useState<{ key: OverviewColumn; dir: SortDirection }>({
    key: 'station',
    dir: 'ascending',
  });
  const [exporting, setExporting] = useState(false);
  const [exportNote, setExportNote] = useState<string | null>(null);
  const loader = useCallback(() => getDistrictOverview({ year }), [year]);
  const data = useLoad<DistrictOverview>(loader, { isEmpty: (d) => d.totals.stations === 0 });
  const thisYear = beijingYear(new Date());

  const tapHeader = (key: OverviewColumn) =>
    setSort((s) => ({
      key,
      dir: s.key === key && s.dir === 'ascending' ? 'descending' : 'ascending',
    }));

  const doExport = async () => {
    setExporting(true);
    setExportNote(null);
    const res = await exportDistrictWorkbook({ year });
    if (!res.ok) {
      setExportNote(`导出没有成功：${res.error.message}`);
    } else {
      const opened = await openDownloadedFile(res.data.tempFileURL, res.data.fileName);
      setExportNote(
        opened.ok
          ? `已导出 ${res.data.fileName}（${res.data.stations} 个社工站）`
          : `文件已生成，但没有打开：${opened.error.message}`,
      );
    }
    setExporting(false);
  };

  const o = data.status === 'ready' ? data.data : null;
  return (
    <PageRoot className="wk ov">
      <View className="wk__header">
        <View role="heading" aria-level={1}>
          <Text className="wk__title">全区社工站总览</Text>
        </View>
        <Text className="sgz-hint">
          各街镇社工站的建设状态、人员和四项年度指标（与各站看板同一口径）。只显示数字，不显示个人信息。点表头可排序。
        </Text>
      </View>
      <View className="wk__actions">
        <View className="wk__period">
          <Button onClick={() => setYear((y) => y - 1)} disabled={year <= 2000}>
            上一年
          </Button>
          <Text aria-live="polite">{year} 年</Text>
          <Button onClick={() => setYear((y) => y + 1)} disabled={year >= thisYear}>
            下一年
          </Button>
        </View>
        <Button type="primary" loading={exporting} disabled={!o} onClick={() => void doExport()}>
          导出全区汇总
        </Button>
        {exportNote ? (
          <View role="status">
            <Text className="sgz-hint">{exportNote}</Text>
          </View>
        ) : null}
      </View>
      <LoadView
        status={data.status}
        error={data.error}
        onRetry={data.retry}
        loadingText="正在汇总各站数据…"
        errorTitle="全区总览没有加载出来"
        empty={{ title: '还没有社工站', description: '社工站建立后会在这里显示。' }}
      />
      {o ? (
        <View>
          <View className="sgz-card wk__section">
            <Text>
              {o.year} 年，共 {o.totals.stations} 个社工站，社工 {o.totals.staff} 人（持证{' '}
              {o.totals.qualifiedStaff} 人）
            </Text>
            <Text>
              总体：已完成 {o.totals.byStatus['已完成']} 个，按进度 {o.totals.byStatus['按进度']} 个，落后{' '}
              {o.totals.byStatus['落后']} 个，有风险 {o.totals.byStatus['有风险']} 个
            </Text>
            <Text>
              建设：筹建 {o.totals.byStationStatus.preparing} 个，试运行 {o.totals.byStationStatus.trial}{' '}
              个，运营 {o.totals.byStationStatus.operating} 个
            </Text>
            <Text className="sgz-hint">
              指标口径：
              {o.policy.source === 'stored'
                ? `区民政局 ${o.policy.effectiveFrom} 起执行的指标`
                : '通知规定的默认指标'}
              ；统计至 {o.asOf}
            </Text>
          </View>
          {o.groups.map((g) => (
            <View key={g.kind} className="ov__group">
              <View role="heading" aria-level={2}>
                <Text className="ov__group-title">
                  {g.label}（{g.stations.length} 个）
                </Text>
              </View>
              <View
                className="ov__scroll"
                role="region"
                aria-label={`${g.label}社工站表格（可左右滑动）`}
                {...SCROLL_FOCUS}
              >
                <View className="ov__table" role="table" aria-label={`${g.label}社工站`}>
                  <View className="ov__tr ov__tr--head" role="row">
                    {OVERVIEW_COLUMNS.map((c) => (
                      <View
                        key={c.key}
                        className={`ov__th${c.key === 'station' ? ' ov__td--station' : ''}`}
                        role="columnheader"
                        aria-sort={sort.key === c.key ? sort.dir : 'none'}
                      >
                        <Button className="ov__sort" onClick={() => tapHeader(c.key)}>
                          {c.label}
                          {sort.key === c.key ? (sort.dir === 'ascending' ? ' ↑' : ' ↓') : ''}
                        </Button>
                      </View>
                    ))}
                  </View>
                  {sortStations(g.stations, sort.key, sort.dir).map((s) => (
                    <Row key={s.stationId} s={s} year={year} />
                  ))}
                </View>
              </View>
            </View>
          ))}
        </View>
      ) : null}
      <View className="wk__actions">
        <Button onClick={() => void Taro.navigateBack()}>返回</Button>
      </View>
    </PageRoot>
  );
}
