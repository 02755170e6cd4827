import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { useCareMode } from '../hooks/use-care-mode';

/** Root of every page: carries the theme class (and `care-mode` when 关怀模式 is on). */
export function PageRoot({ className, children }: { className?: string; children: ReactNode }) {
  const careMode = useCareMode();
  const classes = ['sgz-page', careMode ? 'care-mode' : '', className ?? ''].filter(Boolean).join(' ');
  return <View className={classes}>{children}</View>;
}
