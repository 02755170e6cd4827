import {
  CASE_ACTION_LABELS,
  CASE_PROBLEM_MESSAGES,
  type ApprovalAction,
  type CaseListItem,
} from '@sgz/shared';
import { Text, Textarea, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { Button } from '../../../components/Button';
import { CaseCard } from '../../../components/CaseCard';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { FieldError } from '../../../components/FieldError';
import { ListFooter } from '../../../components/ListFooter';
import { PageRoot } from '../../../components/PageRoot';
import { StaffStationPage } from '../../../components/StaffStationPage';
import { LoadView } from '../../../components/StateView';
import { pagedStatus } from '../../../hooks/use-paged-list';
import { usePagedPage } from '../../../hooks/use-paged-page';
import { cases } from '../../../services/cases';
import { caseUrl } from '../../../utils/routes';
import '../../../components/staff-page.scss';
import './index.scss';

/** Cases per page. */
export const APPROVALS_PAGE = 20;

/** What a refusal without a reason says. */
export const REFUSAL_REASON_REQUIRED = CASE_PROBLEM_MESSAGES['reason-required'];

/**
 * 个案待审批 (issue 11): the service plans and closures waiting for the caller — the
 * station head (the station's), or a supervisor (`?stationId=`: the cases they are
 * assigned to). Each can be opened (个案详情, the whole record), approved, or sent back
 * with a reason the worker sees (退回 asks for it; none, nothing is sent).
 */
export default function ApprovalsPage() {
  const stationId = useRouter().params.stationId || undefined;
  if (stationId)
    return (
      <PageRoot className="wk">
        <View className="wk__header">
          <Text className="wk__title">个案待审批</Text>
        </View>
        <ApprovalList stationId={stationId} />
      </PageRoot>
    );
  return (
    <StaffStationPage title="个案待审批" errorTitle="待审批的个案没有加载出来">
      {(id) => <ApprovalList stationId={id} />}
    </StaffStationPage>
  );
}

/** The decisions a case in review offers. */
export const decisionsOf = (c: Pick<CaseListItem, 'status'>): [ApprovalAction, ApprovalAction] | null =>
  c.status === 'plan_review'
    ? ['approvePlan', 'refusePlan']
    : c.status === 'closure_review'
      ? ['approveClosure', 'refuseClosure']
      : null;

const isRefusal = (a: ApprovalAction): boolean => a === 'refusePlan' || a === 'refuseClosure';

type Asked = { c: CaseListItem; decision: ApprovalAction } | null;

/** The list with its decisions (exported for tests). */
export function ApprovalList({ stationId }: { stationId: string }) {
  const fetchPage = useCallback(
    (cursor: string | null, limit: number) => cases.listPendingApprovals({ stationId, cursor, limit }),
    [stationId],
  );
  const { state, reload, loadMore } = usePagedPage(fetchPage, APPROVALS_PAGE);
  const [asked, setAsked] = useState<Asked>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [feedback, setFeedback] = useState<string | null>(null);

  const ask = (c: CaseListItem, decision: ApprovalAction) => {
    setReason('');
    setError(null);
    setFeedback(null);
    setAsked({ c, decision });
  };

  const decide = async () => {
    if (!asked) return;
    const refusal = isRefusal(asked.decision);
    const why = reason.trim();
    if (refusal && !why) {
      setError(REFUSAL_REASON_REQUIRED);
      return;
    }
    setBusy(true);
    const res = await cases.decideApproval({
      caseId: asked.c.id,
      version: asked.c.version,
      decision: asked.decision,
      reason: refusal ? why : null,
    });
    setBusy(false);
    if (!res.ok) {
      setError(res.error.message);
      return;
    }
    setFeedback(`已${CASE_ACTION_LABELS[asked.decision]}`);
    setAsked(null);
    void reload({ quiet: true });
  };

  const refusal = asked ? isRefusal(asked.decision) : false;
  const what = asked?.decision.endsWith('Plan') ? '服务计划' : '结案';
  return (
    <View>
      <Text className="sgz-hint ha__intro">
        社工提交的服务计划和结案在这里审批。退回时请写明原因，社工会看到。
      </Text>
      {feedback ? (
        <View className="sgz-notice sgz-notice--ok ha__feedback" role="status">
          <Text>✓ {feedback}</Text>
        </View>
      ) : null}
      <LoadView
        status={pagedStatus(state)}
        error={state.status === 'error' ? state.error : undefined}
        onRetry={() => void reload()}
        loadingText="正在加载待审批的个案…"
        errorTitle="待审批的个案没有加载出来"
        empty={{ symbol: '✓', title: '没有待审批的个案' }}
      />
      {state.status === 'ready' ? (
        <View>
          {state.items.map((c) => {
            const d = decisionsOf(c);
            return (
              <View key={c.id} className="ha-item">
                <CaseCard
                  item={c}
                  actionText="查看完整记录"
                  onOpen={() => void Taro.navigateTo({ url: caseUrl(c.id) })}
                />
                {d ? (
                  <View className="ha-item__actions">
                    <Button type="primary" onClick={() => ask(c, d[0])}>
                      {CASE_ACTION_LABELS[d[0]]}
                    </Button>
                    <Button onClick={() => ask(c, d[1])}>{CASE_ACTION_LABELS[d[1]]}</Button>
                  </View>
                ) : null}
              </View>
            );
          })}
          <ListFooter
            count={state.items.length}
            hasMore={state.nextCursor !== null}
            more={state.more}
            onMore={() => void loadMore()}
          />
        </View>
      ) : null}
      <ConfirmDialog
        open={asked !== null}
        title={refusal ? `退回这份${what}吗？` : `批准这份${what}吗？`}
        lines={[
          refusal
            ? `退回后社工需要修改${what}并重新提交，退回原因会显示给社工。`
            : what === '结案'
              ? '批准后个案结案，计入本年度完成的专业个案。'
              : '批准后个案进入介入阶段。',
        ]}
        confirmText={asked ? CASE_ACTION_LABELS[asked.decision] : ''}
        cancelText="再看看"
        tone={refusal ? 'danger' : 'primary'}
        busy={busy}
        onConfirm={() => void decide()}
        onCancel={() => setAsked(null)}
      >
        {refusal ? (
          <Textarea
            className="sgz-textarea ha__reason"
            value={reason}
            aria-label="退回原因"
            nativeProps={{ 'aria-label': '退回原因' }}
            placeholder="请填写退回原因，如：目标不可衡量，请写明次数或时间"
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
