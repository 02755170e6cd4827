import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { useCareMode } from '../hooks/use-care-mode';
import { BackBar } from './BackBar';

/**
 * Root of every page: carries the theme class (and `care-mode` when 关怀模式 is on) and, on
 * every page but the tab pages (`tab`), the H5 build's 返回 bar (weapp has its own navigation bar).
 */
export function PageRoot({
  className,
  tab = false,
  children,
}: {
  className?: string;
  /** A tab-bar page (找社工站, 我的): nothing to go back to, so no 返回. */
  tab?: boolean;
  children: ReactNode;
}) {
  const careMode = useCareMode();
  const classes = ['sgz-page', careMode ? 'care-mode' : '', className ?? ''].filter(Boolean).join(' ');
  return (
    <View className={classes}>
      {process.env.TARO_ENV === 'h5' && !tab ? <BackBar /> : null}
      {children}
    </View>
  );
}
