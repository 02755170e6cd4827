import type { DistrictOverview, OverviewQuota, OverviewStation, QuotaKey, QuotaStatus } from '@sgz/shared';
import { fireEvent, render, screen, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { eventually } from '../../../test/eventually';
import * as overviewApi from '../../services/overview';
import * as storage from '../../services/storage';
import DistrictOverviewPage from './overview/index';
import { sortStations } from './overview/sort';

jest.mock('../../services/overview');
jest.mock('../../services/storage');
const api = jest.mocked(overviewApi);
const files = jest.mocked(storage);

const quota = (key: QuotaKey, done: number, target: number, status: QuotaStatus): OverviewQuota => ({
  quota: key,
  label: key,
  unit: key === 'supervisionHours' ? '小时' : '个',
  done,
  target,
  status,
  forecast: done + 1,
  forecastMonth: null,
  reason: '',
});

const station = (
  id: string,
  unitName: string,
  order: number,
  kind: 'street' | 'township',
  cases: [number, QuotaStatus],
  stage: OverviewStation['status'] = 'operating',
): OverviewStation => ({
  stationId: id,
  stationName: `滨海新区${unitName}社会工作服务站`,
  unitName,
  unitKind: kind,
  order,
  zone: id === 'st-taida' ? { id: 'zone-teda', name: '天津经济技术开发区' } : null,
  status: stage,
  statusLabel: { preparing: '筹建', trial: '试运行', operating: '运营' }[stage],
  openedDay: null,
  staff: 4,
  qualifiedStaff: 2,
  overall: cases[1],
  quotas: {
    completedCases: quota('completedCases', cases[0], 2, cases[1]),
    supervisionHours: quota('supervisionHours', 12, 30, '按进度'),
    trainingHours: quota('trainingHours', 3, 4, '按进度'),
    qualifiedWorkers: quota('qualifiedWorkers', 2, 2, '已完成'),
  },
});

const OVERVIEW: DistrictOverview = {
  year: 2026,
  asOf: '2026-12-02',
  policy: {
    source: 'default',
    id: null,
    effectiveFrom: '2026-01-01',
    targets: { completedCases: 2, supervisionHours: 30, trainingHoursPerWorker: 30, qualifiedWorkers: 2 },
    referralClosuresCount: false,
  },
  groups: [
    {
      kind: 'street',
      label: '街道',
      stations: [
        station('st-tanggu', '塘沽街道', 0, 'street', [2, '已完成']),
        station('st-taida', '泰达街道', 9, 'street', [0, '有风险'], 'trial'),
      ],
    },
    {
      kind: 'township',
      label: '镇',
      stations: [station('st-xincheng', '新城镇', 16, 'township', [1, '落后'], 'preparing')],
    },
  ],
  totals: {
    stations: 3,
    staff: 12,
    qualifiedStaff: 6,
    byStatus: { 已完成: 1, 按进度: 0, 落后: 1, 有风险: 1 },
    byStationStatus: { preparing: 1, trial: 1, operating: 1 },
  },
  meta: { roundTrips: 6 },
};

beforeEach(() => {
  api.getDistrictOverview.mockReset();
  api.exportDistrictWorkbook.mockReset();
  files.openDownloadedFile.mockReset();
});

describe('全区社工站总览', () => {
  it('shows the groups, every status in words, the zone, and no names', async () => {
    api.getDistrictOverview.mockResolvedValue({ ok: true, data: OVERVIEW });
    render(<DistrictOverviewPage />);
    await eventually(() => screen.getByText('街道（2 个）'));
    screen.getByText('镇（1 个）');
    screen.getByText('2026 年，共 3 个社工站，社工 12 人（持证 6 人）');
    const tables = screen.getAllByRole('table');
    expect(tables).toHaveLength(2);
    const streets = tables[0] as HTMLElement;
    within(streets).getByText('天津经济技术开发区');
    within(streets).getByText('试运行');
    within(streets).getAllByText('有风险');
    within(streets).getAllByText('未指定');
    expect(api.getDistrictOverview).toHaveBeenCalledWith({ year: expect.any(Number) });
  });

  it('sorts by a column when its header is tapped, and says so with aria-sort', async () => {
    api.getDistrictOverview.mockResolvedValue({ ok: true, data: OVERVIEW });
    render(<DistrictOverviewPage />);
    await eventually(() => screen.getByText('街道（2 个）'));
    const streets = screen.getAllByRole('table')[0] as HTMLElement;
    const order = () =>
      within(streets)
        .getAllByRole('rowheader')
        .map((c) => c.textContent);
    expect(order()).toEqual(['塘沽街道', '泰达街道']);
    const header = within(streets).getAllByRole('columnheader')[5] as HTMLElement; // 结案个案
    expect(header.getAttribute('aria-sort')).toBe('none');
    fireEvent.click(within(header).getByText(/结案个案/));
    expect(header.getAttribute('aria-sort')).toBe('ascending');
    expect(order()).toEqual(['泰达街道', '塘沽街道']); // worst first
    fireEvent.click(within(header).getByText(/结案个案/));
    expect(header.getAttribute('aria-sort')).toBe('descending');
    expect(order()).toEqual(['塘沽街道', '泰达街道']);
  });

  it("opens a station's 站点月报 for the year shown (read-only for the district)", async () => {
    api.getDistrictOverview.mockResolvedValue({ ok: true, data: OVERVIEW });
    render(<DistrictOverviewPage />);
    await eventually(() => screen.getByText('街道（2 个）'));
    fireEvent.click(screen.getByText('泰达街道'));
    const url = jest.mocked(Taro.navigateTo).mock.calls.at(-1)?.[0].url ?? '';
    expect(url).toMatch(/^\/subpackages\/head\/dashboard\/index\?stationId=st-taida&year=\d{4}$/);
  });

  it('exports the workbook and opens it', async () => {
    api.getDistrictOverview.mockResolvedValue({ ok: true, data: OVERVIEW });
    api.exportDistrictWorkbook.mockResolvedValue({
      ok: true,
      data: {
        fileID: 'cloud://env/exports/district/x.xlsx',
        tempFileURL: 'https://example.test/x.xlsx',
        urlExpiresAt: '2026-12-02T10:00:00.000Z',
        fileName: '滨海新区社工站全区汇总_2026年.xlsx',
        bytes: 1000,
        rowCounts: { 全区汇总: 21, 社工站档案: 21 },
        stations: 21,
      },
    });
    files.openDownloadedFile.mockResolvedValue({ ok: true, data: null });
    render(<DistrictOverviewPage />);
    await eventually(() => screen.getByText('街道（2 个）'));
    fireEvent.click(screen.getByText('导出全区汇总'));
    await eventually(() => screen.getByText('已导出 滨海新区社工站全区汇总_2026年.xlsx（21 个社工站）'));
    expect(files.openDownloadedFile).toHaveBeenCalledWith(
      'https://example.test/x.xlsx',
      '滨海新区社工站全区汇总_2026年.xlsx',
    );
  });

  it('shows the error with 重试, and the empty state', async () => {
    api.getDistrictOverview.mockResolvedValueOnce({
      ok: false,
      error: { code: 'permission-denied', message: '您没有权限进行此操作' },
    });
    render(<DistrictOverviewPage />);
    await eventually(() => screen.getByText('全区总览没有加载出来'));
    screen.getByText('您没有权限进行此操作');
    api.getDistrictOverview.mockResolvedValueOnce({
      ok: true,
      data: { ...OVERVIEW, groups: [], totals: { ...OVERVIEW.totals, stations: 0 } },
    });
    fireEvent.click(screen.getByText('重试'));
    await eventually(() => screen.getByText('还没有社工站'));
  });
});

describe('sortStations', () => {
  it('keeps the notice order on ties and sorts the stage 筹建 → 运营', () => {
    const list = OVERVIEW.groups.flatMap((g) => g.stations);
    expect(sortStations(list, 'status', 'ascending').map((s) => s.status)).toEqual([
      'preparing',
      'trial',
      'operating',
    ]);
    expect(sortStations(list, 'staff', 'ascending').map((s) => s.order)).toEqual([0, 9, 16]);
  });
});
