import type { WhoAmIOutput } from '@sgz/shared';
import { fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { eventually } from '../../../test/eventually';
import * as accounts from '../../services/accounts';
import MinePage from './index';

jest.mock('../../services/accounts');
// 我的档案 (MyFileCard.test.tsx): no file linked here.
jest.mock('../../services/roster', () => ({
  getMyFile: jest.fn(() => Promise.resolve({ ok: true, data: { file: null } })),
}));
jest.mock('../../services/files', () => ({
  countDue: jest.fn(() =>
    Promise.resolve({ ok: true, data: { day: '2026-12-02', overdue: 2, today: 3, week: 4 } }),
  ),
}));
const mocked = jest.mocked(accounts);

const me = (over: Partial<WhoAmIOutput> = {}): WhoAmIOutput => ({
  userId: 'u-1',
  role: 'resident',
  roleLabel: '居民',
  active: true,
  deactivatedRole: null,
  stationId: null,
  stationIds: [],
  profile: { name: null, phoneMasked: null },
  privacy: { currentVersion: '2026-11-01', acceptedVersion: null, acceptedAt: null, accepted: false },
  qualification: null,
  ...over,
});
const accepted = {
  currentVersion: '2026-11-01',
  acceptedVersion: '2026-11-01',
  acceptedAt: '2026-11-20T02:00:00.000Z',
  accepted: true,
};

/** Types into the Taro <Input> with this placeholder. */
const type = async (placeholder: string, value: string) => {
  // Stencil renders the inner <input> asynchronously after each update: wait for it.
  const input = await eventually(() => {
    const found = screen.getAllByPlaceholderText(placeholder).find((el) => el.tagName === 'INPUT');
    if (!found) throw new Error(`no <input> with placeholder ${placeholder} yet`);
    return found;
  });
  fireEvent.input(input, { target: { value } });
};

beforeEach(() => {
  for (const fn of Object.values(mocked)) if (jest.isMockFunction(fn)) fn.mockReset();
  mocked.listMyConsents.mockResolvedValue({ ok: true, data: { items: [] } });
});

describe('我的', () => {
  it('asks for the privacy notice first, and stores nothing until it is accepted', async () => {
    mocked.whoAmI.mockResolvedValue({ ok: true, data: me() });
    mocked.acceptPrivacyNotice.mockResolvedValue({ ok: true, data: me({ privacy: accepted }) });
    render(<MinePage />);

    await eventually(() => screen.getByText('隐私政策（版本 2026-11-01）'));
    expect(screen.getByText('身份：居民')).toBeTruthy();
    expect(screen.queryByText('保存资料')).toBeNull();
    expect(screen.queryByText('使用邀请码')).toBeNull();

    fireEvent.click(screen.getByText('我已阅读并同意'));
    await eventually(() => screen.getByText('保存资料'));
    expect(mocked.acceptPrivacyNotice).toHaveBeenCalledWith({ version: '2026-11-01' });
    expect(mocked.updateProfile).not.toHaveBeenCalled();
  });

  it("shows the function's check of the phone by the form, and saves what it accepts", async () => {
    mocked.whoAmI.mockResolvedValue({ ok: true, data: me({ privacy: accepted }) });
    mocked.updateProfile.mockResolvedValueOnce({
      ok: false,
      error: { code: 'invalid-argument', message: '请填写 11 位手机号码', details: { field: 'phone' } },
    });
    mocked.updateProfile.mockResolvedValueOnce({
      ok: true,
      data: me({ privacy: accepted, profile: { name: '王芳', phoneMasked: '138****1234' } }),
    });
    render(<MinePage />);
    await eventually(() => screen.getByText('保存资料'));

    await type('请输入 11 位手机号', '12345');
    fireEvent.click(screen.getByText('保存资料'));
    await eventually(() => screen.getByText('⚠ 请填写 11 位手机号码'));
    expect(mocked.updateProfile).toHaveBeenLastCalledWith({ phone: '12345' });

    await type('请输入姓名', '王芳');
    await type('请输入 11 位手机号', '13812341234');
    fireEvent.click(screen.getByText('保存资料'));
    await eventually(() => screen.getByText(/已保存/));
    expect(mocked.updateProfile).toHaveBeenLastCalledWith({ name: '王芳', phone: '13812341234' });
    // The new account is what 我的 shows (and what the staff pages read).
    await eventually(() => screen.getByText('王芳'));
  });

  it('shows the role sections of a station head only, and opens them', async () => {
    mocked.whoAmI.mockResolvedValue({
      ok: true,
      data: me({ role: 'station_head', roleLabel: '站长', stationId: 'st-tanggu', privacy: accepted }),
    });
    render(<MinePage />);
    await eventually(() => screen.getByText('站长工作台'));
    expect(screen.getByText('身份：站长')).toBeTruthy();
    expect(screen.getByText('社工工作台')).toBeTruthy();
    expect(screen.queryByText('区民政局总览')).toBeNull();
    expect(screen.queryByText('督导工作台')).toBeNull();
    fireEvent.click(screen.getByText('站长工作台'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/subpackages/head/index/index' });
  });

  it('gives a resident no role sections', async () => {
    mocked.whoAmI.mockResolvedValue({ ok: true, data: me({ privacy: accepted }) });
    render(<MinePage />);
    await eventually(() => screen.getByText('保存资料'));
    expect(screen.queryByText('工作入口')).toBeNull();
  });

  it("sends the invite code as typed and reports the function's refusal in Chinese", async () => {
    mocked.whoAmI.mockResolvedValue({ ok: true, data: me({ privacy: accepted }) });
    mocked.redeemInvite.mockResolvedValue({
      ok: false,
      error: { code: 'not-found', message: '邀请码无效或已过期，请向发出邀请的人核对' },
    });
    render(<MinePage />);
    await eventually(() => screen.getByText('使用邀请码'));

    await type('8 位字母和数字', 'abcd-efgh');
    fireEvent.click(screen.getByText('使用邀请码'));
    await eventually(() => screen.getByText(/邀请码无效或已过期/));
    // The function reads spaces, dashes and lower case as the code (inviteCodeSchema).
    expect(mocked.redeemInvite).toHaveBeenCalledWith({ code: 'abcd-efgh' });
  });

  it('lists consents and withdraws one after confirmation', async () => {
    mocked.whoAmI.mockResolvedValue({ ok: true, data: me({ privacy: accepted }) });
    const item = {
      id: 'c-1',
      category: 'health' as const,
      label: '健康状况',
      version: '2026-11-01',
      currentVersion: true,
      scope: '本人求助服务中记录健康状况',
      subjectId: 'self',
      subjectName: null,
      relationship: null,
      capacity: 'self' as const,
      givenAt: '2026-11-20T02:00:00.000Z',
      withdrawnAt: null,
    };
    mocked.listMyConsents.mockResolvedValue({ ok: true, data: { items: [item] } });
    mocked.withdrawConsent.mockResolvedValue({
      ok: true,
      data: { ...item, withdrawnAt: '2026-11-21T02:00:00.000Z' },
    });
    render(<MinePage />);

    await eventually(() => screen.getByText('健康状况'));
    expect(screen.getByText(/已同意 · 2026-11-20 10:00/)).toBeTruthy();
    fireEvent.click(screen.getByText('撤回授权'));
    await eventually(() => expect(mocked.withdrawConsent).toHaveBeenCalledWith({ consentId: 'c-1' }));
    expect(Taro.showModal).toHaveBeenCalled();
  });

  it('lists the family member consent of a request (代家人求助) and withdraws it, saying what that does', async () => {
    mocked.whoAmI.mockResolvedValue({ ok: true, data: me({ privacy: accepted }) });
    const item = {
      id: 'c-rq-req-1',
      category: 'family_request' as const,
      label: '代家人求助',
      version: '2026-11-27',
      currentVersion: true,
      scope: '被服务人（父亲或母亲 王秀英）同意由您代为求助，社工站记录其姓名和本次求助信息，仅用于提供服务',
      subjectId: 'request:req-1',
      subjectName: '王秀英',
      relationship: '父亲或母亲',
      capacity: 'family_member' as const,
      givenAt: '2026-11-20T02:00:00.000Z',
      withdrawnAt: null,
    };
    mocked.listMyConsents.mockResolvedValue({ ok: true, data: { items: [item] } });
    mocked.withdrawConsent.mockResolvedValue({
      ok: true,
      data: { ...item, withdrawnAt: '2026-11-21T02:00:00.000Z' },
    });
    render(<MinePage />);

    await eventually(() => screen.getByText('代家人求助（父亲或母亲：王秀英）'));
    fireEvent.click(screen.getByText('撤回授权'));
    await eventually(() => expect(mocked.withdrawConsent).toHaveBeenCalledWith({ consentId: 'c-rq-req-1' }));
    const dialog = jest.mocked(Taro.showModal).mock.calls[0]![0]!;
    // Plain words about this person, and what withdrawing does not do.
    expect(dialog.content).toContain('王秀英');
    expect(dialog.content).toContain('不会自动取消');
    expect(dialog.content).toContain('我的求助');
  });

  it('shows an error with 重试', async () => {
    mocked.whoAmI.mockResolvedValueOnce({
      ok: false,
      error: { code: 'internal', message: '网络不太好，请稍后重试' },
    });
    mocked.whoAmI.mockResolvedValueOnce({ ok: true, data: me() });
    render(<MinePage />);
    await eventually(() => screen.getByText('“我的”没有加载出来'));
    fireEvent.click(screen.getByText('重试'));
    await eventually(() => screen.getByText('我已阅读并同意'));
  });

  it('offers the dev login only in the H5 build', async () => {
    mocked.whoAmI.mockResolvedValue({ ok: true, data: me() });
    const { unmount } = render(<MinePage />);
    await eventually(() => screen.getByText('我已阅读并同意'));
    expect(screen.queryByText('切换演示账号（开发登录）')).toBeNull();
    unmount();

    process.env.TARO_ENV = 'h5';
    try {
      render(<MinePage />);
      await eventually(() => screen.getByText('切换演示账号（开发登录）'));
    } finally {
      delete (process.env as Record<string, string | undefined>).TARO_ENV;
    }
  });

  it('shows the worker entry with the files due today and overdue (countDue)', async () => {
    mocked.whoAmI.mockResolvedValue({
      ok: true,
      data: me({ role: 'social_worker', roleLabel: '社工', stationId: 'st-tanggu', privacy: accepted }),
    });
    render(<MinePage />);
    await eventually(() => screen.getByText('社工工作台'));
    await eventually(() => screen.getByText('5 人待访'));
  });
});
