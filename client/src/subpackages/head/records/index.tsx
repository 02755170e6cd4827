import {
  CASE_STATUS_LABELS,
  CONFIRMATION_LABELS,
  TRAINING_STATUS_LABELS,
  type CaseListItem,
  type DrillDown,
  type QualifiedStaffOutput,
  type RequestDto,
  type Result,
  type StationSessionItem,
  type TrainingDto,
  type VisitListItem,
} from '@sgz/shared';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useCallback, useMemo } from 'react';
import { ListFooter } from '../../../components/ListFooter';
import { PageRoot } from '../../../components/PageRoot';
import { RequestCard } from '../../../components/RequestCard';
import { LoadView, StateView } from '../../../components/StateView';
import { pagedStatus } from '../../../hooks/use-paged-list';
import { usePagedPage } from '../../../hooks/use-paged-page';
import { callFunction } from '../../../services/call';
import { formatDay } from '../../../utils/request-format';
import { stationRequestUrl, visitDetailUrl } from '../../../utils/routes';
import '../../../components/staff-page.scss';
import '../dashboard/index.scss';

const PAGE_SIZE = 20;

/** The list actions a drill-down may name (anything else in the link is refused). */
const LISTS: Record<DrillDown['kind'], { fn: string; action: string; what: string }> = {
  visits: { fn: 'visits', action: 'listVisits', what: '走访记录' },
  cases: { fn: 'cases', action: 'listStationCases', what: '个案' },
  requests: { fn: 'requests', action: 'listStationRequests', what: '求助' },
  supervision: { fn: 'supervision', action: 'listStationSessions', what: '督导记录' },
  training: { fn: 'supervision', action: 'listTraining', what: '学时记录' },
  qualified: { fn: 'supervision', action: 'listQualifiedStaff', what: '持证社工' },
};

/** A query value as written (the router may hand it over decoded already, or not). */
const decoded = (raw: string): string => {
  if (!/%[0-9A-Fa-f]{2}/.test(raw)) return raw;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
};

/** The drill-down of the link, or null when it is not one the dashboard makes. */
export function parseDrill(raw: string | undefined): DrillDown | null {
  if (!raw) return null;
  try {
    const d = JSON.parse(decoded(raw)) as Partial<DrillDown>;
    const list = d && typeof d.kind === 'string' ? LISTS[d.kind] : undefined;
    if (!list || d.fn !== list.fn || d.action !== list.action) return null;
    if (typeof d.input !== 'object' || d.input === null) return null;
    return d as DrillDown;
  } catch {
    return null;
  }
}

type Row = { id: string } & (
  | { kind: 'visits'; item: VisitListItem }
  | { kind: 'cases'; item: CaseListItem }
  | { kind: 'requests'; item: RequestDto }
  | { kind: 'supervision'; item: StationSessionItem }
  | { kind: 'training'; item: TrainingDto }
  | { kind: 'qualified'; item: QualifiedStaffOutput['items'][number] }
);

/** One page of the drill-down's list, as rows (listQualifiedStaff answers one page). */
async function fetchRows(drill: DrillDown, cursor: string | null, limit: number) {
  const paged = drill.kind !== 'qualified';
  const input: Record<string, unknown> = {
    ...drill.input,
    ...(paged ? { limit, ...(cursor ? { cursor } : {}) } : {}),
  };
  const res: Result<{ items: unknown[]; nextCursor?: string | null }> = await callFunction(
    drill.fn,
    drill.action,
    input,
  );
  if (!res.ok) return res;
  const rows = res.data.items.map((item, i): Row => {
    const o = item as Record<string, unknown> & { session?: { id: string } };
    const id =
      drill.kind === 'supervision'
        ? String(o.session?.id ?? i)
        : drill.kind === 'qualified'
          ? String(o.userId ?? i)
          : String(o.id ?? i);
    return { id, kind: drill.kind, item } as Row;
  });
  return {
    ok: true as const,
    data: { items: rows, nextCursor: paged ? (res.data.nextCursor ?? null) : null },
  };
}

/**
 * 记录明细: the records behind one number of 站点月报, i.e. the list action and filters
 * the dashboard function named for it (`?drill=` JSON, `?title=` the figure's words),
 * page by page. Visits and requests open their detail pages. A link that is not one the
 * dashboard makes says so instead of calling anything.
 */
export default function RecordsPage() {
  const { params } = useRouter();
  const drill = useMemo(() => parseDrill(params.drill), [params.drill]);
  const title = params.title ? decoded(params.title) : '记录明细';
  return (
    <PageRoot className="wk hd">
      <View className="wk__header">
        <View className="wk__title" role="heading" aria-level={1}>
          <Text>{title}</Text>
        </View>
      </View>
      {drill ? (
        <RecordList drill={drill} />
      ) : (
        <StateView
          symbol="!"
          role="alert"
          title="这个链接打不开"
          description="请回到站点月报，重新点要查看的数字"
        />
      )}
    </PageRoot>
  );
}

function RecordList({ drill }: { drill: DrillDown }) {
  const fetchPage = useCallback(
    (cursor: string | null, limit: number) => fetchRows(drill, cursor, limit),
    [drill],
  );
  const { state, reload, loadMore } = usePagedPage<Row>(fetchPage, PAGE_SIZE);
  const what = LISTS[drill.kind].what;
  return (
    <View className="hd-records">
      <LoadView
        status={pagedStatus(state)}
        error={state.status === 'error' ? state.error : undefined}
        onRetry={() => void reload()}
        loadingText={`正在加载${what}…`}
        errorTitle={`${what}没有加载出来`}
        empty={{ title: `没有符合条件的${what}`, description: '数字为 0 时这里是空的' }}
        describeError={(error) =>
          // The list refused the figure's filters: 重试 cannot help (a server not yet updated).
          error.code === 'invalid-argument'
            ? {
                symbol: '!',
                title: `这个数字的${what}明细暂时打不开`,
                description: `服务器的列表不接受这个筛选条件（${error.message}），请联系区里的管理员更新；月报上的数字本身是准确的`,
              }
            : null
        }
      />
      {state.status === 'ready' ? state.items.map((r) => <RecordRow key={r.id} row={r} />) : null}
      {state.status === 'ready' ? (
        <ListFooter
          count={state.items.length}
          hasMore={state.nextCursor !== null}
          more={state.more}
          onMore={() => void loadMore()}
        />
      ) : null}
    </View>
  );
}

function RecordRow({ row }: { row: Row }) {
  switch (row.kind) {
    case 'visits': {
      const v = row.item;
      return (
        <View
          className="sgz-card hd-card"
          role="button"
          hoverClass="hd-fig--pressed"
          onClick={() => void Taro.navigateTo({ url: visitDetailUrl(v.id) })}
        >
          <Text className="hd-card__title">
            {formatDay(v.day)} · {v.type} · {v.mode}
          </Text>
          <Text>走访对象：{v.persons.map((p) => p.name).join('、') || '未记录'}</Text>
          <Text className="hd-fig__go">查看详情 ›</Text>
        </View>
      );
    }
    case 'requests':
      return (
        <RequestCard
          request={row.item}
          actionText="查看"
          onOpen={(r) => void Taro.navigateTo({ url: stationRequestUrl(r.id) })}
        />
      );
    case 'cases': {
      const c = row.item;
      return (
        <View className="sgz-card hd-card">
          <Text className="hd-card__title">
            {c.persons.map((p) => p.name).join('、') || '（未记录姓名）'}
          </Text>
          <Text>
            {CASE_STATUS_LABELS[c.status] ?? c.status} · 开案 {formatDay(c.openedAt.slice(0, 10))}
          </Text>
          <Text className="hd-quota__hint">介入记录 {c.noteCount} 条</Text>
        </View>
      );
    }
    case 'supervision': {
      const s = row.item;
      return (
        <View className="sgz-card hd-card">
          <Text className="hd-card__title">
            {formatDay(s.session.day)} · {s.session.hours} 小时
          </Text>
          <Text>
            {s.session.supervisorName ?? '督导'} · {s.session.form}
            {s.session.topics.length ? ` · ${s.session.topics.join('、')}` : ''}
          </Text>
          <Text>本站：{CONFIRMATION_LABELS[s.status] ?? s.status}</Text>
        </View>
      );
    }
    case 'training': {
      const t = row.item;
      return (
        <View className="sgz-card hd-card">
          <Text className="hd-card__title">{t.course}</Text>
          <Text>
            {formatDay(t.startDay)}
            {t.endDay !== t.startDay ? ` 至 ${formatDay(t.endDay)}` : ''} · 计 {t.countedHours} 学时
          </Text>
          <Text>
            {t.organiser} · {TRAINING_STATUS_LABELS[t.status] ?? t.status}
          </Text>
        </View>
      );
    }
    case 'qualified': {
      const q = row.item;
      return (
        <View className="sgz-card hd-card">
          <Text className="hd-card__title">
            {q.name ?? '（未填写姓名）'}
            {q.role === 'station_head' ? '（站长）' : ''}
          </Text>
          <Text>{q.qualified ? `✓ 持证：${q.reason}` : `未持证：${q.reason}`}</Text>
        </View>
      );
    }
  }
}
