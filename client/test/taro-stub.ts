/**
 * A small stand-in for `@tarojs/taro` in component tests: only the APIs the
 * client calls. Each API is a jest mock that
 * tests re-program; `resetTaroStub()` restores the defaults between tests.
 */
const router = { params: {} as Record<string, string | undefined>, path: '' };
const storage = new Map<string, unknown>();
/** Page-event handlers of the page rendered last (`useReachBottom`, `usePullDownRefresh`). */
const pageEvents: { reachBottom?: () => void; pullDownRefresh?: () => void } = {};
/** Network status listeners (`onNetworkStatusChange`), called by `triggerNetworkStatus`. */
const networkListeners = new Set<(res: { isConnected: boolean; networkType: string }) => void>();
/** Page-show handlers registered since the last reset (`useDidShow`; each render adds its own), called by `triggerDidShow`. */
const didShowHandlers = new Set<() => void>();
/** Page-hide handlers (`useDidHide`: WeChat sent to the background, another page on top), called by `triggerDidHide`. */
const didHideHandlers = new Set<() => void>();

const ok = <T extends object>(extra?: T) => Promise.resolve({ errMsg: 'ok', ...(extra ?? {}) });

const api = {
  ENV_TYPE: { WEAPP: 'WEAPP', WEB: 'WEB' },
  getEnv: jest.fn(() => 'WEB'),
  getLocation: jest.fn(() => ok({ latitude: 39.025, longitude: 117.655 })),
  navigateTo: jest.fn(() => ok()),
  redirectTo: jest.fn(() => ok()),
  navigateBack: jest.fn(() => ok()),
  switchTab: jest.fn(() => ok()),
  requestSubscribeMessage: jest.fn(() => ok()),
  makePhoneCall: jest.fn(() => ok()),
  openLocation: jest.fn(() => ok()),
  openSetting: jest.fn(() => ok({ authSetting: {} })),
  showToast: jest.fn(() => ok()),
  pageScrollTo: jest.fn(() => ok()),
  showModal: jest.fn(() => ok({ confirm: true, cancel: false })),
  getStorageSync: jest.fn((key: string) => storage.get(key) ?? ''),
  setStorageSync: jest.fn((key: string, value: unknown) => {
    storage.set(key, value);
  }),
  removeStorageSync: jest.fn((key: string) => {
    storage.delete(key);
  }),
  useRouter: jest.fn(() => router),
  useDidShow: jest.fn((fn: () => void) => {
    didShowHandlers.add(fn);
  }),
  useDidHide: jest.fn((fn: () => void) => {
    didHideHandlers.add(fn);
  }),
  onNetworkStatusChange: jest.fn((fn: (res: { isConnected: boolean; networkType: string }) => void) => {
    networkListeners.add(fn);
  }),
  offNetworkStatusChange: jest.fn((fn?: (res: { isConnected: boolean; networkType: string }) => void) => {
    if (fn) networkListeners.delete(fn);
    else networkListeners.clear();
  }),
  useReachBottom: jest.fn((fn: () => void) => {
    pageEvents.reachBottom = fn;
  }),
  usePullDownRefresh: jest.fn((fn: () => void) => {
    pageEvents.pullDownRefresh = fn;
  }),
  stopPullDownRefresh: jest.fn(() => ok()),
  /** The page stack; one entry = opened by a deep link (nothing to go back to). */
  getCurrentPages: jest.fn((): unknown[] => [{}, {}]),
  nextTick: (fn: () => void) => setTimeout(fn, 0),
  pxTransform: (n: number) => `${n / 2}px`,
  getSystemInfoSync: jest.fn(
    (): Record<string, unknown> => ({
      windowWidth: 375,
      windowHeight: 667,
      pixelRatio: 2,
      platform: 'devtools',
      fontSizeSetting: 16,
    }),
  ),
  getWindowInfo: jest.fn(() => ({ windowWidth: 375, windowHeight: 667, pixelRatio: 2 })),
  request: jest.fn(() => Promise.reject(new Error('component tests mock src/services instead'))),
  /** Photos: tests program the picked files (`mockResolvedValueOnce({ tempFiles: [...] })`) or a cancel. */
  chooseMedia: jest.fn(() =>
    ok({ tempFiles: [] as { tempFilePath: string; size: number }[], type: 'image' }),
  ),
  previewImage: jest.fn(() => ok()),
  /** weapp: WeChat asks before its own back leaves the page (unsaved edits). */
  enableAlertBeforeUnload: jest.fn((_options: { message: string }) => undefined),
  disableAlertBeforeUnload: jest.fn(() => undefined),
};

/** Sets the current page's query (what `useRouter().params` returns). */
export function setRouterParams(params: Record<string, string | undefined>): void {
  router.params = params;
}

/** Scrolls the rendered page to the bottom (calls its `useReachBottom` handler). */
export function triggerReachBottom(): void {
  pageEvents.reachBottom?.();
}

/** Pulls the rendered page down (calls its `usePullDownRefresh` handler). */
export function triggerPullDownRefresh(): void {
  pageEvents.pullDownRefresh?.();
}

/** Tells the network listeners that the phone is (dis)connected. */
export function triggerNetworkStatus(isConnected: boolean): void {
  networkListeners.forEach((fn) => fn({ isConnected, networkType: isConnected ? 'wifi' : 'none' }));
}

/** Shows the rendered page again (calls its `useDidShow` handlers). */
export function triggerDidShow(): void {
  didShowHandlers.forEach((fn) => fn());
}

/** Hides the rendered page (calls its `useDidHide` handlers). */
export function triggerDidHide(): void {
  didHideHandlers.forEach((fn) => fn());
}

/** Restores every stubbed API's default behaviour and clears storage and router params. */
export function resetTaroStub(): void {
  storage.clear();
  networkListeners.clear();
  didShowHandlers.clear();
  didHideHandlers.clear();
  router.params = {};
  delete pageEvents.reachBottom;
  delete pageEvents.pullDownRefresh;
  for (const value of Object.values(api)) {
    if (typeof value === 'function' && 'mockClear' in value) (value as jest.Mock).mockClear();
  }
  api.getLocation.mockImplementation(() => ok({ latitude: 39.025, longitude: 117.655 }));
  api.showModal.mockImplementation(() => ok({ confirm: true, cancel: false }));
  api.requestSubscribeMessage.mockImplementation(() => ok());
  api.getCurrentPages.mockImplementation(() => [{}, {}]);
  api.chooseMedia.mockReset().mockImplementation(() => ok({ tempFiles: [], type: 'image' }));
  api.previewImage.mockReset().mockImplementation(() => ok());
  api.getSystemInfoSync.mockImplementation(() => ({
    windowWidth: 375,
    windowHeight: 667,
    pixelRatio: 2,
    platform: 'devtools',
    fontSizeSetting: 16,
  }));
}

export const {
  ENV_TYPE,
  getEnv,
  getLocation,
  navigateTo,
  redirectTo,
  navigateBack,
  switchTab,
  requestSubscribeMessage,
  makePhoneCall,
  openLocation,
  openSetting,
  showToast,
  pageScrollTo,
  showModal,
  getStorageSync,
  setStorageSync,
  removeStorageSync,
  useRouter,
  useDidShow,
  useDidHide,
  onNetworkStatusChange,
  offNetworkStatusChange,
  useReachBottom,
  usePullDownRefresh,
  stopPullDownRefresh,
  getCurrentPages,
  nextTick,
  pxTransform,
  getSystemInfoSync,
  getWindowInfo,
  request,
  chooseMedia,
  previewImage,
  enableAlertBeforeUnload,
  disableAlertBeforeUnload,
} = api;
export default api;
