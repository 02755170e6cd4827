import Taro from '@tarojs/taro';
import type { NetworkWatch } from './outbox';

/**
 * Network events through Taro (`wx.onNetworkStatusChange` on the mini-program,
 * the browser's online/offline events on H5): the outbox flushes when the phone
 * is connected again.
 */
export const taroNetworkWatch: NetworkWatch = {
  subscribe(onChange) {
    const listener = (res: { isConnected: boolean }) => onChange(res.isConnected);
    Taro.onNetworkStatusChange(listener);
    return () => Taro.offNetworkStatusChange(listener);
  },
};
