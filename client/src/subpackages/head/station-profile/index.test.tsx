import type { StationDetail, WhoAmIOutput } from '@sgz/shared';
import { fireEvent, render, screen, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { eventually } from '../../../../test/eventually';
import { emptyDetail } from '../../../../test/fixtures';
import { setRouterParams } from '../../../../test/taro-stub';
import * as accounts from '../../../services/accounts';
import * as stations from '../../../services/stations';
import HeadStationProfilePage from './index';

jest.mock('../../../services/accounts');
jest.mock('../../../services/stations');
const acc = jest.mocked(accounts);
const api = jest.mocked(stations);

const head = { userId: 'u-h', role: 'station_head', stationId: 'st-tanggu' } as WhoAmIOutput;
const admin = { userId: 'u-a', role: 'district_admin', stationId: null } as WhoAmIOutput;

beforeEach(() => {
  for (const fn of Object.values(api)) if (jest.isMockFunction(fn)) fn.mockReset();
  setRouterParams({});
  acc.whoAmI.mockResolvedValue({ ok: true, data: head });
  api.getStation.mockResolvedValue({ ok: true, data: emptyDetail() });
  api.updateStationProfile.mockImplementation((input) =>
    Promise.resolve({
      ok: true,
      data: { ...emptyDetail(), ...input, id: emptyDetail().id, needsAdminReview: false } as StationDetail,
    }),
  );
});

/** The Taro <Input> labelled `label`. */
const inputOf = (label: string) =>
  eventually(() => {
    const el = screen.getAllByLabelText(label).find((e) => e.tagName === 'INPUT');
    if (!el) throw new Error(`no input labelled ${label}`);
    return el as HTMLInputElement;
  });
const type = async (label: string, value: string) =>
  fireEvent.input(await inputOf(label), { target: { value } });
/** The error shown in the field labelled `label` (its own ⚠ line), or null. */
const errorOf = (label: string) =>
  screen.getByText(label, { selector: '.wk__label' }).closest('.wk__field')!.querySelector('.sgz-field-error')
    ?.textContent ?? null;

describe('站长: 社工站公开信息', () => {
  it("edits the head's own station: errors beside their field, then saves the whole card", async () => {
    render(<HeadStationProfilePage />);
    await eventually(() => screen.getByText('滨海新区塘沽街道社会工作服务站'));
    expect(api.getStation).toHaveBeenCalledWith({ id: 'st-tanggu' });

    await type('地址', '！！！');
    await type('联系电话', '12345');
    fireEvent.click(screen.getByText('保存'));
    await eventually(() =>
      expect(errorOf('联系电话')).toBe('⚠ 联系电话格式不对，请填写 11 位手机号或带区号的座机号'),
    );
    // Every problem beside its own field, not only the first.
    expect(errorOf('地址')).toBe('⚠ 地址请用文字说明，不能只有表情或符号');
    expect(api.updateStationProfile).not.toHaveBeenCalled();

    // Changing a field clears its error; spaces inside the number are dropped.
    await type('联系电话', '022 2532 1234');
    expect(errorOf('联系电话')).toBeNull();
    await type('地址', '  天津市滨海新区示例路 1 号  ');
    fireEvent.click(screen.getByText(/老年社会工作$/));
    fireEvent.click(screen.getByText('保存'));
    await eventually(() => screen.getByText(/已保存/));
    expect(api.updateStationProfile).toHaveBeenCalledWith({
      stationId: 'st-tanggu',
      address: '天津市滨海新区示例路 1 号',
      phone: '02225321234',
      specialty: '老年社会工作',
    });
  });

  it('an emptied field is sent as null (the page shows 暂未公布 again)', async () => {
    api.getStation.mockResolvedValue({
      ok: true,
      data: { ...emptyDetail(), address: '旧地址 1 号', phone: '13812345678', specialty: '学校社会工作' },
    });
    render(<HeadStationProfilePage />);
    expect((await inputOf('联系电话')).value).toBe('13812345678');
    await type('联系电话', '');
    fireEvent.click(screen.getByText(/暂不设置$/));
    fireEvent.click(screen.getByText('保存'));
    await eventually(() => expect(api.updateStationProfile).toHaveBeenCalled());
    expect(api.updateStationProfile).toHaveBeenCalledWith({
      stationId: 'st-tanggu',
      address: '旧地址 1 号',
      phone: null,
      specialty: null,
    });
  });

  it('the district admin edits the station given by ?stationId=; a server error shows beside its field', async () => {
    acc.whoAmI.mockResolvedValue({ ok: true, data: admin });
    setRouterParams({ stationId: 'st-dagang' });
    api.getStation.mockResolvedValue({
      ok: true,
      data: {
        ...emptyDetail(),
        id: 'st-dagang' as StationDetail['id'],
        officialName: '滨海新区大港街道社会工作服务站',
      },
    });
    api.updateStationProfile.mockResolvedValue({
      ok: false,
      error: { code: 'invalid-argument', message: '地址请不要超过 100 个字', details: { field: 'address' } },
    });
    render(<HeadStationProfilePage />);
    await type('地址', '大港示例路 2 号');
    expect(api.getStation).toHaveBeenCalledWith({ id: 'st-dagang' });
    fireEvent.click(screen.getByText('保存'));
    await eventually(() => expect(errorOf('地址')).toBe('⚠ 地址请不要超过 100 个字'));
    expect(api.updateStationProfile).toHaveBeenCalledWith(
      expect.objectContaining({ stationId: 'st-dagang' }),
    );
    expect(screen.queryByText(/已保存/)).toBeNull();
  });

  it('a refusal shows by the save button, in words', async () => {
    api.updateStationProfile.mockResolvedValue({
      ok: false,
      error: { code: 'permission-denied', message: '您没有权限进行此操作' },
    });
    render(<HeadStationProfilePage />);
    await type('地址', '示例路 1 号');
    fireEvent.click(screen.getByText('保存'));
    await eventually(() => screen.getByText('⚠ 您没有权限进行此操作'));
  });

  it('says when the station could not be loaded, with 重试', async () => {
    api.getStation.mockResolvedValueOnce({
      ok: false,
      error: { code: 'internal', message: '网络不太好，请稍后重试' },
    });
    render(<HeadStationProfilePage />);
    await eventually(() => screen.getByText('社工站信息没有加载出来'));
    fireEvent.click(screen.getByText('重试'));
    await eventually(() => screen.getByText('滨海新区塘沽街道社会工作服务站'));
  });
});

it('H5: 返回 asks before dropping unsaved edits, and leaves at once once they are saved', async () => {
  const env = process.env as Record<string, string | undefined>;
  env.TARO_ENV = 'h5';
  try {
    render(<HeadStationProfilePage />);
    await type('联系电话', '022-25321234');
    fireEvent.click(screen.getByRole('button', { name: '返回' }));
    const dialog = await eventually(() => screen.getByRole('dialog', { name: '放弃还没保存的修改吗？' }));
    fireEvent.click(within(dialog).getByText('继续编辑'));
    await eventually(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(Taro.navigateBack).not.toHaveBeenCalled();

    fireEvent.click(screen.getByText('保存'));
    await eventually(() => screen.getByText(/已保存/));
    fireEvent.click(screen.getByRole('button', { name: '返回' }));
    expect(Taro.navigateBack).toHaveBeenCalledWith({ delta: 1 });
    expect(screen.queryByRole('dialog')).toBeNull();
  } finally {
    delete env.TARO_ENV;
  }
});
