import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useContext, useState } from 'react';
import { LEAVE_TITLE, LeaveGuardContext, type LeaveGuard } from '../hooks/use-leave-guard';
import { ConfirmDialog } from './ConfirmDialog';
import './BackBar.scss';

/** Where 返回 goes when the page was opened directly (a shared link, a reload): home. */
export const HOME_TAB_URL = '/pages/index/index';

/** Goes back one page, or to the home tab when there is nothing to go back to. */
export function goBackOrHome(): void {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack({ delta: 1 });
  else void Taro.switchTab({ url: HOME_TAB_URL });
}

/**
 * 返回 at the top of a non-tab page, in the H5 build only: a browser has no navigation bar
 * (weapp has its own, so the comparison folds away there). At least 44 px tall, 48 px in 关怀模式.
 * While a form on the page has unsaved edits (useLeaveGuard), it asks first with the themed
 * dialog: 放弃修改 leaves, 继续编辑 stays. The dialog is drawn beside the bar, not in it, so it
 * is not part of the navigation landmark nor held under the bar's stacking level.
 */
export function BackBar() {
  const guards = useContext(LeaveGuardContext);
  const [asking, setAsking] = useState<LeaveGuard | null>(null);
  if (process.env.TARO_ENV !== 'h5') return null;
  const back = () => {
    const guard = guards?.active();
    if (guard) setAsking(guard);
    else goBackOrHome();
  };
  return (
    <>
      <View className="sgz-backbar" role="navigation" aria-label="返回上一页">
        <View
          className="sgz-backbar__button"
          hoverClass="sgz-backbar__button--pressed"
          role="button"
          aria-label="返回"
          onClick={back}
        >
          <Text className="sgz-backbar__arrow" aria-hidden>
            ‹
          </Text>
          <Text>返回</Text>
        </View>
      </View>
      <ConfirmDialog
        open={asking !== null}
        title={LEAVE_TITLE}
        lines={asking ? [asking.message] : []}
        confirmText="放弃修改"
        cancelText="继续编辑"
        tone="danger"
        onConfirm={() => {
          setAsking(null);
          goBackOrHome();
        }}
        onCancel={() => setAsking(null)}
      />
    </>
  );
}
