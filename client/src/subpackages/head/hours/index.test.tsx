import type { OpeningHours, WhoAmIOutput } from '@sgz/shared';
import { fireEvent, render, screen } from '@testing-library/react';
import { eventually } from '../../../../test/eventually';
import { itemsOutput } from '../../../../test/request-fixtures';
import * as accounts from '../../../services/accounts';
import * as requests from '../../../services/requests';
import HeadHoursPage from './index';

jest.mock('../../../services/accounts');
jest.mock('../../../services/requests');
const acc = jest.mocked(accounts);
const api = jest.mocked(requests);

const head = { userId: 'u-h', role: 'station_head', stationId: 'st-tanggu' } as WhoAmIOutput;

beforeEach(() => {
  for (const fn of Object.values(api)) if (jest.isMockFunction(fn)) fn.mockReset();
  acc.whoAmI.mockResolvedValue({ ok: true, data: head });
});

const withHours = (openingHours: OpeningHours) => {
  api.listServiceItems.mockResolvedValue({ ok: true, data: { ...itemsOutput(), openingHours } });
  api.updateOpeningHours.mockImplementation((input) =>
    Promise.resolve({ ok: true, data: { stationId: input.stationId, openingHours: input.openingHours } }),
  );
};

/** The 周X card's time texts, in order. */
const timesOf = (day: string) =>
  Array.from(
    screen
      .getByText(new RegExp(`^${day}`))
      .closest('.wk__section')!
      .querySelectorAll('.wk__time'),
  ).map((el) => el.textContent);

describe('站长: 服务时间', () => {
  it('＋ 增加时段 proposes a valid hour after the last period, which saves', async () => {
    withHours({ 1: [{ start: '09:00', end: '12:00' }] });
    render(<HeadHoursPage />);
    await eventually(() => screen.getByText('周一'));
    fireEvent.click(screen.getAllByText('＋ 增加时段')[0]!);
    expect(timesOf('周一')).toEqual(['09:00', '12:00', '12:00', '13:00']);

    fireEvent.click(screen.getByText('保存服务时间'));
    await eventually(() => screen.getByText('✓ 已保存服务时间'));
    expect(api.updateOpeningHours).toHaveBeenCalledWith({
      stationId: 'st-tanggu',
      openingHours: {
        1: [
          { start: '09:00', end: '12:00' },
          { start: '12:00', end: '13:00' },
        ],
      },
    });
  });

  it('near closing time proposes what is left, and offers nothing once the day is full', async () => {
    withHours({ 2: [{ start: '09:00', end: '21:30' }], 3: [{ start: '09:00', end: '22:00' }] });
    render(<HeadHoursPage />);
    await eventually(() => screen.getByText('周二'));
    const card = (day: string) => screen.getByText(new RegExp(`^${day}`)).closest('.wk__section')!;
    fireEvent.click(card('周二').querySelector('.wk__add')!);
    expect(timesOf('周二')).toEqual(['09:00', '21:30', '21:30', '22:00']);
    expect(card('周三').querySelector('.wk__add')).toBeNull();
    expect(card('周三').textContent).toContain('已排到 22:00');
  });

  it('calls Sunday 周日', async () => {
    withHours({});
    render(<HeadHoursPage />);
    await eventually(() => screen.getByText('周日：休息'));
  });
});
