import { ROLE_LABELS } from '@sgz/shared';
import type { ConsentItem, WhoAmIOutput } from '@sgz/shared';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Button } from '../../components/Button';
import { PageRoot } from '../../components/PageRoot';
import { PrivacyNotice } from '../../components/PrivacyNotice';
import { setCareMode, useCareModeState } from '../../hooks/use-care-mode';
import { LoadView } from '../../components/StateView';
import { useLoad, type Loaded } from '../../hooks/use-load';
import * as accounts from '../../services/accounts';
import { appOutbox } from '../../services/app-outbox';
import { pendingLabel, useOutbox } from '../../services/outbox';
import { ROUTES } from '../../utils/routes';
import { InviteForm } from './InviteForm';
import { MyFileCard } from './MyFileCard';
import { FeedbackLine, ProfileForm } from './ProfileForm';
import { sectionsFor } from './role-sections';
import { useMine, type Feedback } from './use-mine';
import './index.scss';

/** 我的: profile, role badge, privacy notice and consents, invite code, role sections. */
export default function MinePage() {
  const mine = useMine();
  const { me } = mine;
  // Coming back to the tab (e.g. after the H5 dev login) shows the current identity.
  const shownOnce = useRef(false);
  useDidShow(() => {
    if (shownOnce.current) void me.reload();
    shownOnce.current = true;
  });

  return (
    <PageRoot className="mine" tab>
      <LoadView status={me.status} error={me.error} onRetry={me.retry} errorTitle="“我的”没有加载出来" />
      {me.data ? <MineContent me={me.data} mine={mine} /> : <ResidentTools />}
      {process.env.TARO_ENV === 'h5' ? <DevLoginLink /> : null}
    </PageRoot>
  );
}

/** A count beside a work entry (e.g. 5 人待访), asked each time 我的 is shown; nothing while unknown. */
function EntryBadge({ load }: { load: () => Promise<string | null> }) {
  const [text, setText] = useState<string | null>(null);
  const refresh = useCallback(() => {
    void load().then(setText);
  }, [load]);
  useEffect(refresh, [refresh]);
  useDidShow(refresh);
  return text ? <Text className="mine__entry-badge">{text}</Text> : null;
}

/** 待同步 N beside the worker entry when records on this phone wait for the server (app.ts starts the outbox). */
function OutboxBadge() {
  const { loaded, pending } = useOutbox(appOutbox, { flushOnShow: false });
  return loaded && pending > 0 ? <Text className="mine__entry-badge">{pendingLabel(pending)}</Text> : null;
}

const loadMyConsents = () => accounts.listMyConsents({ includeWithdrawn: true });

function MineContent({ me, mine }: { me: WhoAmIOutput; mine: ReturnType<typeof useMine> }) {
  const sections = sectionsFor(me.role, me.active);
  // Loaded once the account is known (whoAmI creates a first-time resident's record).
  // Withdrawn ones too, so the history is visible.
  const consents = useLoad(loadMyConsents, { isEmpty: (d) => d.items.length === 0 });
  const { reload: reloadConsents } = consents;
  /** An action that may record or withdraw consents: the list follows it. */
  const thenConsents = useCallback(
    <A extends unknown[]>(action: (...args: A) => Promise<Feedback>) =>
      async (...args: A): Promise<Feedback> => {
        const feedback = await action(...args);
        if (feedback?.kind === 'ok') void reloadConsents();
        return feedback;
      },
    [reloadConsents],
  );
  return (
    <View>
      <View className="sgz-card mine__header">
        <View className="mine__avatar" aria-hidden>
          <Text>{me.profile.name ? me.profile.name.slice(0, 1) : '我'}</Text>
        </View>
        <View className="mine__who">
          <Text className="mine__name">{me.profile.name ?? '未填写姓名'}</Text>
          <View className="mine__badges">
            <Text className="mine__badge">身份：{me.roleLabel || ROLE_LABELS[me.role]}</Text>
            {!me.active && me.deactivatedRole ? (
              <Text className="mine__badge mine__badge--warn">
                原{ROLE_LABELS[me.deactivatedRole]}账号已停用
              </Text>
            ) : null}
          </View>
          {me.profile.phoneMasked ? (
            <Text className="mine__hint">手机号 {me.profile.phoneMasked}</Text>
          ) : null}
        </View>
      </View>

      <ResidentTools />

      {sections.length > 0 ? (
        <View className="sgz-card">
          <Text className="mine__section-title">工作入口</Text>
          {sections.map((s) => (
            <View
              key={s.url}
              className="mine__entry"
              hoverClass="mine__entry--pressed"
              role="button"
              onClick={() => void Taro.navigateTo({ url: s.url })}
            >
              <View className="mine__entry-text">
                <Text className="mine__entry-title">{s.title}</Text>
                <Text className="mine__hint">{s.description}</Text>
              </View>
              {s.badge ? <EntryBadge load={s.badge} /> : null}
              {s.url === ROUTES.worker ? <OutboxBadge /> : null}
              <Text aria-hidden>›</Text>
            </View>
          ))}
        </View>
      ) : null}

      {me.privacy.accepted ? (
        <ProfileForm
          key={me.userId}
          name={me.profile.name}
          phoneMasked={me.profile.phoneMasked}
          busy={mine.busy}
          onSave={thenConsents(mine.saveProfile)}
        />
      ) : (
        <PrivacyNotice
          className="mine__privacy"
          version={me.privacy.currentVersion}
          busy={mine.busy}
          onAccept={() => void thenConsents(mine.acceptPrivacy)(me.privacy.currentVersion)}
        />
      )}

      {me.privacy.accepted ? <InviteForm busy={mine.busy} onRedeem={thenConsents(mine.redeem)} /> : null}

      <ConsentList consents={consents} busy={mine.busy} onWithdraw={thenConsents(mine.withdraw)} />

      <MyFileCard key={`file-${me.userId}`} />
    </View>
  );
}

const formatTime = (iso: string) => {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  // Beijing time, whatever the phone's zone: records are kept in Asia/Shanghai days.
  const bj = new Date(d.getTime() + 8 * 3600 * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${bj.getUTCFullYear()}-${pad(bj.getUTCMonth() + 1)}-${pad(bj.getUTCDate())} ${pad(bj.getUTCHours())}:${pad(bj.getUTCMinutes())}`;
};

/** What withdrawing a consent does, in the confirmation's words. */
function withdrawText(item: ConsentItem): string {
  if (item.category === 'family_request') {
    const who = item.subjectName ?? '被服务人';
    // Withdrawing records it; the request itself is the resident's to cancel.
    return `撤回后，将记录${who}不再同意由您代为求助。已提交的求助不会自动取消，如不再需要服务，请到“我的求助”中取消。确定撤回吗？`;
  }
  return `撤回“${item.label}”授权后，相关信息将不再被处理。确定撤回吗？`;
}

function ConsentList(props: {
  consents: Loaded<{ items: ConsentItem[] }>;
  busy: boolean;
  onWithdraw: (id: string) => Promise<Feedback>;
}) {
  const [feedback, setFeedback] = useState<Feedback>(null);
  const { consents } = props;

  const withdraw = async (item: ConsentItem) => {
    const answer = await Taro.showModal({
      title: '撤回授权',
      content: withdrawText(item),
      confirmText: '撤回',
      cancelText: '不撤回',
    });
    if (!answer.confirm) return;
    setFeedback(await props.onWithdraw(item.id));
  };

  return (
    <View className="sgz-card">
      <Text className="mine__section-title">我的授权</Text>
      <LoadView
        compact
        status={consents.status}
        error={consents.error}
        onRetry={consents.retry}
        errorTitle="授权记录没有加载出来"
        empty={{ title: '您还没有授权记录' }}
      />
      {consents.data
        ? consents.data.items.map((item) => (
            <View key={item.id} className="mine__consent">
              <Text className="mine__entry-title">
                {item.label}
                {item.subjectName ? `（${item.relationship ?? '家人'}：${item.subjectName}）` : ''}
              </Text>
              <Text className="mine__hint">
                {item.withdrawnAt
                  ? `已撤回 · ${formatTime(item.withdrawnAt)}`
                  : `已同意 · ${formatTime(item.givenAt)}`}{' '}
                · 版本 {item.version}
                {item.currentVersion ? '' : '（已更新，需重新同意）'}
              </Text>
              {item.withdrawnAt ? null : (
                <Button disabled={props.busy} onClick={() => void withdraw(item)}>
                  撤回授权
                </Button>
              )}
            </View>
          ))
        : null}
      <FeedbackLine feedback={feedback} />
    </View>
  );
}

/** 我的求助 and the 关怀模式 switch (shown whether or not the account has loaded). */
function ResidentTools() {
  return (
    <View>
      <View className="sgz-card">
        <View
          className="mine__entry mine__entry--first"
          hoverClass="mine__entry--pressed"
          role="button"
          onClick={() => void Taro.navigateTo({ url: ROUTES.myRequests })}
        >
          <View className="mine__entry-text">
            <Text className="mine__entry-title">我的求助</Text>
            <Text className="mine__hint">查看办理进度、取消或评价</Text>
          </View>
          <Text aria-hidden>›</Text>
        </View>
      </View>
      <CareModeSwitch />
    </View>
  );
}

/** 关怀模式 on/off: the user's explicit choice, remembered per user; says when it came on by itself. */
function CareModeSwitch() {
  const care = useCareModeState();
  return (
    <View className="sgz-card mine__care">
      <View
        className="mine__care-row"
        role="switch"
        aria-checked={care.on}
        ariaLabel="关怀模式"
        onClick={() => setCareMode(!care.on)}
      >
        <View className="mine__entry-text">
          <Text className="mine__entry-title">关怀模式</Text>
          <Text className="mine__hint">字更大、按钮更大，首页只留三个常用功能</Text>
          {care.source === 'auto' && care.on ? (
            <Text className="mine__hint">已按手机的大字体设置自动开启</Text>
          ) : null}
        </View>
        <View className={`mine__switch${care.on ? ' mine__switch--on' : ''}`}>
          <Text className="mine__switch-text">{care.on ? '已开启' : '已关闭'}</Text>
        </View>
      </View>
    </View>
  );
}

/** H5 on the local emulator only: act as a demo resident, worker, head or admin. Folded out of weapp builds. */
function DevLoginLink() {
  return (
    <View className="sgz-card mine__demo-login">
      <Text className="mine__hint">本地演示环境</Text>
      <Button block onClick={() => window.location.assign('/__dev/login')}>
        切换演示账号（开发登录）
      </Button>
    </View>
  );
}
