import type { Result, WireError } from '@sgz/shared';
import { useCallback, useRef, useState } from 'react';
import type { LoadStatus } from './use-load';

/** One page as the server answers it (`nextCursor: null` = no more). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Fetches the page after `cursor` (null: the first page). */
export type FetchPage<T> = (cursor: string | null, limit: number) => Promise<Result<Page<T>>>;

/** What the list below the last item shows. */
export type MoreState = { status: 'idle' } | { status: 'loading' } | { status: 'error'; error: WireError };

/** State of a paged list. */
export type PagedState<T> =
  | { status: 'loading' }
  | { status: 'error'; error: WireError }
  | { status: 'ready'; items: T[]; nextCursor: string | null; more: MoreState };

/** The list's state as {@link LoadView} draws it: `empty` when the first page has no entry. */
export const pagedStatus = <T>(state: PagedState<T>): LoadStatus =>
  state.status === 'ready' && state.items.length === 0 ? 'empty' : state.status;

/** Largest page the server serves (`MAX_REQUESTS_PAGE`); a silent refresh asks at most this many at once. */
const MAX_PAGE = 50;

/**
 * A list that loads page by page (`cursor` / `nextCursor`, the server's cursor paging): `reload` starts again from the
 * first page (showing the loading state unless `quiet`; answers whether it worked), `loadMore` appends the next page (an error keeps
 * what is loaded), `refresh` fetches again as many entries as are shown without a loading
 * state (back from a detail). Answers to an older `reload` are dropped, so changing a filter
 * while a page is on its way never mixes two lists.
 */
export function usePagedList<T extends { id: string }>(fetchPage: FetchPage<T>, pageSize: number) {
  const [state, setState] = useState<PagedState<T>>({ status: 'loading' });
  const stateRef = useRef(state);
  stateRef.current = state;
  const generation = useRef(0);
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;
  const busy = useRef(false);

  const reload = useCallback(
    async (opts?: { quiet?: boolean }) => {
      const gen = ++generation.current;
      busy.current = false;
      if (!opts?.quiet) setState({ status: 'loading' });
      const res = await fetchRef.current(null, pageSize);
      if (gen !== generation.current) return true;
      if (res.ok) {
        setState({
          status: 'ready',
          items: res.data.items,
          nextCursor: res.data.nextCursor,
          more: { status: 'idle' },
        });
      } else if (!opts?.quiet || stateRef.current.status !== 'ready') {
        setState({ status: 'error', error: res.error });
      }
      return res.ok;
    },
    [pageSize],
  );

  const loadMore = useCallback(async () => {
    const current = stateRef.current;
    if (current.status !== 'ready' || current.nextCursor === null || busy.current) return;
    busy.current = true;
    const gen = generation.current;
    setState({ ...current, more: { status: 'loading' } });
    const res = await fetchRef.current(current.nextCursor, pageSize);
    if (gen !== generation.current) return;
    busy.current = false;
    setState((s) => {
      if (s.status !== 'ready') return s;
      if (!res.ok) return { ...s, more: { status: 'error', error: res.error } };
      // An entry moved between pages meanwhile (a status change): never show one twice.
      const seen = new Set(s.items.map((i) => i.id));
      const fresh = res.data.items.filter((i) => !seen.has(i.id));
      return {
        status: 'ready',
        items: [...s.items, ...fresh],
        nextCursor: res.data.nextCursor,
        more: { status: 'idle' },
      };
    });
  }, [pageSize]);

  /** Fetches again the entries shown (at least one page); on an error keeps the list as it is. */
  const refresh = useCallback(async () => {
    const current = stateRef.current;
    if (current.status !== 'ready') {
      await reload();
      return;
    }
    const gen = ++generation.current;
    busy.current = false;
    const want = Math.max(current.items.length, pageSize);
    const items: T[] = [];
    let cursor: string | null = null;
    let more = true;
    while (more && items.length < want) {
      const res: Result<Page<T>> = await fetchRef.current(cursor, Math.min(MAX_PAGE, want - items.length));
      if (gen !== generation.current) return;
      if (!res.ok) {
        setState((s) => (s.status === 'ready' ? { ...s, more: { status: 'idle' } } : s));
        return;
      }
      const seen = new Set(items.map((i) => i.id));
      items.push(...res.data.items.filter((i) => !seen.has(i.id)));
      cursor = res.data.nextCursor;
      more = cursor !== null;
    }
    setState({ status: 'ready', items, nextCursor: cursor, more: { status: 'idle' } });
  }, [pageSize, reload]);

  return { state, reload, loadMore, refresh };
}
