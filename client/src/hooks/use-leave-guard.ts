import Taro from '@tarojs/taro';
import { createContext, useContext, useEffect } from 'react';

/** The question of the dialog that 返回 opens while a form has unsaved edits (未保存的修改). */
export const LEAVE_TITLE = '放弃还没保存的修改吗？';

/** The line under {@link LEAVE_TITLE} when the page gives none. */
export const DEFAULT_LEAVE_MESSAGE = '刚才的修改还没有保存，离开后就没有了。';

/** One form's hold on the page: what the dialog says about its unsaved edits. */
export interface LeaveGuard {
  message: string;
}

/** The guards of one page, kept by its PageRoot and read by its 返回 (BackBar) when tapped. */
export interface LeaveGuards {
  /** Holds the page until the returned function is called. */
  add(guard: LeaveGuard): () => void;
  /** The newest guard still holding the page, or undefined: nothing unsaved, 返回 leaves at once. */
  active(): LeaveGuard | undefined;
}

/** A page's guard list (a plain list: 返回 reads it when tapped, so nothing re-renders on a change). */
export function createLeaveGuards(): LeaveGuards {
  const list: LeaveGuard[] = [];
  return {
    add(guard) {
      list.push(guard);
      return () => {
        const at = list.indexOf(guard);
        if (at >= 0) list.splice(at, 1);
      };
    },
    active: () => list[list.length - 1],
  };
}

/** Provided by PageRoot; null outside a page (the guard then only covers the platform's own back). */
export const LeaveGuardContext = createContext<LeaveGuards | null>(null);

/** H5: the browser's own "leave this site?" when the tab is closed or reloaded. */
function holdBrowserTab(): () => void {
  const onBeforeUnload = (event: BeforeUnloadEvent) => {
    event.preventDefault();
    // Older browsers (and some in-app WebViews) ask only when returnValue is set.
    event.returnValue = '';
  };
  window.addEventListener('beforeunload', onBeforeUnload);
  return () => window.removeEventListener('beforeunload', onBeforeUnload);
}

/** weapp: WeChat asks before its navigation bar's back or the back gesture leaves the page. */
function holdWeappPage(message: string): () => void {
  try {
    Taro.enableAlertBeforeUnload({ message: `${message}确定离开吗？` });
  } catch {
    // An old WeChat without it: nothing to undo, the page's own buttons still ask.
    return () => undefined;
  }
  return () => {
    try {
      Taro.disableAlertBeforeUnload();
    } catch {
      /* nothing to undo */
    }
  };
}

/**
 * While `dirty` (the form has edits not yet saved), leaving the page asks first:
 * - H5: the page's 返回 (BackBar) opens the themed dialog, 放弃修改 / 继续编辑, with
 *   `message` under {@link LEAVE_TITLE}; closing or reloading the tab gets the browser's
 *   own question (`beforeunload`).
 * - weapp: WeChat's own back asks (enableAlertBeforeUnload), with `message`.
 * A form whose edits are kept anyway (a draft saved on every change) needs no guard.
 */
export function useLeaveGuard(dirty: boolean, message: string = DEFAULT_LEAVE_MESSAGE): void {
  const guards = useContext(LeaveGuardContext);
  useEffect(() => {
    if (!dirty) return undefined;
    const release: (() => void)[] = [];
    if (guards) release.push(guards.add({ message }));
    if (process.env.TARO_ENV === 'weapp') release.push(holdWeappPage(message));
    if (process.env.TARO_ENV === 'h5' && typeof window !== 'undefined') release.push(holdBrowserTab());
    return () => release.forEach((undo) => undo());
  }, [dirty, message, guards]);
}
