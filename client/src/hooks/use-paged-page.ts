import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { useEffect, useRef } from 'react';
import { usePagedList, type FetchPage } from './use-paged-list';

/**
 * {@link usePagedList} wired to a Taro page's lifecycle, the same for every paged
 * list page: load on open and whenever `fetchPage` changes (a filter), refresh what
 * is shown when the page is shown again (back from a detail), the next page at the
 * bottom, and pull-down to start again (a failed pull keeps the list and says so).
 */
export function usePagedPage<T extends { id: string }>(fetchPage: FetchPage<T>, pageSize: number) {
  const list = usePagedList(fetchPage, pageSize);
  const { reload, loadMore, refresh } = list;
  useEffect(() => {
    void reload();
  }, [reload, fetchPage]);
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) void refresh();
    shown.current = true;
  });
  useReachBottom(() => void loadMore());
  usePullDownRefresh(() => {
    void reload({ quiet: true }).then((ok) => {
      void Taro.stopPullDownRefresh();
      if (!ok) void Taro.showToast({ title: '刷新失败，请稍后重试', icon: 'none' });
    });
  });
  return list;
}
