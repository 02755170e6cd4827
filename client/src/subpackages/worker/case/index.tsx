import {
  ATTACHMENT_KINDS,
  caseUploadDir,
  CASE_EVENT_LABELS,
  CASE_SOURCE_LABELS,
  CASE_STAGE_LABELS,
  CASE_STATUS_LABELS,
  CASE_LIMITS,
  CASE_TRANSITIONS,
  CASE_WAITING_LABELS,
  REFERRAL_KINDS,
  editableStageOf,
  type ApprovalAction,
  type AttachmentKind,
  type CaseDetail,
  type CaseNoteDto,
  type RecordStage,
  type ReferralKind,
  type WorkerCaseAction,
} from '@sgz/shared';
import { Input, Text, Textarea, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { useCallback, useMemo, useRef, useState, type ReactNode } from 'react';
import { Button } from '../../../components/Button';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { FieldError } from '../../../components/FieldError';
import { PageRoot } from '../../../components/PageRoot';
import { LoadView } from '../../../components/StateView';
import { useLoad } from '../../../hooks/use-load';
import { listStaff } from '../../../services/accounts';
import { listAllStations } from '../../../services/stations';
import { supervision } from '../../../services/supervision';
import { appOutbox } from '../../../services/app-outbox';
import { cases, CASE_NOTE_KIND, type CaseNoteRecord } from '../../../services/cases';
import { STATUS_LABELS, useOutbox } from '../../../services/outbox';
import { CAN_UPLOAD, uploadFile } from '../../../services/storage';
import { formatWhen } from '../../../utils/request-format';
import { caseNoteUrl, caseStageUrl } from '../../../utils/routes';
import { CheckChips, Chips } from '../Chips';
import { recordLines } from './records';
import { moveSpec, REASON_REQUIRED } from './moves';
import '../../../components/CaseCard.scss';
import '../../../components/staff-page.scss';
import '../person.scss';
import './index.scss';

/** Notes the case page shows (newest first); the rest stay on the server. */
export const NOTES_SHOWN = 20;

/**
 * 个案详情 (issue 11): the case's timeline — its stages and their records, the
 * intervention notes (synced, and those still on this phone), approvals and
 * refusals with who, when and why, transfers — and the moves the caller may
 * make now (from `allowed`, which the server computed), each asked first in the
 * themed dialog; a refusal or a reopening needs a reason. Opening is audited.
 */
export default function CasePage() {
  const id = useRouter().params.id ?? '';
  const loader = useCallback(() => cases.getCase({ caseId: id }), [id]);
  const found = useLoad(loader);
  const { reload } = found;
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) void reload();
    shown.current = true;
  });
  return (
    <PageRoot className="wk">
      <LoadView
        status={found.status}
        error={found.error}
        onRetry={found.retry}
        loadingText="正在打开个案…"
        errorTitle="个案没有打开"
        describeError={(e) =>
          e.code === 'permission-denied' || e.code === 'not-found'
            ? {
                symbol: '?',
                title: '这个个案不存在，或您不是它的社工',
                description: '个案只有负责和协助的社工、站长和指定的督导可以查看',
                actionText: '返回',
                onAction: () => void Taro.navigateBack(),
              }
            : null
        }
      />
      {found.data ? <CaseView c={found.data.case} onChanged={() => void reload()} /> : null}
    </PageRoot>
  );
}

type Pending =
  | { kind: 'move'; action: WorkerCaseAction }
  | { kind: 'approval'; action: ApprovalAction }
  | { kind: 'reopen' }
  | { kind: 'transfer' }
  | { kind: 'supervisor' }
  | { kind: 'assistants' }
  | { kind: 'refer' }
  | { kind: 'followUp' };

/** What the 转介 dialog holds while typed. */
export interface ReferDraft {
  kind: ReferralKind | null;
  stationId: string | null;
  /** The station's name (picked) or the agency's (typed). */
  name: string;
  contact: string;
}
const NO_REFERRAL: ReferDraft = { kind: null, stationId: null, name: '', contact: '' };

/** The dialog's words for the team changes (the lifecycle moves take theirs from moveSpec). */
const TEAM_DIALOG = {
  transfer: {
    title: '把个案转交给另一位社工吗？',
    lines: ['转交后由新的负责社工跟进这个个案，转交记录在个案经过中。'],
    confirmText: '转交',
    done: '已转交',
    reasonLabel: '转交原因（选填）',
  },
  assistants: {
    title: '调整这个个案的协助社工',
    lines: ['协助社工可以查看和记录这个个案；取消勾选即不再协助。'],
    confirmText: '保存协助社工',
    done: '已调整协助社工',
    reasonLabel: '调整原因（选填）',
  },
  refer: {
    title: '把个案转介出去吗？',
    lines: ['转介即以“转介”结案：转介说明作为结案记录，一并提交站长或督导审批，批准后个案结束。'],
    confirmText: '转介',
    done: '已转介，等待审批结案',
    reasonLabel: '转介说明（为什么转介、已做的服务）',
  },
  supervisor: {
    title: '指定这个个案的督导吗？',
    lines: ['指定的督导可以查看这个个案（服务对象姓名隐去），并审批服务计划和结案。'],
    confirmText: '指定督导',
    done: '已指定督导',
    reasonLabel: '调整原因（选填）',
  },
  followUp: {
    title: '记录回访情况',
    lines: ['记录后这次回访完成。'],
    confirmText: '完成回访',
    done: '已记录回访',
    reasonLabel: '回访情况',
  },
} as const;

/** The same ids, in any order. */
const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x) => b.includes(x));

function Card({ title, children, name }: { title: string; children: ReactNode; name: string }) {
  return (
    <View className={`sgz-card cs-card cs-card--${name}`} role="region" aria-label={title}>
      <Text className="sgz-section-title">{title}</Text>
      {children}
    </View>
  );
}

/** The case (exported for tests). */
export function CaseView({ c, onChanged }: { c: CaseDetail; onChanged: () => void }) {
  const [pending, setPending] = useState<Pending | null>(null);
  const [reason, setReason] = useState('');
  const [choice, setChoice] = useState<string | null>(null);
  const [picked, setPicked] = useState<string[]>([]);
  const [referral, setReferral] = useState<ReferDraft>(NO_REFERRAL);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [feedback, setFeedback] = useState<string | null>(null);

  const staffLoader = useCallback(() => listStaff({ stationId: c.stationId, limit: 100 }), [c.stationId]);
  const staff = useLoad(staffLoader);
  const names = useMemo(
    () => new Map((staff.data?.items ?? []).map((s) => [s.userId, s.name ?? s.roleLabel])),
    [staff.data],
  );
  // The supervisors assigned to the station today: only the head may set one, so only the head asks.
  const supLoader = useCallback(
    () =>
      c.allowed.setSupervisor
        ? supervision.listAssignments({ stationId: c.stationId })
        : Promise.resolve({ ok: true as const, data: { items: [] } }),
    [c.allowed.setSupervisor, c.stationId],
  );
  const assignments = useLoad(supLoader);
  const supervisors = useMemo(() => {
    const byId = new Map<string, string>();
    for (const a of assignments.data?.items ?? [])
      if (a.active && !byId.has(a.supervisorId)) byId.set(a.supervisorId, a.supervisorName ?? '督导');
    return byId;
  }, [assignments.data]);
  const who = (userId: string) => names.get(userId) ?? supervisors.get(userId) ?? '本站工作人员';
  const workers = (staff.data?.items ?? []).filter(
    (s) =>
      s.active && s.stationId === c.stationId && (s.role === 'social_worker' || s.role === 'station_head'),
  );

  const editStage = editableStageOf(c.status) as RecordStage | null;
  const canNote = c.allowed.edit && c.status === 'intervention';

  const ask = (p: Pending) => {
    setReason('');
    setPicked(c.assistantIds);
    setReferral(NO_REFERRAL);
    setChoice(p.kind === 'transfer' ? c.leadWorkerId : p.kind === 'supervisor' ? c.supervisorId : null);
    setError(null);
    setFeedback(null);
    setPending(p);
  };

  const spec =
    pending?.kind === 'move' || pending?.kind === 'approval'
      ? moveSpec(pending.action)
      : pending?.kind === 'reopen'
        ? moveSpec('reopen')
        : null;

  const team =
    pending?.kind === 'transfer' ||
    pending?.kind === 'supervisor' ||
    pending?.kind === 'assistants' ||
    pending?.kind === 'refer' ||
    pending?.kind === 'followUp'
      ? pending.kind
      : null;

  const reasonLabel = spec?.reasonLabel ?? (team ? TEAM_DIALOG[team].reasonLabel : null);

  const confirm = async () => {
    if (!pending) return;
    const why = reason.trim();
    if (pending.kind === 'refer') {
      const problem = referProblem(referral);
      if (problem) {
        setError(problem);
        return;
      }
    }
    if ((spec?.reasonLabel || pending.kind === 'followUp' || pending.kind === 'refer') && !why) {
      setError(
        pending.kind === 'followUp'
          ? '请填写回访情况'
          : pending.kind === 'refer'
            ? '请填写转介说明'
            : REASON_REQUIRED,
      );
      return;
    }
    if (pending.kind === 'assistants' && sameSet(picked, c.assistantIds)) {
      setError('协助社工没有变化');
      return;
    }
    if (pending.kind === 'supervisor' && (!choice || choice === c.supervisorId)) {
      setError('请选择一位督导');
      return;
    }
    setBusy(true);
    const base = { caseId: c.id, version: c.version };
    const res =
      pending.kind === 'move'
        ? await cases.advanceCase({ ...base, move: pending.action, reason: why || null })
        : pending.kind === 'approval'
          ? await cases.decideApproval({ ...base, decision: pending.action, reason: why || null })
          : pending.kind === 'reopen'
            ? await cases.reopenCase({ ...base, reason: why })
            : pending.kind === 'transfer'
              ? await cases.updateCaseTeam({
                  ...base,
                  leadWorkerId: choice ?? c.leadWorkerId,
                  reason: why || null,
                })
              : pending.kind === 'refer'
                ? await cases.referCase({
                    ...base,
                    referral: {
                      kind: referral.kind ?? '机构',
                      stationId: referral.kind === '社工站' ? referral.stationId : null,
                      name: referral.name.trim(),
                      contact: referral.contact.trim() || null,
                    },
                    summary: why,
                  })
                : pending.kind === 'assistants'
                  ? await cases.updateCaseTeam({ ...base, assistantIds: picked, reason: why || null })
                  : pending.kind === 'supervisor'
                    ? await cases.updateCaseTeam({ ...base, supervisorId: choice, reason: why || null })
                    : await cases.completeCaseFollowUp({ caseId: c.id, note: why });
    setBusy(false);
    if (!res.ok) {
      setError(res.error.message);
      return;
    }
    setPending(null);
    setFeedback(spec ? `已${spec.confirmText}` : TEAM_DIALOG[pending.kind as keyof typeof TEAM_DIALOG].done);
    onChanged();
  };

  return (
    <View className="cs">
      <View className="sgz-card">
        <View className="pf-card__row">
          <Text className="wk__title">{c.persons.map((p) => p.name).join('、')}</Text>
          <Text className="sgz-case-card__status">{CASE_STATUS_LABELS[c.status]}</Text>
        </View>
        <Text className="sgz-hint">
          来源：{CASE_SOURCE_LABELS[c.source]}
          {c.referredBy ? `（${c.referredBy}）` : ''} · 开案于 {formatWhen(c.openedAt)}
        </Text>
        <Text className="sgz-hint">
          {'\n'}负责社工：{who(c.leadWorkerId)}
          {c.assistantIds.length ? ` · 协助：${c.assistantIds.map(who).join('、')}` : ''}
          {c.supervisorId ? ` · 督导：${who(c.supervisorId)}` : ''}
        </Text>
        {c.view === 'supervisor' ? (
          <Text className="sgz-hint">{'\n'}督导视图：服务对象姓名已隐去</Text>
        ) : null}
        {c.waiting.map((w) => (
          <Text key={w} className="sgz-case-card__waiting">
            {'\n'}⚠ {CASE_WAITING_LABELS[w]}
          </Text>
        ))}
      </View>

      {c.refusal ? (
        <View className="sgz-notice cs-refusal" role="alert">
          <Text>
            ⚠ {c.refusal.action === 'refusePlan' ? '服务计划' : '结案'}被 {who(c.refusal.by)} 退回（
            {formatWhen(c.refusal.at)}）：{c.refusal.reason}
          </Text>
        </View>
      ) : null}
      {feedback ? (
        <View className="sgz-notice sgz-notice--ok" role="status">
          <Text>✓ {feedback}</Text>
        </View>
      ) : null}

      <Actions
        c={c}
        editStage={editStage}
        canNote={canNote}
        onAsk={ask}
        hasWorkers={workers.length > 1}
        hasSupervisors={supervisors.size > 0}
      />

      <StageRecords c={c} />
      <Notes c={c} canNote={canNote} />
      <Attachments c={c} onAdded={onChanged} />
      <Timeline c={c} who={who} />

      <ConfirmDialog
        open={pending !== null}
        title={spec?.title ?? (team ? TEAM_DIALOG[team].title : '')}
        lines={spec?.lines ?? (team ? [...TEAM_DIALOG[team].lines] : [])}
        confirmText={spec?.confirmText ?? (team ? TEAM_DIALOG[team].confirmText : '确定')}
        cancelText="先不"
        tone={spec?.tone ?? 'primary'}
        busy={busy}
        onConfirm={() => void confirm()}
        onCancel={() => setPending(null)}
      >
        {pending?.kind === 'transfer' ? (
          <Chips
            label="新的负责社工"
            options={workers.map((w) => w.userId)}
            value={choice}
            labelOf={who}
            onChange={setChoice}
          />
        ) : null}
        {pending?.kind === 'refer' ? (
          <ReferFields
            ownStationId={c.stationId}
            value={referral}
            onChange={(v) => {
              setReferral(v);
              setError(null);
            }}
          />
        ) : null}
        {pending?.kind === 'assistants' ? (
          <CheckChips
            label="协助社工"
            options={workers.map((w) => w.userId).filter((id) => id !== c.leadWorkerId)}
            value={picked}
            labelOf={who}
            onChange={(v) => {
              setPicked(v);
              setError(null);
            }}
          />
        ) : null}
        {pending?.kind === 'supervisor' ? (
          <Chips
            label="督导（本站今天的督导安排）"
            options={[...supervisors.keys()]}
            value={choice}
            labelOf={(id) => supervisors.get(id) ?? '督导'}
            onChange={(v) => {
              setChoice(v);
              setError(null);
            }}
          />
        ) : null}
        {reasonLabel ? (
          <Textarea
            className="sgz-textarea cs-reason"
            value={reason}
            aria-label={reasonLabel}
            nativeProps={{ 'aria-label': reasonLabel }}
            placeholder={`请填写${reasonLabel}`}
            maxlength={500}
            onInput={(e) => {
              setReason(e.detail.value);
              setError(null);
            }}
          />
        ) : null}
        <FieldError message={error ?? undefined} />
      </ConfirmDialog>
    </View>
  );
}

/** The buttons of what the caller may do now. */
function Actions({
  c,
  editStage,
  canNote,
  hasWorkers,
  hasSupervisors,
  onAsk,
}: {
  c: CaseDetail;
  editStage: RecordStage | null;
  canNote: boolean;
  hasWorkers: boolean;
  hasSupervisors: boolean;
  onAsk: (p: Pending) => void;
}) {
  const a = c.allowed;
  const followUpDue = c.status === 'closed' && c.followUpDay && !c.followUpDone && a.edit;
  const canRefer = canReferNow(c);
  const any =
    (a.edit && editStage) ||
    canNote ||
    a.moves.length ||
    a.approvals.length ||
    a.reopen ||
    (a.transfer && hasWorkers) ||
    (a.setSupervisor && hasSupervisors) ||
    canRefer ||
    followUpDue;
  if (!any) return null;
  return (
    <View className="sgz-card cs-actions" role="region" aria-label="可以进行的操作">
      <Text className="sgz-section-title">现在可以</Text>
      {a.edit && editStage ? (
        <Button
          type="primary"
          block
          onClick={() => void Taro.navigateTo({ url: caseStageUrl(c.id, editStage) })}
        >
          填写{CASE_STAGE_LABELS[editStage]}记录
        </Button>
      ) : null}
      {canNote ? (
        <Button
          type="primary"
          block
          onClick={() => void Taro.navigateTo({ url: caseNoteUrl({ caseId: c.id }) })}
        >
          写介入记录
        </Button>
      ) : null}
      {a.approvals.map((action) => (
        <Button key={action} block onClick={() => onAsk({ kind: 'approval', action })}>
          {moveSpec(action).confirmText}
        </Button>
      ))}
      {a.moves.map((action) => (
        <Button key={action} block onClick={() => onAsk({ kind: 'move', action })}>
          {moveSpec(action).confirmText}
        </Button>
      ))}
      {followUpDue ? (
        <Button block onClick={() => onAsk({ kind: 'followUp' })}>
          记录回访（{c.followUpDay}）
        </Button>
      ) : null}
      {a.reopen ? (
        <Button block onClick={() => onAsk({ kind: 'reopen' })}>
          重新开案
        </Button>
      ) : null}
      {a.transfer && hasWorkers ? (
        <Button block onClick={() => onAsk({ kind: 'transfer' })}>
          转交给其他社工
        </Button>
      ) : null}
      {canRefer ? (
        <Button block onClick={() => onAsk({ kind: 'refer' })}>
          转介（转到其他社工站或机构）
        </Button>
      ) : null}
      {a.transfer && hasWorkers ? (
        <Button block onClick={() => onAsk({ kind: 'assistants' })}>
          {c.assistantIds.length ? '调整协助社工' : '添加协助社工'}
        </Button>
      ) : null}
      {a.setSupervisor && hasSupervisors ? (
        <Button block onClick={() => onAsk({ kind: 'supervisor' })}>
          {c.supervisorId ? '更换督导' : '指定督导'}
        </Button>
      ) : null}
    </View>
  );
}

/**
 * Whether the case's workers may refer it out now: as referCase allows — from the
 * stages a closure may start from, or at 结案 itself (the server decides in the end).
 */
export function canReferNow(c: Pick<CaseDetail, 'status' | 'allowed'>): boolean {
  return c.allowed.edit && (c.status === 'closure' || CASE_TRANSITIONS.startClosure.from.includes(c.status));
}

/** What is still missing in the 转介 destination, in words (null: complete). */
export function referProblem(r: ReferDraft): string | null {
  if (!r.kind) return '请选择转介到社工站还是机构';
  if (r.kind === '社工站' && !r.stationId) return '请选择转介到哪一个社工站';
  if (r.kind === '机构' && !r.name.trim()) return '请填写转介机构的名称';
  return null;
}

/** The 转介 destination: another station (picked from the district's list, not one's own) or an agency (typed). */
function ReferFields({
  ownStationId,
  value,
  onChange,
}: {
  ownStationId: string;
  value: ReferDraft;
  onChange: (v: ReferDraft) => void;
}) {
  const wantsStations = value.kind === '社工站';
  const loader = useCallback(
    () =>
      wantsStations
        ? listAllStations()
        : Promise.resolve({ ok: true as const, data: { groups: [], total: 0 } }),
    [wantsStations],
  );
  const found = useLoad(loader);
  const others = (found.data?.groups ?? []).flatMap((g) => g.items).filter((st) => st.id !== ownStationId);
  const nameOf = new Map(others.map((st) => [st.id as string, st.officialName]));
  return (
    <View>
      <Chips
        label="转介到"
        options={REFERRAL_KINDS}
        value={value.kind}
        onChange={(kind) => onChange({ ...NO_REFERRAL, kind, contact: value.contact })}
      />
      {wantsStations ? (
        <>
          <LoadView
            compact
            status={found.status}
            error={found.error}
            onRetry={found.retry}
            loadingText="正在加载社工站…"
            errorTitle="社工站列表没有加载出来"
          />
          {found.status === 'ready' ? (
            <Chips
              label="转介的社工站"
              options={others.map((st) => st.id as string)}
              value={value.stationId}
              labelOf={(id) => nameOf.get(id) ?? id}
              onChange={(stationId) =>
                onChange({ ...value, stationId, name: (stationId && nameOf.get(stationId)) ?? '' })
              }
            />
          ) : null}
        </>
      ) : null}
      {value.kind === '机构' ? (
        <View className="sgz-input">
          <Input
            value={value.name}
            placeholder="如：区精神卫生中心、某某律师事务所"
            aria-label="转介机构名称"
            nativeProps={{ 'aria-label': '转介机构名称' }}
            maxlength={CASE_LIMITS.shortChars}
            onInput={(e) => onChange({ ...value, name: e.detail.value })}
          />
        </View>
      ) : null}
      {value.kind ? (
        <View className="sgz-input">
          <Input
            value={value.contact}
            placeholder="联系人或电话（选填）"
            aria-label="转介去向联系方式（选填）"
            nativeProps={{ 'aria-label': '转介去向联系方式（选填）' }}
            maxlength={CASE_LIMITS.shortChars}
            onInput={(e) => onChange({ ...value, contact: e.detail.value })}
          />
        </View>
      ) : null}
    </View>
  );
}

/** Every stage record there is, in the standard's order. */
function StageRecords({ c }: { c: CaseDetail }) {
  const stages: RecordStage[] = ['intake', 'assessment', 'plan', 'evaluation', 'closure'];
  const shown = stages.filter((s) => c.records[s] !== null);
  return (
    <Card title="各阶段记录" name="records">
      {shown.length === 0 ? <Text className="sgz-hint">还没有阶段记录</Text> : null}
      {shown.map((s) => (
        <View key={s} className="cs-record">
          <Text className="cs-record__title">{CASE_STAGE_LABELS[s]}</Text>
          {recordLines(c, s).map((line, i) => (
            <Text key={i} className="cs-record__line">
              {line}
            </Text>
          ))}
        </View>
      ))}
      {c.completedYear ? <Text className="sgz-hint">✓ 计入 {c.completedYear} 年完成的专业个案</Text> : null}
    </Card>
  );
}

/** The notes of the case: those still on this phone first, then the synced ones. */
function Notes({ c, canNote }: { c: CaseDetail; canNote: boolean }) {
  const outbox = useOutbox(appOutbox);
  const local = outbox.items.filter(
    (i) =>
      i.kind === CASE_NOTE_KIND && (i.payload as CaseNoteRecord).caseId === c.id && i.status !== 'synced',
  );
  const loader = useCallback(() => cases.listCaseNotes({ caseId: c.id, limit: NOTES_SHOWN }), [c.id]);
  const notes = useLoad(loader, { isEmpty: (p) => p.items.length === 0 });
  const { reload } = notes;
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) void reload();
    shown.current = true;
  });
  return (
    <Card title={`介入记录（${c.noteCount} 次）`} name="notes">
      {local.map((i) => {
        const n = i.payload as CaseNoteRecord;
        return (
          <View
            key={i.id}
            className="cs-note cs-note--local"
            role="button"
            onClick={() => void Taro.navigateTo({ url: caseNoteUrl({ id: i.id }) })}
          >
            <Text className="cs-note__head">
              {n.day} · {n.mode} · {n.minutes} 分钟 · {STATUS_LABELS[i.status]}（在本机）
            </Text>
            <Text>{n.done}</Text>
          </View>
        );
      })}
      <LoadView
        compact
        status={notes.status}
        error={notes.error}
        onRetry={notes.retry}
        loadingText="正在加载介入记录…"
        errorTitle="介入记录没有加载出来"
        empty={
          local.length
            ? undefined
            : { title: canNote ? '还没有介入记录，点“写介入记录”添加' : '还没有介入记录' }
        }
      />
      {notes.status === 'ready' && notes.data
        ? notes.data.items.map((n) => <NoteRow key={n.id} n={n} />)
        : null}
    </Card>
  );
}

function NoteRow({ n }: { n: CaseNoteDto }) {
  return (
    <View className="cs-note">
      <Text className="cs-note__head">
        {n.day} · {n.mode} · {n.minutes} 分钟
      </Text>
      <Text>{n.done}</Text>
      {n.progress ? <Text className="sgz-hint">{`\n进展：${n.progress}`}</Text> : null}
      {n.nextStep ? <Text className="sgz-hint">{`\n下一步：${n.nextStep}`}</Text> : null}
      {n.conflictCount > 0 ? (
        <Text className="sgz-hint">{`\n另有 ${n.conflictCount} 个来自其他手机的版本`}</Text>
      ) : null}
    </View>
  );
}

/** A file name the case's folder accepts (isCaseFile): time and random letters, the picked extension. */
export function attachmentName(tempPath: string, now: number, random: () => number): string {
  const ext = /\.([A-Za-z0-9]{1,5})$/.exec(tempPath)?.[1]?.toLowerCase() ?? 'jpg';
  return `${now.toString(36)}-${Math.floor(random() * 36 ** 6).toString(36)}.${ext}`;
}

/**
 * Scanned forms and photos, opened through the short-lived links the server handed out
 * (none for the supervisor's view). The case's workers add one on the phone: picked or
 * taken, uploaded to the case's folder (`cases/<id>/`), then recorded (addCaseAttachment).
 */
function Attachments({ c, onAdded }: { c: CaseDetail; onAdded: () => void }) {
  const [kind, setKind] = useState<AttachmentKind>('知情同意书');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (c.attachments.length === 0 && !c.allowed.edit) return null;
  const openOne = (url: string | null) => {
    if (!url) {
      void Taro.showToast({ title: '附件已不存在', icon: 'none' });
      return;
    }
    void Taro.previewImage({ urls: [url], current: url });
  };
  const add = async () => {
    setError(null);
    let path: string | undefined;
    let size = 0;
    try {
      const picked = await Taro.chooseMedia({ count: 1, mediaType: ['image'], sizeType: ['compressed'] });
      path = picked.tempFiles[0]?.tempFilePath;
      size = picked.tempFiles[0]?.size ?? 0;
    } catch {
      return; // cancelled
    }
    if (!path) return;
    setBusy(true);
    const name = attachmentName(path, Date.now(), Math.random);
    const up = await uploadFile(`${caseUploadDir(c.id)}${name}`, { path, name, size });
    const res = up.ok
      ? await cases.addCaseAttachment({ caseId: c.id, fileId: up.data.fileID, kind, caption: null })
      : up;
    setBusy(false);
    if (!res.ok) setError(res.error.message);
    else onAdded();
  };
  return (
    <Card title="附件" name="attachments">
      {c.attachments.length === 0 ? <Text className="sgz-hint">还没有附件</Text> : null}
      {c.attachments.map((a) => (
        <View key={a.fileId} className="cs-note" role="button" onClick={() => openOne(a.url)}>
          <Text>
            {a.kind}
            {a.caption ? `：${a.caption}` : ''} · {formatWhen(a.addedAt)} ›
          </Text>
        </View>
      ))}
      {c.allowed.edit && CAN_UPLOAD ? (
        <View className="cs-card">
          <Chips label="附件类别" options={ATTACHMENT_KINDS} value={kind} onChange={(k) => k && setKind(k)} />
          <Button block loading={busy} onClick={() => void add()}>
            拍照或选择图片上传
          </Button>
          <FieldError message={error ?? undefined} />
        </View>
      ) : null}
      {c.allowed.edit && !CAN_UPLOAD ? (
        <Text className="sgz-hint">扫描件和照片请在微信小程序中上传</Text>
      ) : null}
    </Card>
  );
}

/** The history: every move and change with who, when and why, newest first. */
function Timeline({ c, who }: { c: CaseDetail; who: (id: string) => string }) {
  const events = [...c.history].reverse();
  return (
    <Card title="个案经过" name="timeline">
      {events.map((e, i) => (
        <View key={`${e.at}-${i}`} className="cs-event">
          <Text className="cs-event__head">
            {formatWhen(e.at)} · {CASE_EVENT_LABELS[e.kind]}
          </Text>
          <Text className="sgz-hint">
            {who(e.by)}
            {e.from && e.from !== e.to ? `：${CASE_STATUS_LABELS[e.from]} → ${CASE_STATUS_LABELS[e.to]}` : ''}
          </Text>
          {e.reason ? <Text className="cs-event__reason">{`\n原因：${e.reason}`}</Text> : null}
        </View>
      ))}
    </Card>
  );
}
