import type { Result } from '@sgz/shared';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { Button } from '../../../components/Button';
import { PageRoot } from '../../../components/PageRoot';
import { StateView } from '../../../components/StateView';
import { appOutbox } from '../../../services/app-outbox';
import {
  DELETE_WARNING,
  OUTBOX_MESSAGES,
  STATUS_LABELS,
  pendingLabel,
  useOutbox,
  type FlushReport,
  type OutboxItem,
  type StatusCounts,
} from '../../../services/outbox';
import { formatWhen } from '../../../utils/request-format';
import { STATUS_SYMBOLS, editUrl, isDiscardable, itemSummary, kindLabel } from './format';
import '../../../components/staff-page.scss';
import './index.scss';

/** A line under the 立即同步 button after a tap. */
type Feedback = { kind: 'ok' | 'error'; text: string } | null;

/**
 * 待同步记录: what this phone keeps for the server (the app's outbox), oldest first — the
 * order the outbox sends them, so the record that waits longest (the one the 24 h
 * warning is about) is on top. Each card says its status in words and a symbol, why
 * it failed, and what the worker can do (重试, 继续填写 / 修改, 放弃草稿). The page
 * show and 立即同步 send what is waiting.
 */
export default function OutboxPage() {
  const view = useOutbox(appOutbox);
  const [feedback, setFeedback] = useState<Feedback>(null);

  const syncNow = async () => {
    setFeedback(null);
    setFeedback(reportText(await appOutbox.flush('tap')));
  };

  return (
    <PageRoot className="wk ob">
      <View className="wk__header">
        <Text className="wk__title">待同步记录</Text>
      </View>

      {view.storageError ? (
        <View className="sgz-notice ob__notice" role="alert">
          <Text>! {view.storageError}</Text>
        </View>
      ) : null}

      {!view.loaded ? (
        view.storageError ? (
          <StateView
            role="alert"
            symbol="!"
            title="手机上的记录没有读出来"
            description="记录仍在手机上，请稍后点“重新读取”。"
            actionText="重新读取"
            onAction={() => void appOutbox.flush('tap')}
          />
        ) : (
          <StateView symbol="…" title="正在读取手机上的记录…" />
        )
      ) : (
        <View>
          {view.warning ? (
            <View className="sgz-notice ob__notice" role="alert">
              <Text>⚠ {view.warning}</Text>
            </View>
          ) : null}

          <View className="sgz-card ob__summary">
            <Text className="ob__pending">{pendingLabel(view.pending)}</Text>
            <Text className="sgz-hint">{countsText(view.counts)}</Text>
            <Text className="sgz-hint">
              已占用手机存储空间 {usagePercent(view.usage.usedBytes, view.usage.budgetBytes)}%
            </Text>
            <Button
              type="primary"
              block
              className="ob__sync"
              disabled={view.syncing}
              onClick={() => void syncNow()}
            >
              {view.syncing ? '同步中…' : '立即同步'}
            </Button>
            {feedback ? (
              <View
                className={`ob__feedback${feedback.kind === 'error' ? ' ob__feedback--error' : ''}`}
                role={feedback.kind === 'error' ? 'alert' : 'status'}
              >
                <Text>
                  {feedback.kind === 'error' ? '! ' : '✓ '}
                  {feedback.text}
                </Text>
              </View>
            ) : null}
          </View>

          {view.items.length === 0 ? (
            <StateView
              symbol="✓"
              title="没有待同步的记录"
              description="新保存的记录会先列在这里，同步后自动移走"
            />
          ) : (
            view.items.map((item) => <OutboxCard key={item.id} item={item} />)
          )}
        </View>
      )}

      <View className="sgz-notice ob__notice ob__delete-warning">
        <Text>⚠ {DELETE_WARNING}</Text>
      </View>
    </PageRoot>
  );
}

/** One record kept on the phone. */
function OutboxCard({ item }: { item: OutboxItem }) {
  const [busy, setBusy] = useState(false);
  const label = kindLabel(item.kind);
  const edit = editUrl(item);
  const showError = item.lastError && (item.status === 'failed' || item.status === 'conflict');

  const act = async (op: () => Promise<Result<unknown>>) => {
    setBusy(true);
    const res = await op();
    setBusy(false);
    if (!res.ok) void Taro.showToast({ title: res.error.message, icon: 'none' });
  };

  const discard = async () => {
    const answer = await Taro.showModal({
      title: '放弃草稿',
      content: `放弃后这份${label}草稿会从手机上删除，不能恢复。确定放弃吗？`,
      confirmText: '放弃',
      cancelText: '保留',
    });
    if (answer.confirm) await act(() => appOutbox.discard(item.id));
  };

  return (
    <View className="sgz-card ob-item" role="group" aria-label={`${label}，${STATUS_LABELS[item.status]}`}>
      <View className="ob-item__row">
        <Text className="ob-item__kind">{label}</Text>
        <Text className={`ob-status ob-status--${item.status}`}>
          {STATUS_SYMBOLS[item.status]} {STATUS_LABELS[item.status]}
        </Text>
      </View>
      <Text className="ob-item__summary">{itemSummary(item)}</Text>
      <Text className="sgz-hint">
        保存于 {formatWhen(new Date(item.updatedAt).toISOString())} · 第 {item.version} 版
      </Text>
      {item.status === 'queued' && item.attempts > 0 ? (
        <Text className="sgz-hint">已尝试 {item.attempts} 次没有发出，连网后会自动再试</Text>
      ) : null}
      {showError ? <Text className="ob-item__error">! 原因：{item.lastError?.message}</Text> : null}
      <View className="ob-item__actions">
        {item.status === 'failed' ? (
          <Button type="primary" loading={busy} onClick={() => void act(() => appOutbox.retry(item.id))}>
            重试
          </Button>
        ) : null}
        {edit ? (
          <Button onClick={() => void Taro.navigateTo({ url: edit })}>
            {item.status === 'draft' ? '继续填写' : '修改'}
          </Button>
        ) : null}
        {isDiscardable(item) ? (
          <Button loading={busy} onClick={() => void discard()}>
            放弃草稿
          </Button>
        ) : null}
      </View>
    </View>
  );
}

/** Short names of the counts shown besides 待同步 N. */
const COUNT_LABELS = { draft: '草稿', failed: '其中失败', conflict: '有冲突', synced: '已同步' } as const;

/** `草稿 1 · 其中失败 1 · 已同步 2`: the counts besides 待同步 N (which includes the failed), the ones above 0. */
function countsText(counts: StatusCounts): string {
  const parts = (['draft', 'failed', 'conflict', 'synced'] as const)
    .filter((s) => counts[s] > 0)
    .map((s) => `${COUNT_LABELS[s]} ${counts[s]}`);
  return parts.length > 0 ? parts.join(' · ') : '手机上没有保存的记录';
}

const usagePercent = (used: number, budget: number): number =>
  budget > 0 ? Math.min(100, Math.round((used / budget) * 100)) : 0;

/** What a tap on 立即同步 did, in words. */
function reportText(r: FlushReport): Feedback {
  if (r.offline) return { kind: 'error', text: OUTBOX_MESSAGES.network };
  if (r.attempted === 0) return { kind: 'ok', text: '没有需要现在发送的记录' };
  const parts = [`已同步 ${r.synced} 条`];
  if (r.conflicts > 0) parts.push(`${r.conflicts} 条有冲突，等待站长核对`);
  if (r.failed > 0) parts.push(`${r.failed} 条失败，请看下面的原因`);
  return { kind: r.failed > 0 ? 'error' : 'ok', text: parts.join('，') };
}
