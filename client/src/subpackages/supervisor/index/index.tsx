import type { FilesPage, PersonListItem, Result } from '@sgz/shared';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { Button } from '../../../components/Button';
import { PageRoot } from '../../../components/PageRoot';
import { LoadView } from '../../../components/StateView';
import { useLoad } from '../../../hooks/use-load';
import { loadMe } from '../../../hooks/use-staff-station';
import { listPersons } from '../../../services/roster';
import { ROUTES, visitsUrl } from '../../../utils/routes';
import { useStationNames } from '../../../components/supervision/stations';
import { cases } from '../../../services/cases';
import { MyAssignments, MySessions, SessionOutbox } from './Sessions';
import '../../../components/staff-page.scss';
import '../../../components/supervision/sv.scss';

/** Files asked per page. */
const PAGE = 20;

/**
 * 督导工作台: 记录督导 and the sessions recorded (on this phone and sent, each
 * station's answer), the stations assigned, then the files of the assigned
 * stations, masked (oversight view).
 */
export default function SupervisorHomePage() {
  const me = useLoad(
    useCallback(async (): Promise<Result<string[]>> => {
      const res = await loadMe();
      return res.ok ? { ok: true, data: res.data.stationIds } : res;
    }, []),
    { isEmpty: (ids) => ids.length === 0 },
  );
  return (
    <PageRoot className="wk">
      <SessionOutbox />
      <MySessions />
      <MyAssignments />
      <View className="wk__header">
        <Text className="wk__title">所督导社工站的服务对象档案</Text>
        <Text className="sgz-hint">姓名、电话、身份证号均已隐去部分内容。</Text>
      </View>
      <LoadView
        status={me.status}
        error={me.error}
        onRetry={me.retry}
        errorTitle="督导信息没有加载出来"
        empty={{ title: '您还没有被指派督导的社工站', description: '请联系区民政局指派。' }}
      />
      {me.status === 'ready' && me.data ? <StationFiles stationIds={me.data} /> : null}
    </PageRoot>
  );
}

/** The picker (only the assigned stations) and the chosen station's masked list. */
export function StationFiles({ stationIds }: { stationIds: string[] }) {
  const [stationId, setStationId] = useState(stationIds[0]);
  const stationName = useStationNames();
  return (
    <View>
      {stationIds.length > 1 ? (
        <View className="wk__actions">
          {stationIds.map((id) => (
            <Button key={id} type={id === stationId ? 'primary' : 'default'} onClick={() => setStationId(id)}>
              {id === stationId ? `✓ ${stationName(id)}` : stationName(id)}
            </Button>
          ))}
        </View>
      ) : null}
      <View className="wk__actions">
        <Button onClick={() => void Taro.navigateTo({ url: visitsUrl(null, stationId) })}>
          查看走访记录（姓名已遮盖）
        </Button>
        <ApprovalsButton key={stationId} stationId={stationId} />
      </View>
      <PersonList key={stationId} stationId={stationId} />
    </View>
  );
}

function PersonList({ stationId }: { stationId: string }) {
  const loader = useCallback(() => listPersons({ stationId, limit: PAGE }), [stationId]);
  const first = useLoad(loader, { isEmpty: (p: FilesPage<PersonListItem>) => p.items.length === 0 });
  const [more, setMore] = useState<{ items: PersonListItem[]; next: string | null } | null>(null);
  const [busy, setBusy] = useState(false);
  const [moreError, setMoreError] = useState<string | null>(null);
  const items = [...(first.data?.items ?? []), ...(more?.items ?? [])];
  const next = more ? more.next : (first.data?.nextCursor ?? null);
  const loadMore = async () => {
    if (!next) return;
    setBusy(true);
    const res = await listPersons({ stationId, limit: PAGE, cursor: next });
    setBusy(false);
    if (!res.ok) return setMoreError(res.error.message);
    setMoreError(null);
    setMore((m) => ({ items: [...(m?.items ?? []), ...res.data.items], next: res.data.nextCursor }));
  };
  return (
    <View>
      <LoadView
        status={first.status}
        error={first.error}
        onRetry={first.retry}
        loadingText="正在加载档案…"
        errorTitle="档案列表没有加载出来"
        empty={{ title: '这个社工站还没有档案' }}
      />
      {first.status === 'ready' && first.data ? (
        <Text className="sgz-hint">共 {first.data.total} 份档案</Text>
      ) : null}
      {items.map((p) => (
        <View key={p.id} className="sgz-card wk__item">
          <Text className="wk__item-title">
            {p.nameMasked}
            {p.sex ? ` · ${p.sex}` : ''}
            {p.age !== null ? ` · ${p.age} 岁` : ''}
          </Text>
          <Text>
            风险：{p.risk} · 状态：{p.status}
            {p.community ? ` · ${p.community}` : ''}
          </Text>
          {p.categories.length > 0 ? <Text>类别：{p.categories.join('、')}</Text> : null}
          <Text className="sgz-hint">
            上次探访：{p.lastVisitDay ?? '无'}
            {p.daysOverdue > 0 ? ` · ⚠ 已逾期 ${p.daysOverdue} 天` : ''}
          </Text>
        </View>
      ))}
      {next ? (
        <View className="wk__actions">
          <Button block loading={busy} onClick={() => void loadMore()}>
            加载更多
          </Button>
        </View>
      ) : null}
      {moreError ? <Text className="sgz-hint">✕ {moreError}（点“加载更多”重试）</Text> : null}
    </View>
  );
}

/** 个案待审批 of one station: the plans and closures of the cases the supervisor is assigned to. */
function ApprovalsButton({ stationId }: { stationId: string }) {
  const loader = useCallback(() => cases.listPendingApprovals({ stationId, limit: PAGE }), [stationId]);
  const pending = useLoad(loader);
  const n = pending.data ? (pending.data.nextCursor ? `${PAGE}+` : String(pending.data.items.length)) : null;
  return (
    <Button
      onClick={() =>
        void Taro.navigateTo({ url: `${ROUTES.caseApprovals}?stationId=${encodeURIComponent(stationId)}` })
      }
    >
      {n && n !== '0' ? `个案待审批（${n} 个）` : '个案待审批'}
    </Button>
  );
}
