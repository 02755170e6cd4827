import type { Role, WhoAmIOutput } from '@sgz/shared';
import { fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { eventually } from '../../../test/eventually';
import * as accounts from '../../services/accounts';
import * as requests from '../../services/requests';
import { ROUTES } from '../../utils/routes';
import MinePage from './index';
import { sectionsFor } from './role-sections';

jest.mock('../../services/accounts');
jest.mock('../../services/requests');
jest.mock('../../services/roster', () => ({
  getMyFile: jest.fn(() => Promise.resolve({ ok: true, data: { file: null } })),
}));
jest.mock('../../services/files', () => ({
  countDue: jest.fn(() =>
    Promise.resolve({ ok: true, data: { day: '2026-12-02', overdue: 0, today: 0, week: 0 } }),
  ),
}));
const acc = jest.mocked(accounts);
const api = jest.mocked(requests);

const staff = (role: Role): WhoAmIOutput => ({
  userId: 'u-w',
  role,
  roleLabel: role === 'station_head' ? '站长' : '社工',
  active: true,
  deactivatedRole: null,
  stationId: 'st-tanggu',
  stationIds: [],
  profile: { name: '王社工', phoneMasked: null },
  privacy: {
    currentVersion: '2026-11-01',
    acceptedVersion: '2026-11-01',
    acceptedAt: '2026-11-20T02:00:00.000Z',
    accepted: true,
  },
  qualification: null,
});

beforeEach(() => {
  acc.listMyConsents.mockResolvedValue({ ok: true, data: { items: [] } });
  api.countStationRequests.mockResolvedValue({ ok: true, data: { stationId: 'st-tanggu', submitted: 3 } });
});

describe('我的: one tap to the station queue with the count of new requests (issue 15 item 9)', () => {
  it.each(['social_worker', 'station_head'] as const)('%s: 本站居民求助 · 3 条待处理', async (role) => {
    acc.whoAmI.mockResolvedValue({ ok: true, data: staff(role) });
    render(<MinePage />);
    const entry = await eventually(() => screen.getByText('本站居民求助'));
    await eventually(() => screen.getByText('3 条待处理'));
    expect(api.countStationRequests).toHaveBeenCalledWith({});
    fireEvent.click(entry);
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: ROUTES.workerRequests });
  });

  it('shows no count when nothing is new, or when the count fails (the entry stays)', async () => {
    api.countStationRequests.mockResolvedValueOnce({
      ok: true,
      data: { stationId: 'st-tanggu', submitted: 0 },
    });
    acc.whoAmI.mockResolvedValue({ ok: true, data: staff('social_worker') });
    render(<MinePage />);
    await eventually(() => screen.getByText('本站居民求助'));
    await eventually(() => expect(api.countStationRequests).toHaveBeenCalled());
    expect(screen.queryByText(/条待处理/)).toBeNull();
  });
});

describe('我的 advertises only what is built (issue 15 item 18)', () => {
  it.each(['social_worker', 'station_head', 'supervisor', 'district_admin'] as const)('%s', (role) => {
    for (const s of sectionsFor(role, true)) {
      expect({ title: s.title, description: s.description }).toEqual({
        title: s.title,
        description: expect.not.stringMatching(/年度指标|邀请|审计日志|督导记录|个案工作|全区社工站/),
      });
    }
  });
});
