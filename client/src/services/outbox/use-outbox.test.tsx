/**
 * The hook a page uses (待同步 N, warnings) and the Taro network watch: a page
 * re-renders as items move, a page show flushes, the network coming back flushes.
 */
import { act, render, screen } from '@testing-library/react';
import { Text, View } from '@tarojs/components';
import { createFakeServer, manualClock, manualTimers, seededRandom } from '../../../test/outbox';
import { eventually } from '../../../test/eventually';
import { offNetworkStatusChange, onNetworkStatusChange } from '@tarojs/taro';
import { triggerDidShow, triggerNetworkStatus } from '../../../test/taro-stub';
import { DAY_MS } from './outbox';
import { OVERDUE_WARNING, pendingLabel } from './messages';
import { taroNetworkWatch } from './network';
import { createOutbox, type Outbox } from './outbox';
import { createMemoryStorage } from './storage-memory';
import { useOutbox } from './use-outbox';

const ID = 'vs-hook-0001';

function Badge({ outbox }: { outbox: Outbox }) {
  const view = useOutbox(outbox);
  return (
    <View>
      <Text>{view.loaded ? pendingLabel(view.pending) : '读取中'}</Text>
      {view.warning ? <Text>{view.warning}</Text> : null}
    </View>
  );
}

function setup() {
  const server = createFakeServer();
  const clock = manualClock();
  const outbox = createOutbox({
    storage: createMemoryStorage(),
    kinds: [{ kind: 'visit', send: (item) => server.send(item) }],
    now: clock.read,
    random: seededRandom(3),
    timers: manualTimers(),
    network: taroNetworkWatch,
  });
  return { server, clock, outbox };
}

describe('useOutbox', () => {
  it('shows 待同步 N, the 24 h warning, and sends on page show and when the network is back', async () => {
    const { server, clock, outbox } = setup();
    server.mode = 'down';
    await act(async () => {
      await outbox.start();
      await outbox.save({ id: ID, kind: 'visit', payload: { note: '入户' }, mode: 'submit' });
      await outbox.flush('show');
    });
    render(<Badge outbox={outbox} />);
    expect(screen.getByText('待同步 1')).toBeTruthy();
    expect(screen.queryByText(OVERDUE_WARNING)).toBeNull();

    // A day later, still offline: the warning shows after the next show.
    clock.advance(DAY_MS + 1);
    await act(async () => {
      triggerDidShow();
      await outbox.flush('show');
    });
    expect(screen.getByText(OVERDUE_WARNING)).toBeTruthy();
    const triesBefore = outbox.get(ID)?.attempts ?? 0;

    // The network is back: Taro's event flushes and the badge drops to 0.
    server.mode = 'ok';
    await act(async () => {
      triggerNetworkStatus(true);
      await outbox.flush('show');
    });
    await eventually(() => expect(screen.getByText('待同步 0')).toBeTruthy());
    expect(outbox.get(ID)?.status).toBe('synced');
    expect(server.calls).toHaveLength(1);
    expect(triesBefore).toBeGreaterThan(0);
    outbox.stop();
  });

  it('stops listening to the network when stopped', async () => {
    const { outbox } = setup();
    await outbox.start();
    expect(onNetworkStatusChange).toHaveBeenCalledTimes(1);
    const listener = (onNetworkStatusChange as jest.Mock).mock.calls[0][0];
    outbox.stop();
    expect(offNetworkStatusChange).toHaveBeenCalledWith(listener);
  });
});
