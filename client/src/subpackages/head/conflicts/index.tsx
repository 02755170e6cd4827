import { maskName, type VisitConflictDto, type VisitListItem } from '@sgz/shared';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback, useMemo, useState } from 'react';
import { Button } from '../../../components/Button';
import { ListFooter } from '../../../components/ListFooter';
import { StaffStationPage } from '../../../components/StaffStationPage';
import { LoadView } from '../../../components/StateView';
import { pagedStatus } from '../../../hooks/use-paged-list';
import { useLoad } from '../../../hooks/use-load';
import { usePagedPage } from '../../../hooks/use-paged-page';
import { listStaff } from '../../../services/accounts';
import { listVisitConflicts, resolveVisitConflict } from '../../../services/visits';
import { formatDay, formatWhen } from '../../../utils/request-format';
import '../../../components/staff-page.scss';
import './index.scss';

/** Conflicts per page. */
export const CONFLICTS_PAGE = 10;

type Keep = 'phone' | 'server';
const KEEP_LABELS: Record<Keep, string> = { phone: '手机上的版本', server: '服务器上的版本' };

/**
 * 走访记录冲突核对 (station head): records a phone sent that differ from what the server
 * already had (an edit of an older version, or another content under the same version).
 * Both versions were kept; the head sees them side by side and keeps one.
 */
export default function HeadConflictsPage() {
  return (
    <StaffStationPage title="待核对的走访记录" errorTitle="冲突记录没有加载出来">
      {(stationId) => <ConflictList stationId={stationId} />}
    </StaffStationPage>
  );
}

type Feedback = { kind: 'ok' | 'error'; text: string } | null;

function ConflictList({ stationId }: { stationId: string }) {
  const fetchPage = useCallback(
    (cursor: string | null, limit: number) => listVisitConflicts({ stationId, cursor, limit }),
    [stationId],
  );
  const { state, reload, loadMore } = usePagedPage(fetchPage, CONFLICTS_PAGE);
  const [busy, setBusy] = useState<string | null>(null);
  const [feedback, setFeedback] = useState<Feedback>(null);
  // Who submitted: the station's staff by user id (the id itself while the list is not there).
  const staffLoader = useCallback(() => listStaff({ stationId, limit: 100 }), [stationId]);
  const staff = useLoad(staffLoader);
  const staffNames = useMemo(
    () => new Map((staff.data?.items ?? []).map((m) => [m.userId, m.name ?? m.roleLabel])),
    [staff.data],
  );

  const resolve = async (c: VisitConflictDto, keep: Keep) => {
    const other: Keep = keep === 'phone' ? 'server' : 'phone';
    const answer = await Taro.showModal({
      title: `保留${KEEP_LABELS[keep]}`,
      content: `保留后，这条走访记录以${KEEP_LABELS[keep]}为准，${KEEP_LABELS[other]}不再使用。确定吗？`,
      confirmText: '确定保留',
      cancelText: '再看看',
    });
    if (!answer.confirm) return;
    setBusy(c.id);
    setFeedback(null);
    const res = await resolveVisitConflict({ conflictId: c.id, keep });
    setBusy(null);
    if (res.ok) {
      setFeedback({ kind: 'ok', text: `已保留${KEEP_LABELS[keep]}（第 ${res.data.version} 版）` });
      void reload({ quiet: true });
    } else if (res.error.code === 'failed-precondition') {
      // Someone resolved it meanwhile: say so and show the list as it is now.
      setFeedback({ kind: 'error', text: res.error.message });
      void reload({ quiet: true });
    } else {
      setFeedback({ kind: 'error', text: `没有保存成功：${res.error.message}` });
    }
  };

  return (
    <View>
      <Text className="sgz-hint hc__intro">
        同一条走访记录，手机上的版本与服务器上的不一致，两份都已保留。请核对后选择保留哪一份。
      </Text>
      {feedback ? (
        <View
          className={`sgz-notice hc__feedback${feedback.kind === 'ok' ? ' sgz-notice--ok' : ''}`}
          role={feedback.kind === 'ok' ? 'status' : 'alert'}
        >
          <Text>
            {feedback.kind === 'ok' ? '✓ ' : '! '}
            {feedback.text}
          </Text>
        </View>
      ) : null}
      <LoadView
        status={pagedStatus(state)}
        error={state.status === 'error' ? state.error : undefined}
        onRetry={() => void reload()}
        loadingText="正在加载待核对的记录…"
        errorTitle="冲突记录没有加载出来"
        empty={{ symbol: '✓', title: '没有待核对的冲突' }}
      />
      {state.status === 'ready' ? (
        <View>
          {state.items.map((c) => (
            <ConflictCard
              key={c.id}
              conflict={c}
              submitter={staffNames.get(c.submittedBy) ?? c.submittedBy}
              busy={busy !== null}
              onKeep={(keep) => void resolve(c, keep)}
            />
          ))}
          <ListFooter
            count={state.items.length}
            hasMore={state.nextCursor !== null}
            more={state.more}
            onMore={() => void loadMore()}
          />
        </View>
      ) : null}
    </View>
  );
}

/** One side's lines, in the same order on both sides: the record's (compared) and how it came. */
interface SideLines {
  title: string;
  /** `key` is what is compared (the person ids for 走访对象: two masked names may read alike). */
  compared: [label: string, value: string, key: string][];
  meta: [label: string, value: string][];
}

const persons = (v: VisitListItem): string =>
  v.persons.length === 0 ? '—' : v.persons.map((p) => maskName(p.name) ?? '*').join('、');

/** The rows compared side by side (names masked). */
function rowsOf(v: VisitListItem): [string, string, string][] {
  const row = (label: string, value: string, key = value): [string, string, string] => [label, value, key];
  return [
    row('类型', `${v.type} · ${v.mode}`),
    row('走访日期', formatDay(v.day)),
    row('走访对象', persons(v), v.persons.map((p) => p.id).join(',')),
    row('风险等级', v.risk ?? '未评估'),
    row('照片', `${v.photoCount} 张`),
    row('后续跟进', `${v.followUpCount} 项`),
  ];
}

function phoneSide(c: VisitConflictDto, submitter: string): SideLines {
  return {
    title: `手机上的版本（第 ${c.phoneVersion} 版）`,
    compared: rowsOf(c.phone),
    meta: [
      ['修改自', c.baseVersion === null ? '新记录' : `第 ${c.baseVersion} 版`],
      ['提交人', submitter],
      ['提交时间', formatWhen(c.at)],
    ],
  };
}

function serverSide(c: VisitConflictDto): SideLines | null {
  if (!c.server) return null;
  return {
    title: `服务器上的版本（第 ${c.serverVersion} 版）`,
    compared: rowsOf(c.server),
    meta: [['收到时间', formatWhen(c.server.receivedAt)]],
  };
}

function ConflictCard(props: {
  conflict: VisitConflictDto;
  submitter: string;
  busy: boolean;
  onKeep: (keep: Keep) => void;
}) {
  const c = props.conflict;
  const phone = phoneSide(c, props.submitter);
  const server = serverSide(c);
  const open = c.status === 'open';
  return (
    <View className="sgz-card hc-card" role="group" aria-label={`走访记录 ${c.visitId} 的冲突`}>
      <Text className="hc-card__title">
        走访记录（{formatDay(c.phone.day)}，{persons(c.phone)}）
      </Text>
      {open ? null : <Text className="sgz-hint">✓ 已处理</Text>}
      <View className="hc-card__sides">
        <Side side={phone} other={server} />
        {server ? (
          <Side side={server} other={phone} />
        ) : (
          <View className="hc-side">
            <Text className="hc-side__title">服务器上的版本（第 {c.serverVersion} 版）</Text>
            <Text className="sgz-hint">服务器上的版本没有读出来</Text>
          </View>
        )}
      </View>
      <Text className="sgz-hint">标有“≠”的项目两份不一样。</Text>
      {open ? (
        <View className="hc-card__actions">
          <Button type="primary" disabled={props.busy} onClick={() => props.onKeep('phone')}>
            保留手机上的版本
          </Button>
          <Button disabled={props.busy || !server} onClick={() => props.onKeep('server')}>
            保留服务器上的版本
          </Button>
        </View>
      ) : null}
    </View>
  );
}

function Side({ side, other }: { side: SideLines; other: SideLines | null }) {
  return (
    <View className="hc-side" role="group" aria-label={side.title}>
      <Text className="hc-side__title">{side.title}</Text>
      {side.compared.map(([label, value, key], i) => {
        const differs = other !== null && other.compared[i]?.[2] !== key;
        return (
          <View key={label} className={`hc-side__row${differs ? ' hc-side__row--differs' : ''}`}>
            <Text className="hc-side__label">
              {differs ? '≠ ' : ''}
              {label}
            </Text>
            <Text className="hc-side__value">{value}</Text>
          </View>
        );
      })}
      {side.meta.map(([label, value]) => (
        <View key={label} className="hc-side__row">
          <Text className="hc-side__label">{label}</Text>
          <Text className="hc-side__value">{value}</Text>
        </View>
      ))}
    </View>
  );
}
