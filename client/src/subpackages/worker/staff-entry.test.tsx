import type { WhoAmIOutput } from '@sgz/shared';
import { fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { eventually } from '../../../test/eventually';
import { request } from '../../../test/request-fixtures';
import { setRouterParams } from '../../../test/taro-stub';
import * as accounts from '../../services/accounts';
import * as requests from '../../services/requests';
import StationRequestPage from './request/index';
import StationRequestsPage from './requests/index';

jest.mock('../../services/accounts');
jest.mock('../../services/requests');
const acc = jest.mocked(accounts);
const api = jest.mocked(requests);

const worker = { userId: 'u-w', role: 'social_worker', stationId: 'st-tanggu' } as WhoAmIOutput;

beforeEach(() => {
  for (const fn of Object.values(api)) if (jest.isMockFunction(fn)) fn.mockReset();
  acc.whoAmI.mockResolvedValue({ ok: true, data: worker });
});

describe('本站居民求助 (issue 15 item 9): the queue on its own page, new ones first', () => {
  it('opens on the 待处理 (submitted) requests of the station', async () => {
    api.listStationRequests.mockResolvedValue({ ok: true, data: { items: [request()], nextCursor: null } });
    render(<StationRequestsPage />);
    await eventually(() => screen.getByText('高龄独居老人上门探访'));
    expect(api.listStationRequests).toHaveBeenCalledWith(
      expect.objectContaining({ stationId: 'st-tanggu', status: 'submitted' }),
    );
    fireEvent.click(screen.getByText('全部'));
    await eventually(() =>
      expect(api.listStationRequests).toHaveBeenLastCalledWith(
        expect.not.objectContaining({ status: expect.anything() }),
      ),
    );
  });
});

describe('the request detail for staff (issue 15 item 10)', () => {
  it('offers 拨打电话 to the contact phone the station sees in full', async () => {
    setRouterParams({ id: 'rq-1' });
    api.getRequest.mockResolvedValue({ ok: true, data: { request: request({ staffActions: ['accept'] }) } });
    render(<StationRequestPage />);
    const call = await eventually(() => screen.getByText('拨打电话'));
    fireEvent.click(call);
    expect(Taro.makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '13812345678' });
  });

  it('names the family member the request is for, and offers no call for a masked phone', async () => {
    setRouterParams({ id: 'rq-2' });
    api.getRequest.mockResolvedValue({
      ok: true,
      data: {
        request: request({
          id: 'rq-2',
          contactPhone: '138****5678',
          forWhom: 'family',
          beneficiary: {
            relationship: '子女',
            name: '李建国',
            consentAt: '2026-11-27T01:30:00.000Z',
            consentVersion: null,
          },
        }),
      },
    });
    render(<StationRequestPage />);
    await eventually(() => screen.getByText(/李建国/));
    expect(screen.queryByText('拨打电话')).toBeNull();
  });
});
