import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { appOutbox } from '../../../services/app-outbox';
import { pendingLabel, useOutbox } from '../../../services/outbox';
import { ROUTES } from '../../../utils/routes';

const openOutbox = () => void Taro.navigateTo({ url: ROUTES.workerOutbox });

/**
 * The top of the worker's home: 待同步 N (records on this phone still waiting for the
 * server), 同步中… while sending, and the warning when something has waited over 24 h
 * or storage runs short. Tapping either opens 待同步记录. A page show sends what waits.
 */
export function OutboxBar() {
  const view = useOutbox(appOutbox);
  const drafts = view.counts.draft;
  const text = !view.loaded
    ? view.storageError
      ? '待同步记录没有读出来'
      : '正在读取待同步记录…'
    : `${pendingLabel(view.pending)}${view.syncing ? ' · 同步中…' : ''}`;
  return (
    <View className="wk-outbox">
      <View
        className={`wk-outbox__bar${view.pending > 0 ? ' wk-outbox__bar--pending' : ''}`}
        hoverClass="wk-outbox__bar--pressed"
        role="button"
        onClick={openOutbox}
      >
        {/* The visible text is the button's name (axe: label-content-name-mismatch). */}
        <Text className="wk-outbox__count">
          <Text aria-hidden>{view.pending > 0 ? '↑ ' : '✓ '}</Text>
          {text}
        </Text>
        {drafts > 0 ? <Text className="wk-outbox__drafts">草稿 {drafts}</Text> : null}
        <Text aria-hidden>›</Text>
      </View>
      {view.warning ? (
        <View className="sgz-notice wk-outbox__warning" role="alert" onClick={openOutbox}>
          <Text>⚠ {view.warning}</Text>
        </View>
      ) : null}
    </View>
  );
}
