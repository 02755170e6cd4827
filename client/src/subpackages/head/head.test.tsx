import type { WhoAmIOutput } from '@sgz/shared';
import { fireEvent, render, screen } from '@testing-library/react';
import { eventually } from '../../../test/eventually';
import { item, itemsOutput } from '../../../test/request-fixtures';
import * as accounts from '../../services/accounts';
import * as requests from '../../services/requests';
import HeadItemsPage from './items/index';

jest.mock('../../services/accounts');
jest.mock('../../services/requests');
const acc = jest.mocked(accounts);
const api = jest.mocked(requests);

const head = { userId: 'u-h', role: 'station_head', stationId: 'st-tanggu' } as WhoAmIOutput;

beforeEach(() => {
  for (const fn of Object.values(api)) if (jest.isMockFunction(fn)) fn.mockReset();
  acc.whoAmI.mockResolvedValue({ ok: true, data: head });
  api.listServiceItems.mockResolvedValue({ ok: true, data: itemsOutput() });
});

/** Replaces the value of the Taro <Input> currently showing `value`. */
const retype = async (value: string, next: string) => {
  const el = await eventually(() => {
    const found = screen.getAllByDisplayValue(value).find((e) => e.tagName === 'INPUT');
    if (!found) throw new Error(`no input showing ${value}`);
    return found;
  });
  fireEvent.input(el, { target: { value: next } });
};

describe('站长: 服务项目', () => {
  it('lists the items (inactive too), checks an edit with the shared schema and saves it', async () => {
    api.upsertServiceItem.mockResolvedValue({
      ok: true,
      data: { item: item({ durationMinutes: 45, demo: false }) },
    });
    render(<HeadItemsPage />);
    await eventually(() => screen.getByText('高龄独居老人上门探访（演示）'));
    expect(api.listServiceItems).toHaveBeenCalledWith({ stationId: 'st-tanggu', includeInactive: true });

    fireEvent.click(screen.getByText('高龄独居老人上门探访（演示）'));
    await eventually(() => screen.getByText('修改服务项目'));
    await retype('60', '50');
    fireEvent.click(screen.getByText('保存'));
    await eventually(() => screen.getByText(/服务时长请按 15 分钟的整数倍填写/));
    expect(api.upsertServiceItem).not.toHaveBeenCalled();

    await retype('50', '45');
    fireEvent.click(screen.getByText('保存'));
    await eventually(() => screen.getByText('✓ 已保存“高龄独居老人上门探访”'));
    expect(api.upsertServiceItem).toHaveBeenCalledWith(
      expect.objectContaining({ id: 'si-tanggu-elder-visit', stationId: 'st-tanggu', durationMinutes: 45 }),
    );
  });
});
