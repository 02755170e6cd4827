import { View } from '@tarojs/components';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useCareMode } from '../hooks/use-care-mode';
import { createLeaveGuards, LeaveGuardContext } from '../hooks/use-leave-guard';
import { BackBar } from './BackBar';

/** Class on the H5 document while 关怀模式 is on: themes what Taro draws outside the page (tab bar, modal, picker). */
export const DOCUMENT_CARE_CLASS = 'sgz-care';

/**
 * H5 only: what the page root cannot do from inside the page. Taro's router draws each page
 * in a scrolling `.taro_page` container: it is made keyboard-reachable (tabindex 0, so a page
 * without a focusable element can still be scrolled with the keyboard; axe
 * scrollable-region-focusable); the tab bar is marked as navigation. And the document carries {@link DOCUMENT_CARE_CLASS} in
 * 关怀模式, so app.scss can size the tab bar, the modal and the date picker.
 */
function useH5Document(root: { current: unknown }, careMode: boolean): void {
  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5' || typeof document === 'undefined') return;
    document.documentElement.classList.toggle(DOCUMENT_CARE_CLASS, careMode);
    const el = root.current;
    const scroller = el instanceof HTMLElement ? el.closest('.taro_page') : null;
    if (scroller && !scroller.hasAttribute('tabindex')) scroller.setAttribute('tabindex', '0');
    // The H5 tab bar (找社工站 / 我的) is the app's navigation landmark.
    const tabBar = document.querySelector('.weui-tabbar');
    if (tabBar && !tabBar.hasAttribute('role')) {
      tabBar.setAttribute('role', 'navigation');
      tabBar.setAttribute('aria-label', '底部导航');
    }
  }, [root, careMode]);
}

/**
 * Root of every page: the main landmark (`role="main"`: screen readers jump to it, and no
 * content is left outside a landmark), carries the theme class (and `care-mode` when 关怀模式
 * is on) and, on every page but the tab pages (`tab`), the H5 build's 返回 bar (weapp has its
 * own navigation bar). It keeps the page's leave guards (useLeaveGuard): forms inside hold
 * 返回 while they have unsaved edits.
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
  const root = useRef<unknown>(null);
  const [guards] = useState(createLeaveGuards);
  useH5Document(root, careMode);
  const classes = ['sgz-page', careMode ? 'care-mode' : '', className ?? ''].filter(Boolean).join(' ');
  return (
    <LeaveGuardContext.Provider value={guards}>
      <View ref={root} className={classes} role="main">
        {process.env.TARO_ENV === 'h5' && !tab ? <BackBar /> : null}
        {children}
      </View>
    </LeaveGuardContext.Provider>
  );
}
