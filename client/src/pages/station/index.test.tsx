import { fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { eventually } from '../../../test/eventually';
import { emptyDetail } from '../../../test/fixtures';
import { setRouterParams } from '../../../test/taro-stub';
import { getStation } from '../../services/stations';
import StationPage from './index';

jest.mock('../../services/stations');
const mockedGet = jest.mocked(getStation);

beforeEach(() => {
  mockedGet.mockReset();
  setRouterParams({ id: 'st-tanggu' });
});

/** The visible value next to a field label. */
const valueOf = (label: string) =>
  screen.getByText(label).closest('.station__field')!.querySelector('.station__value')!.textContent;

describe('station page', () => {
  it('shows empty fields as 暂未公布 and disables the call button when there is no phone', async () => {
    mockedGet.mockResolvedValue({ ok: true, data: emptyDetail() });
    render(<StationPage />);

    await eventually(() => screen.getByText('滨海新区塘沽街道社会工作服务站'));
    expect(mockedGet).toHaveBeenCalledWith({ id: 'st-tanggu' });
    for (const label of [
      '地址',
      '服务时间',
      '电话',
      '一站一品（特色服务）',
      '服务领域',
      '活动场所',
      '位置',
    ]) {
      expect(valueOf(label)).toBe('暂未公布');
    }
    expect(valueOf('所属街镇')).toBe('塘沽街道');

    const call = screen.getByText('暂未公布电话').closest('taro-button-core')!;
    expect(call.className).toContain('sgz-button--disabled');
    fireEvent.click(call);
    expect(Taro.makePhoneCall).not.toHaveBeenCalled();
    expect(screen.getByText(/信息待社工站完善/)).toBeTruthy();
  });

  it('shows filled fields, calls the station, and gives coordinates as text on H5', async () => {
    mockedGet.mockResolvedValue({
      ok: true,
      data: {
        ...emptyDetail(),
        address: '天津市滨海新区示例路 1 号（演示数据）',
        hours: '周一至周五 9:00-17:00',
        phone: '022-12345678',
        specialty: '老年社会工作',
        serviceAreas: ['养老服务', '社会救助'],
        rooms: ['个案工作室'],
        location: { latitude: 39.025, longitude: 117.655, approximate: true },
        needsAdminReview: false,
      },
    });
    render(<StationPage />);

    await eventually(() => screen.getByText('拨打电话 022-12345678'));
    expect(valueOf('地址')).toBe('天津市滨海新区示例路 1 号（演示数据）');
    expect(valueOf('服务时间')).toBe('周一至周五 9:00-17:00');
    expect(valueOf('一站一品（特色服务）')).toBe('老年社会工作');
    expect(valueOf('服务领域')).toBe('养老服务社会救助');
    expect(valueOf('位置')).toBe('北纬 39.0250，东经 117.6550（位置为大致位置）');
    expect(screen.queryByText(/信息待社工站完善/)).toBeNull();
    // The map button is weapp-only (H5 has no offline map).
    expect(screen.queryByText(/查看位置/)).toBeNull();

    fireEvent.click(screen.getByText('拨打电话 022-12345678'));
    expect(Taro.makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '022-12345678' });
  });

  it("on weapp, opens WeChat's map at the GCJ-02 point and says the position is approximate", async () => {
    mockedGet.mockResolvedValue({
      ok: true,
      data: { ...emptyDetail(), location: { latitude: 39.025, longitude: 117.655, approximate: true } },
    });
    process.env.TARO_ENV = 'weapp';
    try {
      render(<StationPage />);
      await eventually(() => screen.getByText('查看位置（位置为大致位置）'));
      // Coordinates as text are the H5 fallback only.
      expect(screen.queryByText('位置')).toBeNull();
      fireEvent.click(screen.getByText('查看位置（位置为大致位置）'));
      const call = jest.mocked(Taro.openLocation).mock.calls[0]![0];
      expect(call).toMatchObject({ name: '滨海新区塘沽街道社会工作服务站', address: '' });
      // WGS-84 seed point shifted to GCJ-02 (a few hundred metres east in Tianjin).
      expect(call.longitude).toBeGreaterThan(117.655 + 0.003);
      expect(Math.abs(call.latitude - 39.025)).toBeLessThan(0.01);
    } finally {
      delete (process.env as Record<string, string | undefined>).TARO_ENV;
    }
  });

  it('says when the station does not exist, with a way back to the list', async () => {
    mockedGet.mockResolvedValue({
      ok: false,
      error: { code: 'not-found', message: '没有找到相关内容，可能已被删除' },
    });
    render(<StationPage />);
    await eventually(() => screen.getByText('没有找到这个社工站'));
    fireEvent.click(screen.getByText('返回社工站列表'));
    expect(Taro.switchTab).toHaveBeenCalledWith({ url: '/pages/index/index' });
  });

  it('shows an error with 重试 and loads again', async () => {
    mockedGet.mockResolvedValueOnce({
      ok: false,
      error: { code: 'internal', message: '网络不太好，请稍后重试' },
    });
    render(<StationPage />);
    await eventually(() => screen.getByText('社工站信息没有加载出来'));
    expect(screen.getByText('网络不太好，请稍后重试')).toBeTruthy();

    mockedGet.mockResolvedValueOnce({ ok: true, data: emptyDetail() });
    fireEvent.click(screen.getByText('重试'));
    await eventually(() => screen.getByText('暂未公布电话'));
    expect(mockedGet).toHaveBeenCalledTimes(2);
  });
});
