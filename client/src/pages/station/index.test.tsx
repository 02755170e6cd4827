import { fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { eventually } from '../../../test/eventually';
import { emptyDetail } from '../../../test/fixtures';
import { setRouterParams } from '../../../test/taro-stub';
import { DISTRICT_SERVICE_LINE } from '@sgz/shared';
import { itemsOutput } from '../../../test/request-fixtures';
import { listServiceItems } from '../../services/requests';
import { getStation } from '../../services/stations';
import { listStationStories } from '../../services/district';
import StationPage from './index';
import { formatOpeningHours } from './opening-hours';

jest.mock('../../services/stations');
jest.mock('../../services/requests');
jest.mock('../../services/district');
const mockedGet = jest.mocked(getStation);
const mockedItems = jest.mocked(listServiceItems);
const mockedStories = jest.mocked(listStationStories);

beforeEach(() => {
  mockedGet.mockReset();
  mockedItems.mockReset();
  mockedStories.mockReset();
  // By default the station has no published story: no section.
  mockedStories.mockResolvedValue({ ok: true, data: { items: [] } });
  // By default the opening hours cannot be fetched: the page falls back to the station's text.
  mockedItems.mockResolvedValue({
    ok: false,
    error: { code: 'internal', message: '网络不太好，请稍后重试' },
  });
  setRouterParams({ id: 'st-tanggu' });
});

/** The visible value next to a field label. */
const valueOf = (label: string) =>
  screen.getByText(label).closest('.station__field')!.querySelector('.station__value')!.textContent;

describe('station page', () => {
  it('shows empty fields as 暂未公布 and offers the district service line when there is no phone', async () => {
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

    // Not a dead button: the district's service line (configuration), marked 演示 while fictional.
    expect(screen.queryByText('暂未公布电话')).toBeNull();
    const line = screen.getByText(`拨打${DISTRICT_SERVICE_LINE.name} ${DISTRICT_SERVICE_LINE.phone}（演示）`);
    expect(line.closest('taro-button-core')!.className).not.toContain('sgz-button--disabled');
    expect(screen.getByText('本站暂未公布电话，可先咨询区里的服务热线')).toBeTruthy();
    fireEvent.click(line);
    expect(Taro.makePhoneCall).toHaveBeenCalledWith({ phoneNumber: DISTRICT_SERVICE_LINE.phone });
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
    // A published phone: no service line offered.
    expect(screen.queryByText(new RegExp(DISTRICT_SERVICE_LINE.name))).toBeNull();
  });

  it('shows the opening hours the head set for bookings as 服务时间', async () => {
    mockedGet.mockResolvedValue({ ok: true, data: { ...emptyDetail(), hours: '旧的文字' } });
    mockedItems.mockResolvedValue({
      ok: true,
      data: {
        ...itemsOutput(),
        openingHours: {
          1: [
            { start: '09:00', end: '12:00' },
            { start: '14:00', end: '17:00' },
          ],
          2: [
            { start: '09:00', end: '12:00' },
            { start: '14:00', end: '17:00' },
          ],
          3: [
            { start: '09:00', end: '12:00' },
            { start: '14:00', end: '17:00' },
          ],
          6: [{ start: '09:00', end: '11:30' }],
        },
      },
    });
    render(<StationPage />);
    await eventually(() =>
      expect(valueOf('服务时间')).toBe('周一至周三 09:00–12:00、14:00–17:00；周六 09:00–11:30'),
    );
    expect(mockedItems).toHaveBeenCalledWith({ stationId: 'st-tanggu' });
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
    await eventually(() => screen.getByText('地址'));
    expect(mockedGet).toHaveBeenCalledTimes(2);
  });
});

describe('good-practice stories on the station page', () => {
  it('shows the published stories with their kind and the worker, and no section when there are none', async () => {
    mockedGet.mockResolvedValue({ ok: true, data: emptyDetail() });
    mockedStories.mockResolvedValueOnce({
      ok: true,
      data: {
        items: [
          {
            storyId: 'story-1',
            kind: 'outstanding_worker',
            kindLabel: '优秀社工',
            title: '扎根社区的好社工',
            text: '三年来走访困难家庭两百余户。',
            workerName: '李明',
            publishedOn: '2026-11-30',
          },
        ],
      },
    });
    const { unmount } = render(<StationPage />);
    await eventually(() => screen.getByText('扎根社区的好社工'));
    expect(screen.getByText('优秀案例与社工风采')).toBeTruthy();
    expect(screen.getByText('社工：李明')).toBeTruthy();
    expect(mockedStories).toHaveBeenCalledWith({ stationId: 'st-tanggu' });
    unmount();

    render(<StationPage />);
    await eventually(() => screen.getByText('地址'));
    expect(screen.queryByText('优秀案例与社工风采')).toBeNull();
  });
});

describe('formatOpeningHours', () => {
  const P = (start: string, end: string) => ({ start, end });
  it('joins runs of days with the same periods, and names single and paired days', () => {
    expect(formatOpeningHours({ 1: [P('09:00', '17:00')], 2: [P('09:00', '17:00')] })).toBe(
      '周一、周二 09:00–17:00',
    );
    expect(
      formatOpeningHours({ 1: [P('09:00', '12:00')], 3: [P('09:00', '12:00')], 7: [P('10:00', '11:00')] }),
    ).toBe('周一 09:00–12:00；周三 09:00–12:00；周日 10:00–11:00');
  });
  it('is null when every day is closed', () => {
    expect(formatOpeningHours({})).toBeNull();
    expect(formatOpeningHours({ 1: [] })).toBeNull();
  });
});
