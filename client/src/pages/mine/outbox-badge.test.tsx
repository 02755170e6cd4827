/** 我的: 待同步 N beside the worker entry, from the app's outbox (a memory one here). */
import type { Result, WhoAmIOutput } from '@sgz/shared';
import { act, render, screen } from '@testing-library/react';
import { eventually } from '../../../test/eventually';
import { manualClock, manualTimers, seededRandom } from '../../../test/outbox';
import * as accounts from '../../services/accounts';
import { createOutbox, type Outbox, type SendReply } from '../../services/outbox/outbox';
import { createMemoryStorage } from '../../services/outbox/storage-memory';
import MinePage from './index';

const mockRig: { outbox: Outbox | null } = { outbox: null };
jest.mock('../../services/app-outbox', () => ({
  get appOutbox() {
    return mockRig.outbox;
  },
  startAppOutbox: () => Promise.resolve(),
}));
jest.mock('../../services/accounts');
jest.mock('../../services/roster', () => ({
  getMyFile: jest.fn(() => Promise.resolve({ ok: true, data: { file: null } })),
}));
jest.mock('../../services/files', () => ({
  countDue: jest.fn(() =>
    Promise.resolve({ ok: true, data: { day: '2025-03-03', overdue: 0, today: 0, week: 0 } }),
  ),
}));

const worker = {
  userId: 'u-w',
  role: 'social_worker',
  roleLabel: '社工',
  active: true,
  deactivatedRole: null,
  stationId: 'st-tanggu',
  stationIds: ['st-tanggu'],
  profile: { name: '王芳', phoneMasked: null },
  privacy: { currentVersion: 'v1', acceptedVersion: 'v1', acceptedAt: null, accepted: true },
  qualification: null,
} as WhoAmIOutput;

const offline: Result<SendReply> = {
  ok: false,
  error: { code: 'internal', message: '网络不太好', details: { transport: true } },
};

beforeEach(() => {
  jest.mocked(accounts.whoAmI).mockResolvedValue({ ok: true, data: worker });
  jest.mocked(accounts.listMyConsents).mockResolvedValue({ ok: true, data: { items: [] } });
  mockRig.outbox = createOutbox({
    storage: createMemoryStorage(),
    kinds: [{ kind: 'visit', send: () => Promise.resolve(offline) }],
    now: manualClock().read,
    random: seededRandom(1),
    timers: manualTimers(),
  });
});
afterEach(() => mockRig.outbox?.stop());

it('shows 待同步 N beside the worker entry while records wait, nothing when none', async () => {
  const outbox = mockRig.outbox!;
  await act(() => outbox.start());
  const view = render(<MinePage />);
  await eventually(() => screen.getByText('社工工作台'));
  expect(screen.queryByText(/^待同步/)).toBeNull();
  view.unmount();

  await act(async () => {
    await outbox.save({ id: 'vs-mine-0001', kind: 'visit', payload: { a: 1 }, mode: 'submit' });
    await outbox.flush('save');
  });
  render(<MinePage />);
  await eventually(() => screen.getByText('待同步 1'));
});
