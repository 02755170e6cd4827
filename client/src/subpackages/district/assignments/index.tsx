import {
  beijingDay,
  SUPERVISOR_KIND_LABELS,
  SUPERVISOR_KINDS,
  type AssignmentDto,
  type SupervisorKind,
} from '@sgz/shared';
import { Text, View } from '@tarojs/components';
import { useCallback, useMemo, useState, type ReactNode } from 'react';
import { Button } from '../../../components/Button';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { FieldError } from '../../../components/FieldError';
import { PageRoot } from '../../../components/PageRoot';
import { LoadView } from '../../../components/StateView';
import { Line } from '../../../components/supervision/inputs';
import { useLeaveGuard } from '../../../hooks/use-leave-guard';
import { useLoad } from '../../../hooks/use-load';
import { listStaff } from '../../../services/accounts';
import { listAllStations } from '../../../services/stations';
import { supervision } from '../../../services/supervision';
import { Chips } from '../../worker/Chips';
import '../../../components/staff-page.scss';
import '../../../components/supervision/sv.scss';

/**
 * The stations (id → name, in the list's order) and the supervisors. The accounts
 * function lists staff per station only (a supervisor under each station of the
 * invite), so the supervisors are gathered from every station's list.
 */
async function loadChoices() {
  const stations = await listAllStations();
  if (!stations.ok) return stations;
  const names: [string, string][] = [];
  for (const g of stations.data.groups) for (const s of g.items) names.push([s.id, `${s.unitName}社工站`]);
  const lists = await Promise.all(names.map(([stationId]) => listStaff({ stationId, limit: 100 })));
  const supervisors = new Map<string, string>();
  for (const res of lists) {
    if (!res.ok) return res;
    for (const s of res.data.items)
      if (s.role === 'supervisor' && s.active) supervisors.set(s.userId, s.name ?? '未填写姓名');
  }
  return { ok: true as const, data: { stations: names, supervisors: [...supervisors] } };
}

/**
 * 督导分配 (district admin, issue 12): which supervisor looks after which
 * station, for which period. A supervisor may record sessions only for the
 * stations assigned on the day (the `assigned` scope). Pick a station: its
 * current assignments (结束 sets the last day), and a new one below.
 */
export default function AssignmentsPage() {
  const loader = useCallback(loadChoices, []);
  const choices = useLoad(loader, { isEmpty: (d) => d.stations.length === 0 });
  return (
    <PageRoot className="wk">
      <View className="wk__header">
        <Text className="wk__title">督导分配</Text>
        <Text className="sgz-hint">{'\n'}督导只能为当天在分配期内的社工站记录督导。</Text>
      </View>
      <LoadView
        status={choices.status}
        error={choices.error}
        onRetry={choices.retry}
        loadingText="正在加载社工站和督导名单…"
        errorTitle="督导分配没有加载出来"
        empty={{ title: '还没有社工站' }}
      />
      {choices.status === 'ready' && choices.data ? (
        <Assignments stations={choices.data.stations} supervisors={choices.data.supervisors} />
      ) : null}
    </PageRoot>
  );
}

function Section(props: { title: string; name: string; error?: string; hint?: string; children: ReactNode }) {
  return (
    <View className={`pf-field pf-field--${props.name}`}>
      <Text className="pf-field__label">{props.title}</Text>
      {props.hint ? <Text className="sgz-hint">{props.hint}</Text> : null}
      {props.children}
      <FieldError message={props.error} />
    </View>
  );
}

type Feedback = { kind: 'ok' | 'error'; text: string } | null;

/** The chosen station's assignments and the new-assignment form (exported for tests). */
export function Assignments({
  stations,
  supervisors,
  today = beijingDay(new Date()),
}: {
  stations: [string, string][];
  supervisors: [string, string][];
  today?: string;
}) {
  const stationNames = useMemo(() => new Map(stations), [stations]);
  const supervisorNames = useMemo(() => new Map(supervisors), [supervisors]);
  const [stationId, setStationId] = useState<string>(stations[0]![0]);
  const [includeEnded, setIncludeEnded] = useState(false);
  const listLoader = useCallback(
    () => supervision.listAssignments({ stationId, includeEnded }),
    [stationId, includeEnded],
  );
  const list = useLoad(listLoader, { isEmpty: (d) => d.items.length === 0 });
  const [feedback, setFeedback] = useState<Feedback>(null);

  // The new assignment.
  const [supervisorId, setSupervisorId] = useState<string | null>(null);
  const [kind, setKind] = useState<SupervisorKind | null>(null);
  const [from, setFrom] = useState(today);
  const [to, setTo] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const dirty = supervisorId !== null || kind !== null || to !== '' || from !== today;
  useLeaveGuard(dirty, '新的督导分配还没有保存，离开后就没有了。');

  // Ending one.
  const [ending, setEnding] = useState<AssignmentDto | null>(null);
  const [endDay, setEndDay] = useState(today);
  const [endError, setEndError] = useState<string | null>(null);

  const assign = async () => {
    const found: Record<string, string> = {};
    if (!supervisorId) found.supervisorId = '请选择督导';
    if (!kind) found.kind = '请选择督导类别';
    if (!/^\d{4}-\d{2}-\d{2}$/.test(from.trim())) found.from = '请按“2026-03-05”的格式填写开始日期';
    if (to.trim() && !/^\d{4}-\d{2}-\d{2}$/.test(to.trim()))
      found.to = '请按“2026-12-31”的格式填写结束日期，或不填';
    setErrors(found);
    if (Object.keys(found).length > 0 || !supervisorId || !kind) return;
    setBusy(true);
    setFeedback(null);
    const res = await supervision.assignSupervisor({
      supervisorId,
      stationId,
      kind,
      from: from.trim(),
      to: to.trim() || null,
    });
    setBusy(false);
    if (!res.ok) {
      const field = (res.error.details as { field?: unknown } | undefined)?.field;
      if (res.error.code === 'invalid-argument' && typeof field === 'string')
        setErrors({ [field.split('.')[0]!]: res.error.message });
      else setFeedback({ kind: 'error', text: `没有保存成功：${res.error.message}` });
      return;
    }
    setSupervisorId(null);
    setKind(null);
    setFrom(today);
    setTo('');
    setFeedback({
      kind: 'ok',
      text: `已安排${supervisorNames.get(res.data.assignment.supervisorId) ?? '督导'}督导${stationNames.get(stationId) ?? stationId}`,
    });
    void list.reload();
  };

  const end = async () => {
    if (!ending) return;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(endDay.trim())) return setEndError('请按“2026-12-31”的格式填写最后一天');
    setBusy(true);
    const res = await supervision.endAssignment({ assignmentId: ending.id, to: endDay.trim() });
    setBusy(false);
    if (!res.ok && res.error.code === 'invalid-argument') return setEndError(res.error.message);
    setEnding(null);
    setFeedback(
      res.ok
        ? { kind: 'ok', text: `已结束这项督导安排（最后一天 ${res.data.assignment.to ?? endDay}）` }
        : { kind: 'error', text: `没有保存成功：${res.error.message}` },
    );
    void list.reload();
  };

  return (
    <View>
      <View className="pf-form">
        <Chips
          label="社工站"
          options={stations.map(([id]) => id)}
          value={stationId}
          labelOf={(id) => stationNames.get(id) ?? id}
          onChange={(id) => id && setStationId(id)}
        />
      </View>
      {feedback ? (
        <View
          className={`sgz-notice${feedback.kind === 'ok' ? ' sgz-notice--ok' : ''}`}
          role={feedback.kind === 'ok' ? 'status' : 'alert'}
        >
          <Text>
            {feedback.kind === 'ok' ? '✓ ' : '! '}
            {feedback.text}
          </Text>
        </View>
      ) : null}
      <View className="wk__header">
        <Text className="wk__title">{stationNames.get(stationId)}的督导</Text>
      </View>
      <View className="pf-form">
        <Chips
          label="显示"
          options={['all'] as const}
          value={includeEnded ? 'all' : null}
          anyLabel="当前有效"
          labelOf={() => '含已结束'}
          onChange={(v) => setIncludeEnded(v === 'all')}
        />
      </View>
      <LoadView
        status={list.status}
        error={list.error}
        onRetry={list.retry}
        loadingText="正在加载督导安排…"
        errorTitle="督导安排没有加载出来"
        empty={{
          title: includeEnded ? '这个社工站还没有督导安排' : '这个社工站当前没有督导',
          description: '在下面安排一位督导。',
        }}
      />
      {list.data && list.data.items.length > 0 ? (
        <View className="sv-list">
          {list.data.items.map((a) => (
            <View key={a.id} className="sgz-card sv-card">
              <Text className="wk__item-title">
                {a.supervisorName ?? supervisorNames.get(a.supervisorId) ?? '督导'}
              </Text>
              <Text>
                {SUPERVISOR_KIND_LABELS[a.kind]} · {a.from} 起{a.to ? `，至 ${a.to}` : '，未定结束日期'}
              </Text>
              <Text className={`sv-status${a.active ? ' sv-status--confirmed' : ''}`}>
                {a.active ? '✓ 当前有效' : '— 不在有效期内'}
              </Text>
              {a.active ? (
                <Button
                  disabled={busy}
                  onClick={() => {
                    setEndDay(today);
                    setEndError(null);
                    setEnding(a);
                  }}
                >
                  结束安排…
                </Button>
              ) : null}
            </View>
          ))}
        </View>
      ) : null}

      <View className="wk__header">
        <Text className="wk__title">安排督导</Text>
      </View>
      <View className="pf-form">
        <Section title="督导" name="supervisorId" error={errors.supervisorId}>
          {supervisors.length === 0 ? (
            <Text className="sgz-hint">还没有督导账号：请先邀请督导注册。</Text>
          ) : (
            <Chips
              label="督导"
              options={supervisors.map(([id]) => id)}
              value={supervisorId}
              labelOf={(id) => supervisorNames.get(id) ?? id}
              onChange={(id) => setSupervisorId(id)}
            />
          )}
        </Section>
        <Section title="督导类别" name="kind" error={errors.kind}>
          <Chips
            label="督导类别"
            options={SUPERVISOR_KINDS}
            value={kind}
            labelOf={(k) => SUPERVISOR_KIND_LABELS[k]}
            onChange={(k) => setKind(k)}
          />
        </Section>
        <Section title="开始日期" name="from" error={errors.from} hint="例如 2026-03-05">
          <Line label="开始日期" value={from} maxlength={10} onChange={setFrom} />
        </Section>
        <Section title="结束日期（选填）" name="to" error={errors.to} hint="不填表示长期有效，结束时再设">
          <Line label="结束日期" value={to} maxlength={10} placeholder="不填表示长期有效" onChange={setTo} />
        </Section>
        <Button type="primary" block loading={busy} onClick={() => void assign()}>
          保存督导安排
        </Button>
      </View>

      <ConfirmDialog
        open={ending !== null}
        title="结束这项督导安排吗？"
        lines={['最后一天之后，这位督导不能再为本站记录督导；已记录的不受影响。']}
        confirmText="结束安排"
        cancelText="先不结束"
        tone="danger"
        busy={busy}
        onConfirm={() => void end()}
        onCancel={() => setEnding(null)}
      >
        <View>
          <Line
            label="最后一天"
            value={endDay}
            maxlength={10}
            onChange={(v) => (setEndDay(v), setEndError(null))}
          />
          <FieldError message={endError ?? undefined} />
        </View>
      </ConfirmDialog>
    </View>
  );
}
