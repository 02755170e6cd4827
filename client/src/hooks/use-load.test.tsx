import type { Result } from '@sgz/shared';
import { act, render } from '@testing-library/react';
import { useCallback, useState } from 'react';
import { eventually } from '../../test/eventually';
import { useLoad, type Loaded } from './use-load';

type Answer = Result<string[]>;

/** A loader whose answers the test gives, one pending promise per call. */
function pending() {
  const calls: { arg: string; resolve: (a: Answer) => void }[] = [];
  const load = (arg: string) => new Promise<Answer>((resolve) => calls.push({ arg, resolve }));
  return { calls, load };
}

let seen: Loaded<string[]>;
let setArg: (a: string) => void;

function Probe(props: { load: (arg: string) => Promise<Answer>; keep?: boolean }) {
  const [arg, set] = useState('a');
  setArg = set;
  const { load } = props;
  const loader = useCallback(() => load(arg), [load, arg]);
  seen = useLoad(loader, { isEmpty: (d) => d.length === 0, keepWhileChanging: props.keep });
  return null;
}

const ok = (data: string[]): Answer => ({ ok: true, data });
const fail: Answer = { ok: false, error: { code: 'internal', message: '网络不太好，请稍后重试' } };

it('loads, tells empty from ready, and retries after an error', async () => {
  const p = pending();
  render(<Probe load={p.load} />);
  expect(seen.status).toBe('loading');
  await act(async () => p.calls[0]!.resolve(fail));
  expect(seen.status).toBe('error');
  expect(seen.error?.message).toBe('网络不太好，请稍后重试');
  act(() => seen.retry());
  expect(seen.status).toBe('loading');
  await act(async () => p.calls[1]!.resolve(ok([])));
  expect(seen.status).toBe('empty');
});

it('a quiet reload keeps what is shown when it fails', async () => {
  const p = pending();
  render(<Probe load={p.load} />);
  await act(async () => p.calls[0]!.resolve(ok(['x'])));
  let answer: Promise<Answer> | undefined;
  act(() => {
    answer = seen.reload();
  });
  expect(seen.refreshing).toBe(true);
  await act(async () => p.calls[1]!.resolve(fail));
  expect((await answer!).ok).toBe(false);
  expect(seen.status).toBe('ready');
  expect(seen.data).toEqual(['x']);
});

it('a new input shows loading at once (never the old answer under it), and drops older answers', async () => {
  const p = pending();
  render(<Probe load={p.load} />);
  await act(async () => p.calls[0]!.resolve(ok(['for a'])));
  act(() => setArg('b'));
  expect(seen.status).toBe('loading');
  act(() => setArg('c'));
  await eventually(() => expect(p.calls.map((c) => c.arg)).toEqual(['a', 'b', 'c']));
  await act(async () => p.calls[2]!.resolve(ok(['for c'])));
  await act(async () => p.calls[1]!.resolve(ok(['for b']))); // late: dropped
  expect(seen.data).toEqual(['for c']);
});

it('with keepWhileChanging, shows the old answer until the new one, then an error if it fails', async () => {
  const p = pending();
  render(<Probe load={p.load} keep />);
  await act(async () => p.calls[0]!.resolve(ok(['for a'])));
  act(() => setArg('b'));
  expect(seen.data).toEqual(['for a']);
  expect(seen.refreshing).toBe(true);
  await eventually(() => expect(p.calls).toHaveLength(2));
  await act(async () => p.calls[1]!.resolve(fail));
  expect(seen.status).toBe('error');
});
