import {
  beijingMonth,
  beijingYear,
  type DashboardFigure,
  type DashboardWorker,
  type StationDashboard,
} from '@sgz/shared';
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useCallback, useMemo, useState } from 'react';
import { PageRoot } from '../../../components/PageRoot';
import { StaffStationPage } from '../../../components/StaffStationPage';
import { LoadView, StateView } from '../../../components/StateView';
import { useCareMode } from '../../../hooks/use-care-mode';
import { useLoad } from '../../../hooks/use-load';
import { getStationDashboard } from '../../../services/dashboard';
import { BarChart, chartSummary } from '../charts/BarChart';
import { ExportLedger } from './ExportLedger';
import { FigureList, FigureRow, num, QuotaBar, Section, StatusText } from './parts';
import '../../../components/staff-page.scss';
import './index.scss';

const ERROR_TITLE = '站点月报没有加载出来';
/** The first year the pickers go back to. */
const FIRST_YEAR = 2022;

/** The Beijing year and month the page opens on: the query's, else today's. */
function initialPeriod(
  params: Record<string, string | undefined>,
  now: Date,
): { year: number; month: number } {
  const thisYear = beijingYear(now);
  const y = Number(params.year);
  const m = Number(params.month);
  const year = Number.isInteger(y) && y >= FIRST_YEAR && y <= thisYear ? y : thisYear;
  const lastMonth = year === thisYear ? beijingMonth(now) : 12;
  const month = Number.isInteger(m) && m >= 1 && m <= lastMonth ? m : lastMonth;
  return { year, month };
}

/**
 * 站点月报 (issue 13): the station's year, month by month, for its head (a supervisor or
 * the district opens it with `?stationId=`): the four annual quotas with progress bars
 * and the engine's reason, each worker's figures and flags, the station's activity
 * (visits by month and by category, requests by status and rating, service hours by
 * area) as charts with every number listed beside them, each number opening the
 * records behind it (记录明细); and 导出台账 for the month or the year.
 */
export default function DashboardPage() {
  const { params } = useRouter();
  if (params.stationId) {
    return (
      <PageRoot className="wk hd">
        <Dashboard stationId={params.stationId} params={params} />
      </PageRoot>
    );
  }
  return (
    <StaffStationPage errorTitle={ERROR_TITLE}>
      {(own) => <Dashboard stationId={own} params={params} />}
    </StaffStationPage>
  );
}

/** Nothing recorded in the year: no visit, request, case, supervision or 学时. */
export const nothingYet = (d: StationDashboard): boolean =>
  d.activity.visitsTotal.value === 0 &&
  d.activity.requestsByStatus.every((f) => f.value === 0) &&
  d.quotas.completedCases.done === 0 &&
  d.quotas.supervisionHours.done === 0 &&
  d.workers.every((w) => w.openCases.value === 0 && w.trainingYear.value === 0);

function Dashboard({ stationId, params }: { stationId: string; params: Record<string, string | undefined> }) {
  const now = useMemo(() => new Date(), []);
  const [period, setPeriod] = useState(() => initialPeriod(params, now));
  const { year, month } = period;
  const thisYear = beijingYear(now);
  const lastMonth = year === thisYear ? beijingMonth(now) : 12;
  const care = useCareMode();
  const loader = useCallback(() => getStationDashboard({ stationId, year, month }), [stationId, year, month]);
  const load = useLoad(loader, { keepWhileChanging: true });
  const d = load.data;

  const pickYear = (y: number) => {
    const last = y === thisYear ? beijingMonth(now) : 12;
    setPeriod({ year: y, month: Math.min(month, last) });
  };

  return (
    <View className="hd-page">
      <View className="wk__header">
        <View className="wk__title" role="heading" aria-level={1}>
          <Text>站点月报</Text>
        </View>
        {d ? (
          <Text className="hd-sub">
            {d.stationName} · 数据截至 {d.asOf}
          </Text>
        ) : null}
      </View>

      <View className="hd-period" role="group" aria-label="选择年份和月份">
        <View className="hd-period__year">
          <View
            className={`sgz-choice hd-step${year <= FIRST_YEAR ? ' hd-step--off' : ''}`}
            role="button"
            aria-disabled={year <= FIRST_YEAR}
            onClick={() => (year > FIRST_YEAR ? pickYear(year - 1) : undefined)}
          >
            <Text>‹ 上一年</Text>
          </View>
          <Text className="hd-period__current">{year}年</Text>
          <View
            className={`sgz-choice hd-step${year >= thisYear ? ' hd-step--off' : ''}`}
            role="button"
            aria-disabled={year >= thisYear}
            onClick={() => (year < thisYear ? pickYear(year + 1) : undefined)}
          >
            <Text>下一年 ›</Text>
          </View>
        </View>
        <View className="sgz-chips hd-months" role="radiogroup" aria-label={`${year}年的月份`}>
          {Array.from({ length: 12 }, (_, i) => i + 1).map((m) => {
            const on = m === month;
            const future = m > lastMonth;
            return (
              <View
                key={m}
                className={`sgz-choice hd-month${on ? ' sgz-choice--selected' : ''}${future ? ' hd-month--off' : ''}`}
                role="radio"
                aria-checked={on}
                aria-disabled={future}
                onClick={() => (future ? undefined : setPeriod({ year, month: m }))}
              >
                <Text>
                  {on ? '◉' : ''}
                  {m}月
                </Text>
              </View>
            );
          })}
        </View>
        {load.refreshing ? <Text className="hd-sub">… 正在更新</Text> : null}
      </View>

      <LoadView
        status={load.status}
        error={load.error}
        onRetry={load.retry}
        loadingText="正在统计本站数据…"
        errorTitle={ERROR_TITLE}
      />
      {d ? <Figures d={d} care={care} /> : null}
      {d ? <ExportSection stationId={stationId} year={year} month={month} /> : null}
    </View>
  );
}

function ExportSection({ stationId, year, month }: { stationId: string; year: number; month: number }) {
  return (
    <Section title="导出台账">
      <ExportLedger stationId={stationId} year={year} month={month} />
    </Section>
  );
}

/** Everything the dashboard answered. */
function Figures({ d, care }: { d: StationDashboard; care: boolean }) {
  const q = d.quotas;
  const empty = nothingYet(d);
  const monthFigures = d.activity.visitsByMonth;
  const monthChart = useMemo(
    // `1`…`12` under the bars (12 × 月 do not fit a phone); the list below says 1月…12月.
    () => ({
      categories: monthFigures.map((_, i) => String(i + 1)),
      labels: monthFigures.map((f) => f.label),
      values: monthFigures.map((f) => f.value),
    }),
    [monthFigures],
  );
  const categories = d.activity.visitsByCategory;
  const categoryChart = useMemo(
    () => ({ categories: categories.map((f) => f.label), values: categories.map((f) => f.value) }),
    [categories],
  );
  const areas = d.activity.serviceHoursByArea;
  const areaChart = useMemo(
    () => ({ categories: areas.map((f) => f.label), values: areas.map((f) => f.value) }),
    [areas],
  );
  const y = d.year;
  const monthFigure = d.month ? monthFigures[d.month - 1] : undefined;

  return (
    <View>
      <Section title={`${y}年四项指标`}>
        <View className="sgz-card hd-overall">
          <Text>
            总体：
            <StatusText status={d.status} />
          </Text>
          {d.openedDay && d.openedDay.startsWith(String(y)) ? (
            <Text className="hd-quota__hint">本站 {d.openedDay} 开站，进度从开站日算起</Text>
          ) : null}
          {d.policy.source === 'invalid-stored' ? (
            <Text className="hd-quota__hint">区里设置的指标有误，暂按通知的默认指标计算</Text>
          ) : null}
        </View>
        <QuotaBar quota={q.completedCases} year={y} />
        <QuotaBar quota={q.supervisionHours} year={y} />
        <QuotaBar
          quota={q.trainingHours}
          year={y}
          note={`每人每年 ${num(q.trainingHours.perWorkerTarget)} 学时`}
          paceText={`按进度此时每人应有 ${num(q.trainingHours.expectedByNow)} 学时`}
        >
          {q.trainingHours.behind.length ? (
            <Text className="hd-quota__hint">
              未跟上进度：
              {q.trainingHours.behind
                .map((b) => `${b.name}（${num(b.done)}/${num(b.expectedByNow)} 学时，${b.status}）`)
                .join('、')}
            </Text>
          ) : null}
        </QuotaBar>
        <QuotaBar quota={q.qualifiedWorkers} year={y} />
      </Section>

      {empty ? (
        <StateView
          symbol="i"
          title={`本站${y}年还没有走访、个案、求助等记录`}
          description="社工的记录同步到服务器后，这里会按月统计；四项指标从开站日起计算进度"
        />
      ) : null}

      <Section title="社工情况">
        {d.workers.length === 0 ? (
          <StateView
            symbol="i"
            title="本站还没有社工账号"
            description="在“导入花名册”或邀请码绑定社工后出现在这里"
          />
        ) : (
          d.workers.map((w) => <WorkerCard key={w.workerId} w={w} year={y} month={d.month} />)
        )}
      </Section>

      <Section title="走访">
        <View className="sgz-card hd-card">
          <FigureRow
            label={`${y}年走访合计`}
            value={d.activity.visitsTotal.value}
            unit="次"
            drill={d.activity.visitsTotal.drill}
            title={`${y}年本站走访`}
          />
          {monthFigure ? (
            <FigureRow
              label={`${d.month}月全站走访`}
              value={monthFigure.value}
              unit="次"
              drill={monthFigure.drill}
              title={`${y}年${d.month}月本站走访`}
            />
          ) : null}
          <Text className="hd-card__title">按月走访次数</Text>
          <BarChart
            kind="column"
            categories={monthChart.categories}
            values={monthChart.values}
            seriesName="走访次数"
            large={care}
            summary={chartSummary(`${y}年按月走访次数`, monthChart.labels, monthChart.values, '次')}
          />
          <FigureList grid figures={monthFigures} unit="次" titleOf={(f) => `${y}年${f.label}本站走访`} />
        </View>
        <View className="sgz-card hd-card">
          <Text className="hd-card__title">按服务对象类别（{y}年）</Text>
          {categories.length ? (
            <>
              <BarChart
                kind="column"
                categories={categoryChart.categories}
                values={categoryChart.values}
                seriesName="走访次数"
                large={care}
                summary={chartSummary(
                  `${y}年按服务对象类别的走访`,
                  categoryChart.categories,
                  categoryChart.values,
                  '次',
                )}
              />
              <FigureList figures={categories} unit="次" titleOf={(f) => `${y}年走访 · ${f.label}`} />
            </>
          ) : (
            <Text className="hd-quota__hint">
              {d.activity.visitsTotal.value > 0 ? '今年的走访还没有记录服务对象类别' : '今年还没有走访记录'}
            </Text>
          )}
          {d.month && d.activity.monthVisitsByCategory?.length ? (
            <>
              <Text className="hd-card__title">{d.month}月按类别</Text>
              <FigureList
                figures={d.activity.monthVisitsByCategory}
                unit="次"
                titleOf={(f) => `${y}年${d.month}月走访 · ${f.label}`}
              />
            </>
          ) : null}
        </View>
      </Section>

      <Section title="居民求助">
        <View className="sgz-card hd-card">
          <Text className="hd-card__title">{y}年求助，按状态</Text>
          <FigureList
            figures={d.activity.requestsByStatus}
            unit="件"
            titleOf={(f) => `${y}年求助 · ${f.label}`}
          />
          <FigureRow
            label="平均满意度"
            value={
              d.activity.rating.average === null
                ? '还没有评价'
                : `${num(d.activity.rating.average)} 星（${d.activity.rating.count} 条评价）`
            }
            unit=""
            drill={d.activity.rating.drill}
            title={`${y}年已评价的求助`}
          />
        </View>
      </Section>

      <Section title="服务时长（按服务领域）">
        <View className="sgz-card hd-card">
          {areas.length ? (
            <>
              <BarChart
                kind="column"
                categories={areaChart.categories}
                values={areaChart.values}
                seriesName="小时"
                large={care}
                summary={chartSummary(
                  `${y}年按服务领域的走访时长`,
                  areaChart.categories,
                  areaChart.values,
                  '小时',
                )}
              />
              <FigureList
                figures={areas}
                unit="小时"
                titleOf={(f: DashboardFigure) => `${y}年走访 · ${f.label}`}
              />
              <Text className="hd-quota__hint">按走访的开始到结束计时；一次走访涉及两个领域时两边都计。</Text>
            </>
          ) : (
            <Text className="hd-quota__hint">今年还没有记录时长的走访</Text>
          )}
        </View>
      </Section>
    </View>
  );
}

/** One worker: the figures (each opens its records), 学时 in the year and the registration period, flags in words. */
function WorkerCard({ w, year, month }: { w: DashboardWorker; year: number; month: number | null }) {
  const who = `${w.name}${w.role === 'station_head' ? '（站长）' : ''}`;
  return (
    <View className="sgz-card hd-card hd-worker">
      <View className="hd-worker__head">
        <Text className="hd-worker__name">{who}</Text>
        <Text className="hd-worker__qual">{w.qualified ? '✓ 持证' : '未持证'}</Text>
      </View>
      {w.flags.length ? (
        w.flags.map((f) => (
          <Text key={f} className="hd-flag">
            ⚠ {f}
          </Text>
        ))
      ) : (
        <Text className="hd-ok">✓ 学时进度正常</Text>
      )}
      <FigureRow
        label="本年走访"
        value={w.visitsYear.value}
        unit="次"
        drill={w.visitsYear.drill}
        title={`${w.name} · ${year}年走访`}
      />
      {w.visitsMonth && month ? (
        <FigureRow
          label={`${month}月走访`}
          value={w.visitsMonth.value}
          unit="次"
          drill={w.visitsMonth.drill}
          title={`${w.name} · ${year}年${month}月走访`}
        />
      ) : null}
      <FigureRow
        label="在办个案"
        value={w.openCases.value}
        unit="个"
        drill={w.openCases.drill}
        title={`${w.name} · 在办个案`}
      />
      <FigureRow
        label="本年结案"
        value={w.closedCases.value}
        unit="个"
        drill={w.closedCases.drill}
        title={`${w.name} · ${year}年结案`}
      />
      <FigureRow
        label="本年学时"
        value={w.trainingYear.value}
        unit="学时"
        drill={w.trainingYear.drill}
        title={`${w.name} · ${year}年学时`}
        extra={
          <Text className="hd-fig__note">
            {w.trainingStatus === '按进度' || w.trainingStatus === '已完成'
              ? `${w.trainingStatus}`
              : `${w.trainingStatus}：${w.trainingReason}`}
          </Text>
        }
      />
      {w.trainingPeriod ? (
        <View className="hd-fig">
          <Text className="hd-fig__label">
            注册周期学时（{w.trainingPeriod.from} 至 {w.trainingPeriod.to}）
          </Text>
          <Text className="hd-fig__value">
            {num(w.trainingPeriod.hours)}/{num(w.trainingPeriod.quota)} 学时
          </Text>
        </View>
      ) : (
        <Text className="hd-quota__hint">注册周期：{w.trainingPeriodNote ?? '未登记'}</Text>
      )}
    </View>
  );
}
