import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { currentUserId, onUserChange, readStorage, writeSafe } from '../utils/user-scope';

/**
 * 关怀模式 (care mode for older residents): larger text and tap targets, high
 * contrast, a simplified home. The user's explicit choice wins and is kept per
 * user (`sgz.careMode.<userId>`), falling back to the device's choice
 * (`sgz.careMode`); with no choice it is on when the phone's font size is large
 * (WeChat's 字体大小 setting; on H5 there is no such setting, so it stays off).
 */

/** Storage key of the device-wide choice (used while the user is not known). */
export const CARE_MODE_STORAGE_KEY = 'sgz.careMode';
/** WeChat font size (px) from which the phone counts as set to large text (standard is 16–17). */
export const LARGE_FONT_PX = 20;

/** Storage key of one user's choice. */
export const careModeUserKey = (userId: string): string => `${CARE_MODE_STORAGE_KEY}.${userId}`;

/** Where the current state comes from: the user's choice, the device's, or the font size. */
export type CareModeSource = 'user' | 'device' | 'auto';

/** The effective care-mode state. */
export interface CareModeState {
  on: boolean;
  source: CareModeSource;
}

/** True when the phone's font size setting is large (weapp only). */
export function phoneFontIsLarge(): boolean {
  if (process.env.TARO_ENV === 'h5') return false;
  try {
    const size = Taro.getSystemInfoSync().fontSizeSetting;
    return typeof size === 'number' && size >= LARGE_FONT_PX;
  } catch {
    return false;
  }
}

/** Reads the effective state: user choice → device choice → phone font size. */
export function readCareMode(): CareModeState {
  const user = currentUserId();
  if (user) {
    const v = readStorage(careModeUserKey(user));
    if (typeof v === 'boolean') return { on: v, source: 'user' };
  }
  const device = readStorage(CARE_MODE_STORAGE_KEY);
  if (typeof device === 'boolean') return { on: device, source: 'device' };
  return { on: phoneFontIsLarge(), source: 'auto' };
}

const listeners = new Set<() => void>();

/** Records the user's explicit choice (per user when known, else for the device) and updates every page. */
export function setCareMode(on: boolean): void {
  const user = currentUserId();
  writeSafe(user ? careModeUserKey(user) : CARE_MODE_STORAGE_KEY, on);
  listeners.forEach((fn) => fn());
}

/** The effective care-mode state, updated when it is switched or the user changes. */
export function useCareModeState(): CareModeState {
  const [state, setState] = useState<CareModeState>(readCareMode);
  useEffect(() => {
    const update = () =>
      setState((prev) => {
        const next = readCareMode();
        return prev.on === next.on && prev.source === next.source ? prev : next;
      });
    listeners.add(update);
    const offUser = onUserChange(update);
    update();
    return () => {
      listeners.delete(update);
      offUser();
    };
  }, []);
  return state;
}

/** Whether 关怀模式 is on; the page root turns it into the `care-mode` theme class. */
export function useCareMode(): boolean {
  return useCareModeState().on;
}
