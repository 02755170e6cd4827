import { STORY_LIMITS, submitStoryInput, type StaffItem, type StoryDto } from '@sgz/shared';
import { Input, Text, Textarea, View } from '@tarojs/components';
import { useCallback, useState, type ReactNode } from 'react';
import { Button } from '../../../components/Button';
import { FieldError } from '../../../components/FieldError';
import { StaffStationPage } from '../../../components/StaffStationPage';
import { LoadView } from '../../../components/StateView';
import { useLeaveGuard } from '../../../hooks/use-leave-guard';
import { useLoad } from '../../../hooks/use-load';
import { listStaff } from '../../../services/accounts';
import { listStories, submitStory } from '../../../services/district';
import { newClientId } from '../../../services/outbox/core';
import { CaseStoryForm, WithdrawStoryDialog } from './CaseStory';
import '../../../components/staff-page.scss';

const ERROR_TITLE = '本站信息没有加载出来';
const STATUS_MARK: Record<StoryDto['status'], string> = { pending: '○', approved: '✓', withdrawn: '✕' };

/**
 * 优秀社工与案例故事 (the head): the station's good-practice stories with their status (撤下
 * with a reason), a proposal of an outstanding worker of the station (with the worker's own
 * agreement), and a case story: the person's publicity consent recorded first, then the
 * anonymised text. The district approves before residents see any.
 */
export default function HeadStoriesPage() {
  return (
    <StaffStationPage title="优秀社工与案例故事" errorTitle={ERROR_TITLE}>
      {(stationId) => <StationStories stationId={stationId} />}
    </StaffStationPage>
  );
}

function StationStories({ stationId }: { stationId: string }) {
  const loader = useCallback(() => listStories({ stationId, limit: 50 }), [stationId]);
  const stories = useLoad(loader, { isEmpty: (d) => d.items.length === 0 });
  const [withdrawing, setWithdrawing] = useState<StoryDto | null>(null);
  return (
    <View>
      <ProposeForm stationId={stationId} onDone={() => void stories.reload()} />
      <CaseStoryForm stationId={stationId} onDone={() => void stories.reload()} />
      <View className="sgz-card wk__section">
        <Text className="wk__item-title">本站报送的优秀案例与社工</Text>
        <LoadView
          status={stories.status}
          error={stories.error}
          onRetry={stories.retry}
          loadingText="正在加载…"
          errorTitle="本站报送的故事没有加载出来"
          empty={{ title: '本站还没有报送过' }}
          compact
        />
        {stories.status === 'ready'
          ? stories.data?.items.map((s) => (
              <View key={s.storyId} className="wk__item">
                <Text className="wk__item-title">
                  {s.kindLabel}：{s.title}
                </Text>
                <Text>
                  {STATUS_MARK[s.status]} {s.statusLabel}
                </Text>
                {s.withdrawReason ? <Text className="sgz-hint">撤下原因：{s.withdrawReason}</Text> : null}
                {s.status !== 'withdrawn' ? (
                  <Button onClick={() => setWithdrawing(s)}>撤下“{s.title}”</Button>
                ) : null}
              </View>
            ))
          : null}
      </View>
      <WithdrawStoryDialog
        story={withdrawing}
        onClose={() => setWithdrawing(null)}
        onDone={() => {
          setWithdrawing(null);
          void stories.reload();
        }}
      />
    </View>
  );
}

type Errors = Partial<Record<'workerId' | 'title' | 'text' | 'workerConsent' | 'form', string>>;

function ProposeForm({ stationId, onDone }: { stationId: string; onDone: () => void }) {
  const staffLoader = useCallback(() => listStaff({ stationId, limit: 100 }), [stationId]);
  const staff = useLoad(staffLoader);
  const workers = (staff.data?.items ?? []).filter(
    (s: StaffItem) => s.active && (s.role === 'social_worker' || s.role === 'station_head'),
  );
  /** One id per proposal: a retry after a lost answer is the same story, not a second one. */
  const [storyId, setStoryId] = useState(() => newClientId(Date.now(), Math.random, 'story'));
  const [workerId, setWorkerId] = useState<string | null>(null);
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const [consent, setConsent] = useState(false);
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  useLeaveGuard(!!(title || text), '推荐的内容还没有提交。');
  const touch = (key: keyof Errors) => {
    setDone(false);
    setErrors((e) => ({ ...e, [key]: undefined, form: undefined }));
  };

  const submit = async () => {
    const check = submitStoryInput.safeParse({
      storyId,
      stationId,
      kind: 'outstanding_worker',
      title: title.trim(),
      text: text.trim(),
      workerId,
      workerConsent: consent,
    });
    if (!check.success) {
      const found: Errors = {};
      for (const i of check.error.issues) {
        const k = (i.path[0] as keyof Errors) ?? 'form';
        if (!found[k]) found[k] = i.message;
      }
      return setErrors(found);
    }
    setBusy(true);
    const res = await submitStory(check.data);
    setBusy(false);
    if (!res.ok) {
      const field = (res.error.details as { field?: keyof Errors } | undefined)?.field;
      return setErrors({ [field ?? 'form']: res.error.message });
    }
    setTitle('');
    setText('');
    setConsent(false);
    setWorkerId(null);
    setStoryId(newClientId(Date.now(), Math.random, 'story'));
    setDone(true);
    onDone();
  };

  return (
    <View className="sgz-card wk__section">
      <Text className="wk__item-title">推荐优秀社工</Text>
      <Text className="sgz-hint">
        推荐本站的优秀社工，由区民政局审核后在本站页面上展示。须先征得该社工本人同意；内容不要写服务对象的姓名、电话等信息。
      </Text>
      <Row label="社工" error={errors.workerId}>
        <LoadView
          status={staff.status}
          error={staff.error}
          onRetry={staff.retry}
          loadingText="正在加载本站人员…"
          errorTitle="本站人员没有加载出来"
          compact
        />
        <View className="sgz-chips" role="radiogroup" ariaLabel="社工">
          {workers.map((w) => (
            <View
              key={w.userId}
              className={`sgz-choice${workerId === w.userId ? ' sgz-choice--selected' : ''}`}
              role="radio"
              aria-checked={workerId === w.userId}
              onClick={() => {
                touch('workerId');
                setWorkerId(w.userId);
              }}
            >
              <Text>
                {workerId === w.userId ? '◉ ' : '○ '}
                {w.name ?? '（姓名未登记）'}
              </Text>
            </View>
          ))}
        </View>
      </Row>
      <Row label="标题" error={errors.title}>
        <Input
          className="sgz-input"
          value={title}
          maxlength={STORY_LIMITS.titleChars}
          placeholder="如：扎根社区的好社工"
          ariaLabel="标题"
          nativeProps={{ 'aria-label': '标题' }}
          onInput={(e) => {
            touch('title');
            setTitle(e.detail.value);
          }}
        />
      </Row>
      <Row label="事迹" error={errors.text}>
        <Textarea
          className="sgz-textarea"
          value={text}
          maxlength={STORY_LIMITS.textChars}
          placeholder="写写这位社工做了什么（不要写服务对象的姓名、电话）"
          aria-label="事迹"
          nativeProps={{ 'aria-label': '事迹' }}
          onInput={(e) => {
            touch('text');
            setText(e.detail.value);
          }}
        />
      </Row>
      <View
        className={`sgz-choice${consent ? ' sgz-choice--selected' : ''}`}
        role="checkbox"
        aria-checked={consent}
        onClick={() => {
          touch('workerConsent');
          setConsent(!consent);
        }}
      >
        <Text>{consent ? '☑ ' : '☐ '}已征得该社工本人同意公开宣传</Text>
      </View>
      <FieldError message={errors.workerConsent} />
      <FieldError message={errors.form} />
      <Button type="primary" block loading={busy} disabled={busy} onClick={() => void submit()}>
        提交区民政局审核
      </Button>
      {done ? (
        <View className="sgz-notice sgz-notice--ok" role="status">
          <Text>✓ 已提交，区民政局审核通过后在本站页面上展示</Text>
        </View>
      ) : null}
    </View>
  );
}

function Row({ label, error, children }: { label: string; error?: string; children: ReactNode }) {
  return (
    <View className="wk__field">
      <Text className="wk__label">{label}</Text>
      {children}
      <FieldError message={error} />
    </View>
  );
}
