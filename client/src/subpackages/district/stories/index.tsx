import {
  STORY_LIMITS,
  STORY_STATUS_LABELS,
  STORY_STATUSES,
  withdrawStoryInput,
  type StoryDto,
  type StoryStatus,
} from '@sgz/shared';
import { Text, Textarea, View } from '@tarojs/components';
import { useCallback, useState } from 'react';
import { Button } from '../../../components/Button';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { FieldError } from '../../../components/FieldError';
import { PageRoot } from '../../../components/PageRoot';
import { LoadView } from '../../../components/StateView';
import { useLoad } from '../../../hooks/use-load';
import { approveStory, listStories, withdrawStory } from '../../../services/district';
import { Choice, MultiChoice } from '../kit';
import '../../../components/staff-page.scss';
import '../district.scss';

const PAGE = 50;

const GIVER_TEXT: Record<string, string> = { self: '本人', guardian: '监护人' };
const METHOD_TEXT: Record<string, string> = { paper: '书面签字', verbal: '口头（有见证人）' };

/** Status marks, so a status is never told by colour alone. */
const STATUS_MARK: Record<StoryStatus, string> = { pending: '○', approved: '✓', withdrawn: '✕' };

/** Stories grouped by station (in the order their newest story came). */
export function byStation(
  items: readonly StoryDto[],
): { stationId: string; name: string; items: StoryDto[] }[] {
  const groups = new Map<string, { stationId: string; name: string; items: StoryDto[] }>();
  for (const s of items) {
    const g = groups.get(s.stationId) ?? {
      stationId: s.stationId,
      name: s.stationName ?? s.stationId,
      items: [],
    };
    g.items.push(s);
    groups.set(s.stationId, g);
  }
  return [...groups.values()];
}

/**
 * 优秀案例与社工: the stations' good-practice stories (anonymised case stories with the
 * person's publicity consent behind them, outstanding workers), per station with their
 * status; the district approves a waiting story (then residents see it on the station's
 * page) and withdraws one (asked first, with a reason).
 */
export default function DistrictStoriesPage() {
  const [status, setStatus] = useState<StoryStatus | null>('pending');
  const loader = useCallback(() => listStories({ ...(status ? { status } : {}), limit: PAGE }), [status]);
  const list = useLoad(loader, { isEmpty: (d) => d.items.length === 0 });
  const [withdrawing, setWithdrawing] = useState<StoryDto | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  /** A story as the server answered it after an action replaces the one shown. */
  const replace = (story: StoryDto) => {
    if (!list.data) return;
    list.setData({
      ...list.data,
      items: list.data.items.map((s) => (s.storyId === story.storyId ? story : s)),
    });
  };

  return (
    <PageRoot className="wk">
      <View className="dst">
        <View className="wk__header">
          <Text className="wk__title">优秀案例与社工</Text>
          <Text className="sgz-hint">
            各站报送的案例故事和优秀社工。审核通过后，居民在该社工站页面上看到；撤下后居民就看不到了。案例故事只用化名，须有服务对象（或监护人）同意公开宣传的登记。
          </Text>
        </View>
        <View className="sgz-card">
          <Choice
            label="按状态查看"
            options={[
              [null, '全部'] as const,
              ...STORY_STATUSES.map((s) => [s, STORY_STATUS_LABELS[s]] as const),
            ]}
            value={status}
            onChange={(s) => {
              setNotice(null);
              setStatus(s);
            }}
          />
        </View>
        {notice ? (
          <View className="sgz-notice sgz-notice--ok" role="status">
            <Text>{notice}</Text>
          </View>
        ) : null}
        <LoadView
          status={list.status}
          error={list.error}
          onRetry={list.retry}
          loadingText="正在加载优秀案例与社工…"
          errorTitle="优秀案例与社工没有加载出来"
          empty={{
            title: status ? `没有“${STORY_STATUS_LABELS[status]}”的故事` : '各站还没有报送优秀案例或优秀社工',
          }}
        />
        {list.status === 'ready' && list.data ? (
          <View className="dst__columns dst__columns--wrap">
            {byStation(list.data.items).map((g) => (
              <View key={g.stationId} className="sgz-card wk__section dst__card">
                <Text className="wk__item-title">{g.name}</Text>
                {g.items.map((s) => (
                  <StoryItem
                    key={s.storyId}
                    story={s}
                    onApproved={(story) => {
                      replace(story);
                      setNotice(`✓ 已发布“${story.title}”，居民现在可以在社工站页面上看到`);
                    }}
                    onWithdraw={() => setWithdrawing(s)}
                  />
                ))}
              </View>
            ))}
          </View>
        ) : null}
        {list.data?.nextCursor ? (
          <Text className="sgz-hint">只显示最近 {PAGE} 条，可按状态筛选查看</Text>
        ) : null}
        <WithdrawDialog
          story={withdrawing}
          onClose={() => setWithdrawing(null)}
          onDone={(story) => {
            replace(story);
            setWithdrawing(null);
            setNotice(`✓ 已撤下“${story.title}”，居民不再看到它`);
          }}
        />
      </View>
    </PageRoot>
  );
}

function StoryItem({
  story,
  onApproved,
  onWithdraw,
}: {
  story: StoryDto;
  onApproved: (s: StoryDto) => void;
  onWithdraw: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const approve = async () => {
    setBusy(true);
    setError(undefined);
    const res = await approveStory({ storyId: story.storyId });
    setBusy(false);
    if (res.ok) onApproved(res.data.story);
    else setError(res.error.message);
  };
  return (
    <View className="wk__item">
      <Text className="wk__item-title">
        {story.kindLabel}：{story.title}
      </Text>
      <Text className="dst__status">
        {STATUS_MARK[story.status]} {story.statusLabel}
        {story.status === 'approved' && story.approvedAt ? `（${story.approvedAt.slice(0, 10)} 发布）` : ''}
      </Text>
      <Text>{story.text}</Text>
      {story.workerName ? <Text className="sgz-hint">社工：{story.workerName}（本人已同意宣传）</Text> : null}
      {story.consent ? (
        <Text className="sgz-hint">
          宣传同意：{GIVER_TEXT[story.consent.givenBy] ?? story.consent.givenBy}
          {METHOD_TEXT[story.consent.method] ?? story.consent.method}同意，{story.consent.day}
        </Text>
      ) : null}
      {story.status === 'withdrawn' && story.withdrawReason ? (
        <Text className="sgz-hint">撤下原因：{story.withdrawReason}</Text>
      ) : null}
      <FieldError message={error} />
      <View className="dst__row-line">
        {story.status === 'pending' ? (
          <Button type="primary" loading={busy} disabled={busy} onClick={() => void approve()}>
            审核通过并发布
          </Button>
        ) : null}
        {story.status !== 'withdrawn' ? (
          <Button disabled={busy} onClick={onWithdraw}>
            {story.status === 'pending' ? '不予发布（撤下）' : '撤下'}
          </Button>
        ) : null}
      </View>
    </View>
  );
}

/** 撤下: asked first, with a reason (and whether the person withdrew their consent). */
export function WithdrawDialog({
  story,
  onClose,
  onDone,
}: {
  story: StoryDto | null;
  onClose: () => void;
  onDone: (s: StoryDto) => void;
}) {
  const [reason, setReason] = useState('');
  const [consentWithdrawn, setConsentWithdrawn] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const close = () => {
    setReason('');
    setConsentWithdrawn(false);
    setError(undefined);
    onClose();
  };
  const confirm = async () => {
    if (!story) return;
    const check = withdrawStoryInput.safeParse({
      storyId: story.storyId,
      reason: reason.trim(),
      ...(consentWithdrawn ? { consentWithdrawn: true } : {}),
    });
    if (!check.success) return setError(check.error.issues[0]?.message);
    setBusy(true);
    setError(undefined);
    const res = await withdrawStory(check.data);
    setBusy(false);
    if (!res.ok) return setError(res.error.message);
    setReason('');
    setConsentWithdrawn(false);
    onDone(res.data.story);
  };
  const person =
    story?.kind === 'outstanding_worker' ? '该社工本人撤回了同意' : '服务对象（或监护人）撤回了同意';
  return (
    <ConfirmDialog
      open={story !== null}
      title={`撤下“${story?.title ?? ''}”吗？`}
      lines={['撤下后居民在社工站页面上就看不到了。如需再次发布，需要社工站重新报送。']}
      confirmText="撤下"
      cancelText="先不撤下"
      tone="danger"
      busy={busy}
      onConfirm={() => void confirm()}
      onCancel={close}
    >
      <Text className="wk__label">撤下原因（必填）</Text>
      <Textarea
        className="sgz-textarea"
        value={reason}
        placeholder="如：内容需要修改；本人要求撤下"
        aria-label="撤下原因"
        nativeProps={{ 'aria-label': '撤下原因' }}
        maxlength={STORY_LIMITS.reasonChars}
        onInput={(e) => {
          setError(undefined);
          setReason(e.detail.value);
        }}
      />
      <MultiChoice
        label="撤回同意"
        options={[person]}
        value={consentWithdrawn ? [person] : []}
        onChange={(v) => setConsentWithdrawn(v.length > 0)}
      />
      <FieldError message={error} />
    </ConfirmDialog>
  );
}
