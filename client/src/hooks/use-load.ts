import type { Result, WireError } from '@sgz/shared';
import { useCallback, useEffect, useRef, useState } from 'react';

/** What a loaded section shows: {@link LoadView} draws every state but `ready`. */
export type LoadStatus = 'loading' | 'ready' | 'empty' | 'error';

/** State of one load. `empty` is a successful answer with nothing to show (`isEmpty`). */
export type LoadState<T> =
  | { status: 'loading' }
  | { status: 'ready' | 'empty'; data: T }
  | { status: 'error'; error: WireError };

/** Options of {@link useLoad}. */
export interface UseLoadOptions<T> {
  /** A successful answer that has nothing to show (→ `empty`). */
  isEmpty?: (data: T) => boolean;
  /**
   * When `loader` changes (a search text), keep what is shown until the new answer
   * (`refreshing` meanwhile) instead of the loading state.
   */
  keepWhileChanging?: boolean;
}

/**
 * Runs `loader` (a service call answering the shared `Result<T>`) when the component
 * mounts and again whenever `loader` changes (wrap it in `useCallback` with what it
 * depends on), and tells what to show: `loading`, `ready` / `empty` with `data`, or
 * `error` with the server's `error`. Answers to an older call, or after unmount, are dropped.
 *
 * - `retry()` shows the loading state and asks again (the 重试 of an error).
 * - `reload()` asks again quietly: what is shown stays until the answer; a failure keeps
 *   shown data (the caller gets the `Result` to say so) and only replaces a non-ready state.
 * - When `loader` changes, the loading state shows again; with `keepWhileChanging` what is
 *   shown stays until the new answer (`refreshing` meanwhile), and a failure shows the error.
 * - `setData(data)` shows data another call answered (e.g. the request after 取消求助).
 */
export function useLoad<T>(loader: () => Promise<Result<T>>, options: UseLoadOptions<T> = {}) {
  // Each state remembers the loader it came from: when `loader` changes, the old answer is
  // not shown for a frame under the new input (it reads as loading, unless kept).
  const [current, setCurrent] = useState<{ state: LoadState<T>; by: unknown }>(() => ({
    state: { status: 'loading' },
    by: loader,
  }));
  const [refreshing, setRefreshing] = useState(false);
  const keep = options.keepWhileChanging ?? false;
  const stale = current.by !== loader;
  const state: LoadState<T> = stale && !keep ? { status: 'loading' } : current.state;
  const stateRef = useRef(state);
  stateRef.current = state;
  const loaderRef = useRef(loader);
  loaderRef.current = loader;
  const isEmptyRef = useRef(options.isEmpty);
  isEmptyRef.current = options.isEmpty;
  const generation = useRef(0);
  const live = useRef(true);
  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);

  const toState = useCallback((data: T): LoadState<T> => {
    const empty = isEmptyRef.current?.(data) ?? false;
    return { status: empty ? 'empty' : 'ready', data };
  }, []);

  /**
   * `show`: the loading state first. `change` (a new loader, kept) and `quiet` (reload): what
   * is shown stays while the answer is on its way; a failure replaces it after `change` (it
   * belonged to another input) and keeps it after `quiet`.
   */
  const run = useCallback(
    async (mode: 'show' | 'change' | 'quiet'): Promise<Result<T>> => {
      const gen = ++generation.current;
      const by = loaderRef.current;
      const shown = stateRef.current.status === 'ready' || stateRef.current.status === 'empty';
      if (mode === 'show' || !shown) setCurrent({ state: { status: 'loading' }, by });
      else setRefreshing(true);
      const res = await by();
      if (!live.current || gen !== generation.current) return res;
      setRefreshing(false);
      if (res.ok) setCurrent({ state: toState(res.data), by });
      else if (mode !== 'quiet' || !shown) setCurrent({ state: { status: 'error', error: res.error }, by });
      return res;
    },
    [toState],
  );

  const retry = useCallback(() => void run('show'), [run]);
  const reload = useCallback(() => run('quiet'), [run]);
  const setData = useCallback(
    (data: T) => {
      generation.current += 1; // an answer still on its way is older than this
      setRefreshing(false);
      setCurrent({ state: toState(data), by: loaderRef.current });
    },
    [toState],
  );

  useEffect(() => {
    void run(keep ? 'change' : 'show');
    // `keep` is a fixed choice of the caller; only a new loader asks again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [loader, run]);

  return {
    state,
    status: state.status,
    data: state.status === 'ready' || state.status === 'empty' ? state.data : undefined,
    error: state.status === 'error' ? state.error : undefined,
    /** A kept answer is shown while the next one is on its way. */
    refreshing: refreshing || (stale && keep),
    retry,
    reload,
    setData,
  };
}

/** What {@link useLoad} returns, for components that draw a load their parent runs. */
export type Loaded<T> = ReturnType<typeof useLoad<T>>;
