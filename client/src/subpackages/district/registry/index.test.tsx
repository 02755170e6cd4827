import type { QualificationRegistryOutput, RegistryItemDto } from '@sgz/shared';
import { fireEvent, render, screen } from '@testing-library/react';
import { eventually } from '../../../../test/eventually';
import * as district from '../../../services/district';
import DistrictRegistryPage from './index';

jest.mock('../../../services/district');
const api = jest.mocked(district);

const person = (over: Partial<RegistryItemDto>): RegistryItemDto => ({
  userId: 'u-1',
  name: '李社工',
  stationId: 'st-tanggu',
  role: 'social_worker',
  qualified: true,
  reason: '持证且已注册登记',
  certificateKind: '社会工作师',
  numberMasked: '****1234',
  registrationStatus: 'registered',
  registeredOn: '2024-03-01',
  period: { from: '2024-03-01', to: '2027-02-28', daysLeft: 88, endingSoon: true },
  ...over,
});

const registry: QualificationRegistryOutput = {
  items: [
    person({}),
    person({
      userId: 'u-2',
      name: '赵社工',
      period: { from: '2025-06-01', to: '2028-05-31', daysLeft: 900, endingSoon: false },
    }),
    person({
      userId: 'u-3',
      name: '陈社工',
      stationId: 'st-dagang',
      qualified: false,
      reason: '未登记证书',
      certificateKind: null,
      numberMasked: null,
      registrationStatus: null,
      registeredOn: null,
      period: null,
    }),
  ],
  stations: [
    {
      stationId: 'st-tanggu',
      officialName: '塘沽',
      unitName: '塘沽街道',
      qualifiedCount: 2,
      belowMinimum: false,
    },
    {
      stationId: 'st-dagang',
      officialName: '大港',
      unitName: '大港街道',
      qualifiedCount: 0,
      belowMinimum: true,
    },
  ],
  minimum: 2,
  belowMinimumCount: 1,
  endingSoonCount: 1,
};

beforeEach(() => {
  api.listQualificationRegistry.mockReset();
});

describe('区民政局: 资质登记', () => {
  it('puts stations below the minimum first and says periods ending soon in words', async () => {
    api.listQualificationRegistry.mockResolvedValue({ ok: true, data: registry });
    render(<DistrictRegistryPage />);
    await eventually(() => screen.getByText('⚠ 1 个站持证社工不足 2 人（排在最前）'));
    screen.getByText('⚠ 1 人的注册登记将在 90 天内到期，请提醒及时办理');
    const titles = screen.getAllByText(/社工站$/, { selector: '.wk__item-title' }).map((e) => e.textContent);
    expect(titles).toEqual(['大港街道社工站', '塘沽街道社工站']);
    screen.getByText('⚠ 持证社工 0 人，不足 2 人');
    screen.getByText('✓ 持证社工 2 人');
    screen.getByText('⚠ 注册登记即将到期：2027-02-28（还剩 88 天）');
    expect(screen.getAllByText(/注册登记即将到期/)).toHaveLength(1);
    screen.getByText('社会工作师（证书号 ****1234），已注册登记，本期登记 2024-03-01 至 2027-02-28');
    screen.getByText('陈社工（社工）：未计入持证');
    expect(api.listQualificationRegistry).toHaveBeenCalledWith({});
  });

  it('shows the error with 重试, and the empty state', async () => {
    api.listQualificationRegistry.mockResolvedValueOnce({
      ok: false,
      error: { code: 'internal', message: '网络不太好，请稍后重试' },
    });
    api.listQualificationRegistry.mockResolvedValueOnce({
      ok: true,
      data: { items: [], stations: [], minimum: 2, belowMinimumCount: 0, endingSoonCount: 0 },
    });
    render(<DistrictRegistryPage />);
    await eventually(() => screen.getByText('资质登记没有加载出来'));
    fireEvent.click(screen.getByText('重试'));
    await eventually(() => screen.getByText('还没有社工站'));
  });
});
