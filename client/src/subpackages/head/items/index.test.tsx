import type { WhoAmIOutput } from '@sgz/shared';
import { fireEvent, render, screen, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { eventually } from '../../../../test/eventually';
import { itemsOutput } from '../../../../test/request-fixtures';
import * as accounts from '../../../services/accounts';
import * as requests from '../../../services/requests';
import HeadItemsPage from './index';

jest.mock('../../../services/accounts');
jest.mock('../../../services/requests');
const acc = jest.mocked(accounts);
const api = jest.mocked(requests);

const head = { userId: 'u-h', role: 'station_head', stationId: 'st-tanggu' } as WhoAmIOutput;

beforeEach(() => {
  for (const fn of Object.values(api)) if (jest.isMockFunction(fn)) fn.mockReset();
  acc.whoAmI.mockResolvedValue({ ok: true, data: head });
  api.listServiceItems.mockResolvedValue({ ok: true, data: itemsOutput() });
});

/** The text field (the platform's <input>/<textarea>) named `label` for screen readers. */
const field = (label: string) => {
  const el = screen.getAllByLabelText(label).find((e) => e.tagName === 'INPUT' || e.tagName === 'TEXTAREA');
  if (!el) throw new Error(`no input labelled ${label}`);
  return el;
};

/** The block of the field labelled `label` (its label, input and error). */
const blockOf = (label: string) => field(label).closest('.wk__field') as HTMLElement;

async function openNew() {
  render(<HeadItemsPage />);
  fireEvent.click(await eventually(() => screen.getByText('新增服务项目')));
  await eventually(() => screen.getByText('保存'));
}

describe('站长: 服务项目 editor', () => {
  it('labels every input, the duration and places ones too', async () => {
    await openNew();
    await eventually(() => field('每次服务时长（分钟）'));
    expect((field('每次服务时长（分钟）') as HTMLInputElement).value).toBe('60');
    expect((field('每个时段名额') as HTMLInputElement).value).toBe('1');
    expect(field('项目名称')).toBeTruthy();
    expect(field('项目介绍')).toBeTruthy();
  });

  it('shows every error beside its own field, not only the first at the bottom', async () => {
    await openNew();
    fireEvent.input(await eventually(() => field('每次服务时长（分钟）')), { target: { value: '50' } });
    fireEvent.input(field('每个时段名额'), { target: { value: '0' } });
    fireEvent.click(screen.getByText('保存'));
    await eventually(() => within(blockOf('每次服务时长（分钟）')).getByText(/15 分钟的整数倍/));
    expect(within(blockOf('每个时段名额')).getByText(/至少 1 个名额/)).toBeTruthy();
    expect(
      within(blockOf('项目名称')).getByText(/项目名称/, { selector: '.sgz-field-error *' }),
    ).toBeTruthy();
    expect(
      within(blockOf('项目介绍')).getByText(/项目介绍/, { selector: '.sgz-field-error *' }),
    ).toBeTruthy();
    expect(screen.getByText(/请选择服务领域/)).toBeTruthy();
    expect(api.upsertServiceItem).not.toHaveBeenCalled();

    // Fixing one field clears its own error only.
    fireEvent.input(field('每个时段名额'), { target: { value: '2' } });
    await eventually(() => expect(within(blockOf('每个时段名额')).queryByText(/至少 1 个名额/)).toBeNull());
    expect(within(blockOf('每次服务时长（分钟）')).getByText(/15 分钟的整数倍/)).toBeTruthy();
  });

  it('asks before 返回列表 drops unsaved changes, and goes straight back without any', async () => {
    await openNew();
    fireEvent.click(screen.getByText('返回列表'));
    await eventually(() => screen.getByText('新增服务项目'));
    expect(screen.queryByRole('dialog')).toBeNull();

    fireEvent.click(screen.getByText('新增服务项目'));
    fireEvent.input(await eventually(() => field('项目名称')), { target: { value: '助餐服务' } });
    fireEvent.click(screen.getByText('返回列表'));
    const dialog = await eventually(() => screen.getByRole('dialog', { name: '放弃还没保存的修改吗？' }));
    fireEvent.click(within(dialog).getByText('继续编辑'));
    await eventually(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect((field('项目名称') as HTMLInputElement).value).toBe('助餐服务');

    fireEvent.click(screen.getByText('返回列表'));
    fireEvent.click(within(await eventually(() => screen.getByRole('dialog'))).getByText('放弃修改'));
    await eventually(() => screen.getByText('新增服务项目'));
    expect(screen.queryByText('保存')).toBeNull();
  });
});

describe('站长: 服务项目 editor, leaving the page (useLeaveGuard)', () => {
  const env = process.env as Record<string, string | undefined>;
  afterEach(() => {
    delete env.TARO_ENV;
  });

  it("H5: the page's 返回 asks while there are unsaved edits, and leaves at once without any", async () => {
    env.TARO_ENV = 'h5';
    await openNew();
    fireEvent.input(await eventually(() => field('项目名称')), { target: { value: '助餐服务' } });
    fireEvent.click(screen.getByRole('button', { name: '返回' }));
    const dialog = await eventually(() => screen.getByRole('dialog', { name: '放弃还没保存的修改吗？' }));
    expect(within(dialog).getByText(/这个服务项目保持原样/)).toBeTruthy();
    fireEvent.click(within(dialog).getByText('继续编辑'));
    await eventually(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(Taro.navigateBack).not.toHaveBeenCalled();
    expect((field('项目名称') as HTMLInputElement).value).toBe('助餐服务');

    fireEvent.click(screen.getByRole('button', { name: '返回' }));
    fireEvent.click(within(await eventually(() => screen.getByRole('dialog'))).getByText('放弃修改'));
    await eventually(() => expect(Taro.navigateBack).toHaveBeenCalledWith({ delta: 1 }));
  });

  it('H5: 返回 from the list (nothing edited) leaves at once', async () => {
    env.TARO_ENV = 'h5';
    render(<HeadItemsPage />);
    await eventually(() => screen.getByText('新增服务项目'));
    fireEvent.click(screen.getByRole('button', { name: '返回' }));
    expect(Taro.navigateBack).toHaveBeenCalledWith({ delta: 1 });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it("weapp: WeChat's own back asks while there are unsaved edits", async () => {
    env.TARO_ENV = 'weapp';
    await openNew();
    expect(Taro.enableAlertBeforeUnload).not.toHaveBeenCalled();
    fireEvent.input(await eventually(() => field('项目名称')), { target: { value: '助餐服务' } });
    await eventually(() => expect(Taro.enableAlertBeforeUnload).toHaveBeenCalledTimes(1));
    fireEvent.click(screen.getByText('返回列表'));
    fireEvent.click(within(await eventually(() => screen.getByRole('dialog'))).getByText('放弃修改'));
    await eventually(() => expect(Taro.disableAlertBeforeUnload).toHaveBeenCalledTimes(1));
  });
});
