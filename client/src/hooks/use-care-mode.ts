import Taro from '@tarojs/taro';
import { useState } from 'react';

/** Storage key of the 关怀模式 switch (issue 5 adds the switch on 我的 and the per-user sync). */
export const CARE_MODE_STORAGE_KEY = 'sgz.careMode';

/**
 * Whether 关怀模式 (larger text and tap targets) is on. Today it is only read from
 * local storage; the page root turns it into the `care-mode` theme class.
 */
export function useCareMode(): boolean {
  const [on] = useState<boolean>(() => {
    try {
      return Taro.getStorageSync(CARE_MODE_STORAGE_KEY) === true;
    } catch {
      return false;
    }
  });
  return on;
}
