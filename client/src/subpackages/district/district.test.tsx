import type { FileCounts } from '@sgz/shared';
import { fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { eventually } from '../../../test/eventually';
import { seedGroups } from '../../../test/fixtures';
import * as roster from '../../services/roster';
import * as stations from '../../services/stations';
import DistrictHomePage from './index/index';

jest.mock('../../services/roster');
jest.mock('../../services/stations');
const api = jest.mocked(roster);
const st = jest.mocked(stations);

const zeroCategories = {
  低保: 0,
  特困: 0,
  低收入: 0,
  '残疾/重残': 0,
  独居: 0,
  空巢: 0,
  留守老人: 0,
  失能: 0,
  高龄: 0,
  计生特殊: 0,
  留守儿童: 0,
  困境儿童: 0,
  事实无人抚养儿童: 0,
  孤儿: 0,
  其他: 0,
};
const counts = (total: number, high: number, alone: number): FileCounts => ({
  total,
  byRisk: { 高风险: high, 重点: 0, 一般: total - high },
  byCategory: { ...zeroCategories, 独居: alone },
});

beforeEach(() => {
  api.countFiles.mockReset();
  st.listAllStations.mockResolvedValue({ ok: true, data: seedGroups() });
});

describe('区民政局: 档案统计', () => {
  it('shows counts by risk and category, in all and per station, with words beside every number', async () => {
    api.countFiles.mockResolvedValue({
      ok: true,
      data: {
        ...counts(12, 2, 5),
        status: '在册',
        byStation: [{ stationId: 'st-tanggu', ...counts(7, 1, 3) }],
      },
    });
    render(<DistrictHomePage />);
    await eventually(() => screen.getByText('全区合计：在册 12 人'));
    screen.getByText('按风险：高风险 2 人，重点 0 人，一般 10 人');
    screen.getByText('按类别：独居 5 人');
    screen.getByText('塘沽街道社工站：在册 7 人');
    screen.getByText('按类别：独居 3 人');
    expect(api.countFiles).toHaveBeenCalledWith({});
  });

  it('shows the error with 重试, and the empty state', async () => {
    api.countFiles.mockResolvedValueOnce({
      ok: false,
      error: { code: 'internal', message: '网络不太好，请稍后重试' },
    });
    api.countFiles.mockResolvedValueOnce({
      ok: true,
      data: { ...counts(0, 0, 0), status: '在册', byStation: [] },
    });
    render(<DistrictHomePage />);
    await eventually(() => screen.getByText('网络不太好，请稍后重试'));
    screen.getByText('重试').click();
    await eventually(() => screen.getByText('各站还没有在册档案'));
  });

  it("links every station to its public details' form", async () => {
    api.countFiles.mockResolvedValue({
      ok: true,
      data: { ...counts(0, 0, 0), status: '在册', byStation: [] },
    });
    render(<DistrictHomePage />);
    await eventually(() => screen.getByText('各站公开信息（地址、电话、一站一品）'));
    fireEvent.click(screen.getByText('大港街道社工站'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({
      url: '/subpackages/head/station-profile/index?stationId=st-dagang',
    });
  });
});

it("opens the bureau's record pages from the home", async () => {
  api.countFiles.mockResolvedValue({
    ok: true,
    data: { ...counts(0, 0, 0), status: '在册', byStation: [] },
  });
  render(<DistrictHomePage />);
  for (const [text, url] of [
    ['站点档案（建设状态、运营方式、资金、建设节点）', '/subpackages/district/records/index'],
    ['指标政策（年度指标、走访间隔）', '/subpackages/district/policies/index'],
    ['资质登记（持证社工、注册登记到期）', '/subpackages/district/registry/index'],
    ['优秀案例与社工（审核、发布、撤下）', '/subpackages/district/stories/index'],
  ]) {
    fireEvent.click(await eventually(() => screen.getByText(text)));
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url });
  }
});
