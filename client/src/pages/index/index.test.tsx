import { SEED_STATIONS } from '@sgz/shared';
import { fireEvent, render, screen, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { eventually } from '../../../test/eventually';
import { nearStations, seedGroups } from '../../../test/fixtures';
import { listAllStations, nearestStations } from '../../services/stations';
import IndexPage from './index';

jest.mock('../../services/stations');
const mockedList = jest.mocked(listAllStations);
const mockedNearest = jest.mocked(nearestStations);

const TANGGU = '滨海新区塘沽街道社会工作服务站';
const XINCHENG = '滨海新区新城镇社会工作服务站';

/** Serves the seed like the stations function: filtered by name. */
function serveSeed() {
  mockedList.mockImplementation(async (query?: string) => ({ ok: true, data: seedGroups(query ?? '') }));
}

/** Names in the grouped list, in order (rows actually rendered by React, not stray text nodes). */
const listedNames = () =>
  Array.from(document.querySelectorAll('.finder__list .sgz-station-item__name')).map((el) => el.textContent);

/** Types into the search box (a Taro <Input>, i.e. an <input> inside taro-input-core). */
function typeSearch(text: string) {
  const input = screen
    .getAllByPlaceholderText('输入街镇或社工站名称，如 塘沽')
    .find((el) => el.tagName === 'INPUT')!;
  fireEvent.input(input, { target: { value: text } });
}

beforeEach(() => {
  mockedList.mockReset();
  mockedNearest.mockReset();
});

describe('station finder (home)', () => {
  it('lists every station grouped by 街道 and 镇', async () => {
    serveSeed();
    render(<IndexPage />);

    await eventually(() => screen.getByText(TANGGU));
    expect(screen.getByText('街道（16 个）')).toBeTruthy();
    expect(screen.getByText('镇（5 个）')).toBeTruthy();
    expect(listedNames()).toEqual(SEED_STATIONS.map((s) => s.officialName));
    expect(mockedList).toHaveBeenCalledWith(undefined);
  });

  it('opens a station page when a station is tapped', async () => {
    serveSeed();
    render(<IndexPage />);
    fireEvent.click(await eventually(() => screen.getByText(XINCHENG)));
    const id = SEED_STATIONS.find((s) => s.officialName === XINCHENG)!.id;
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: `/pages/station/index?id=${id}` });
  });

  it('searches by name after typing stops, and offers to clear a search that finds nothing', async () => {
    serveSeed();
    render(<IndexPage />);
    await eventually(() => screen.getByText(XINCHENG));

    typeSearch('塘');
    typeSearch('塘沽');
    await eventually(() => expect(listedNames()).toEqual([TANGGU]));
    // Debounced: one request for the settled text, not one per keystroke.
    expect(mockedList.mock.calls).toEqual([[undefined], ['塘沽']]);

    typeSearch('火星');
    await eventually(() => screen.getByText('没有找到“火星”相关的社工站'));
    expect(listedNames()).toEqual([]);

    fireEvent.click(screen.getByText('清除搜索'));
    await eventually(() => expect(listedNames()).toHaveLength(SEED_STATIONS.length));
    expect(screen.queryByText(/没有找到/)).toBeNull();
  });

  it('says by the search box why the function refused a search text, and keeps the list shown', async () => {
    serveSeed();
    render(<IndexPage />);
    await eventually(() => screen.getByText(TANGGU));
    const input = screen
      .getAllByPlaceholderText('输入街镇或社工站名称，如 塘沽')
      .find((el) => el.tagName === 'INPUT')!;
    // The box takes no more than the function allows.
    expect(input.getAttribute('maxlength')).toBe('30');

    mockedList.mockResolvedValueOnce({
      ok: false,
      error: { code: 'invalid-argument', message: '搜索内容包含无法识别的字符，请重新输入' },
    });
    typeSearch('塘\u0007');
    await eventually(() => screen.getByText('⚠ 搜索内容包含无法识别的字符，请重新输入'));
    expect(mockedList).toHaveBeenLastCalledWith('塘\u0007');
    expect(listedNames()).toEqual(SEED_STATIONS.map((s) => s.officialName));
    expect(screen.queryByText('社工站列表没有加载出来')).toBeNull();

    typeSearch('塘沽');
    await eventually(() => expect(listedNames()).toEqual([TANGGU]));
    expect(screen.queryByText(/无法识别的字符/)).toBeNull();
  });

  it('when location is refused, explains it and keeps the full grouped list', async () => {
    serveSeed();
    jest
      .mocked(Taro.getLocation)
      .mockImplementation(() => Promise.reject({ errMsg: 'getLocation:fail auth deny' }));
    render(<IndexPage />);
    await eventually(() => screen.getByText(TANGGU));

    fireEvent.click(screen.getByText('离我最近'));

    await eventually(() =>
      screen.getByText(/无法获取您的位置，您可以在列表中按街镇查找，或在设置中允许定位/),
    );
    expect(mockedNearest).not.toHaveBeenCalled();
    expect(screen.getByText('街道（16 个）')).toBeTruthy();
    expect(listedNames()).toEqual(SEED_STATIONS.map((s) => s.officialName));
  });

  it('when the phone cannot fix a position, says so and keeps the list', async () => {
    serveSeed();
    jest
      .mocked(Taro.getLocation)
      .mockImplementation(() => Promise.reject({ errMsg: 'getLocation:fail timeout' }));
    render(<IndexPage />);
    await eventually(() => screen.getByText(TANGGU));
    fireEvent.click(screen.getByText('离我最近'));
    await eventually(() => screen.getByText(/暂时无法获取您的位置/));
    expect(screen.getByText(XINCHENG)).toBeTruthy();
  });

  it('lists the nearest stations by distance, in 米 / 公里', async () => {
    serveSeed();
    const near = nearStations(3);
    mockedNearest.mockResolvedValue({ ok: true, data: { items: near } });
    render(<IndexPage />);
    await eventually(() => screen.getByText(TANGGU));

    fireEvent.click(screen.getByText('离我最近'));

    const panel = (await eventually(() => screen.getByText('离您最近的社工站（按距离排序）'))).closest(
      '.finder__nearest',
    ) as HTMLElement;
    expect(mockedNearest).toHaveBeenCalledWith({ latitude: 39.025, longitude: 117.655, limit: 5 });
    expect(Taro.getLocation).toHaveBeenCalledWith({ type: 'wgs84' });
    const rows = within(panel)
      .getAllByText(/^滨海新区/)
      .map((el) => el.textContent);
    expect(rows).toEqual(near.map((s) => s.officialName));
    expect(within(panel).getByText('约 850 米')).toBeTruthy();
    expect(within(panel).getByText('约 1.2 公里')).toBeTruthy();
    expect(within(panel).getByText('约 5.0 公里')).toBeTruthy();
  });

  it('shows an error with 重试 when the list fails, and recovers on retry', async () => {
    mockedList.mockResolvedValueOnce({
      ok: false,
      error: { code: 'internal', message: '网络不太好，请稍后重试' },
    });
    render(<IndexPage />);

    await eventually(() => screen.getByText('社工站列表没有加载出来'));
    expect(screen.getByText('网络不太好，请稍后重试')).toBeTruthy();
    expect(screen.queryByText(TANGGU)).toBeNull();

    serveSeed();
    fireEvent.click(screen.getByText('重试'));
    await eventually(() => screen.getByText(TANGGU));
    expect(screen.queryByText('社工站列表没有加载出来')).toBeNull();
  });

  it('says 正在加载 in words until the list arrives', async () => {
    let resolve!: (v: Awaited<ReturnType<typeof listAllStations>>) => void;
    mockedList.mockImplementation(() => new Promise((r) => (resolve = r)));
    render(<IndexPage />);
    expect(screen.getByText('正在加载社工站列表…')).toBeTruthy();
    resolve({ ok: true, data: seedGroups() });
    await eventually(() => screen.getByText(TANGGU));
    expect(screen.queryByText('正在加载社工站列表…')).toBeNull();
  });
});
