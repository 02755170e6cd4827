import { fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { eventually } from '../../../test/eventually';
import { request } from '../../../test/request-fixtures';
import * as requests from '../../services/requests';
import MyRequestsPage from './index';

jest.mock('../../services/requests');
const api = jest.mocked(requests);

beforeEach(() => {
  for (const fn of Object.values(api)) if (jest.isMockFunction(fn)) fn.mockReset();
});

describe('我的求助', () => {
  it('lists the requests with status symbol and words, and opens one', async () => {
    api.listMyRequests.mockResolvedValue({
      ok: true,
      data: {
        items: [
          request({
            id: 'rq-2',
            status: 'completed',
            statusLabel: '已完成',
            canRate: true,
            canCancel: false,
          }),
          request({ id: 'rq-1', itemId: null, itemTitle: null, area: '社会救助', slot: null }),
        ],
        nextOffset: null,
      },
    });
    render(<MyRequestsPage />);
    await eventually(() => screen.getByText('★ 已完成'));
    expect(screen.getByText('○ 已提交')).toBeTruthy();
    expect(screen.getByText('其他需求 · 社会救助')).toBeTruthy();
    expect(screen.getByText('★ 服务已完成，请您评价')).toBeTruthy();
    expect(screen.getByText('预约：12月1日（周二） 09:00')).toBeTruthy();
    fireEvent.click(screen.getByText('其他需求 · 社会救助'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/request-detail/index?id=rq-1' });
  });

  it('has an empty state that leads to the form, and an error state with retry', async () => {
    api.listMyRequests
      .mockResolvedValueOnce({ ok: false, error: { code: 'internal', message: '网络不太好，请稍后重试' } })
      .mockResolvedValueOnce({ ok: true, data: { items: [], nextOffset: null } });
    render(<MyRequestsPage />);
    await eventually(() => screen.getByText('我的求助没有加载出来'));
    fireEvent.click(screen.getByText('重试'));
    await eventually(() => screen.getByText('您还没有求助记录'));
    fireEvent.click(screen.getByText('我要求助'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/request/index' });
  });
});
