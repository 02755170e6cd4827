import type {
  DashboardFigure,
  DashboardQuota,
  DashboardWorker,
  DrillDown,
  ExportLedgerOutput,
  StationDashboard,
  TrainingDto,
  WhoAmIOutput,
} from '@sgz/shared';
import UCharts from '@qiun/ucharts';
import { fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { eventually } from '../../../test/eventually';
import { setRouterParams } from '../../../test/taro-stub';
import * as accounts from '../../services/accounts';
import * as call from '../../services/call';
import * as dashboard from '../../services/dashboard';
import * as ledger from '../../services/ledger';
import * as ledgerFile from '../../services/ledger-file';
import * as visits from '../../services/visits';
import { drillUrl } from '../../utils/routes';
import DashboardPage from './dashboard/index';
import HeadHomePage from './index/index';
import RecordsPage, { parseDrill } from './records/index';

jest.mock('@qiun/ucharts', () => ({ __esModule: true, default: jest.fn() }));
jest.mock('../../services/accounts');
jest.mock('../../services/dashboard');
jest.mock('../../services/ledger');
jest.mock('../../services/ledger-file');
jest.mock('../../services/visits');
jest.mock('../../services/call', () => ({
  ...jest.requireActual('../../services/call'),
  callFunction: jest.fn(),
}));
const dash = jest.mocked(dashboard);
const led = jest.mocked(ledger);
const file = jest.mocked(ledgerFile);
const calls = jest.mocked(call);

const head = { userId: 'u-h', role: 'station_head', stationId: 'st-tanggu' } as WhoAmIOutput;
const S = 'st-tanggu';

const visitsDrill = (input: Partial<Extract<DrillDown, { kind: 'visits' }>['input']>): DrillDown => ({
  kind: 'visits',
  fn: 'visits',
  action: 'listVisits',
  input: { stationId: S, ...input },
});
const fig = (key: string, label: string, value: number, drill: DrillDown | null = null): DashboardFigure => ({
  key,
  label,
  value,
  drill,
});
const quota = (
  over: Partial<DashboardQuota> & Pick<DashboardQuota, 'quota' | 'label' | 'unit'>,
): DashboardQuota => ({
  done: 0,
  target: 2,
  expectedByNow: 1,
  elapsedShare: 0.5,
  status: '落后',
  forecast: 0,
  forecastMonth: null,
  reason: '还差 2 个',
  drill: null,
  ...over,
});

const worker = (over: Partial<DashboardWorker> = {}): DashboardWorker => ({
  workerId: 'u-w',
  name: '王芳',
  role: 'social_worker',
  visitsYear: fig('visitsYear', '本年走访', 7, visitsDrill({ year: 2025, workerId: 'u-w' })),
  visitsMonth: fig('visitsMonth', '6 月走访', 2, visitsDrill({ month: '2025-06', workerId: 'u-w' })),
  openCases: fig('openCases', '在办个案', 1, {
    kind: 'cases',
    fn: 'cases',
    action: 'listStationCases',
    input: { stationId: S, workerId: 'u-w', openOnly: true },
  }),
  closedCases: fig('closedCases', '本年结案', 0, null),
  trainingYear: fig('trainingYear', '本年学时', 12, {
    kind: 'training',
    fn: 'supervision',
    action: 'listTraining',
    input: { workerId: 'u-w', year: 2025 },
  }),
  trainingPeriod: { from: '2023-07-01', to: '2026-06-30', hours: 40, quota: 90 },
  trainingPeriodNote: null,
  trainingStatus: '落后',
  trainingReason: '还差 18 学时',
  qualified: true,
  flags: ['学时落后进度'],
  ...over,
});

const months = (values: number[]): DashboardFigure[] =>
  values.map((v, i) => {
    const k = `2025-${String(i + 1).padStart(2, '0')}`;
    return fig(k, `${i + 1}月`, v, visitsDrill({ month: k }));
  });

function dashboardOf(over: Partial<StationDashboard> = {}): StationDashboard {
  return {
    stationId: S,
    stationName: '塘沽街道社工站',
    year: 2025,
    month: 6,
    asOf: '2025-06-30',
    openedDay: null,
    policy: {
      source: 'default',
      id: null,
      effectiveFrom: '2022-01-01',
      targets: { completedCases: 2, supervisionHours: 30, trainingHoursPerWorker: 30, qualifiedWorkers: 2 },
      referralClosuresCount: false,
    } as StationDashboard['policy'],
    status: '落后',
    quotas: {
      completedCases: quota({
        quota: 'completedCases',
        label: '结案个案',
        unit: '个',
        done: 1,
        target: 2,
        reason: '还差 1 个结案个案，按当前进度预计 11 月完成',
        drill: {
          kind: 'cases',
          fn: 'cases',
          action: 'listStationCases',
          input: { stationId: S, filter: 'closed', completedYear: 2025 },
        },
      }),
      supervisionHours: quota({
        quota: 'supervisionHours',
        label: '督导时数',
        unit: '小时',
        done: 16,
        target: 30,
        expectedByNow: 15,
        status: '按进度',
        reason: '按进度',
      }),
      trainingHours: {
        ...quota({ quota: 'trainingHours', label: '继续教育学时', unit: '人', done: 0, target: 1 }),
        perWorkerTarget: 30,
        behind: [{ workerId: 'u-w', name: '王芳', status: '落后', done: 12, expectedByNow: 15 }],
      },
      qualifiedWorkers: quota({
        quota: 'qualifiedWorkers',
        label: '持证社工',
        unit: '人',
        done: 2,
        target: 2,
        status: '已完成',
        reason: '已达到 2 人',
      }),
    },
    workers: [worker()],
    activity: {
      visitsByMonth: months([1, 2, 0, 0, 1, 3, 0, 0, 0, 0, 0, 0]),
      visitsTotal: fig('total', '全年走访', 7, visitsDrill({ year: 2025 })),
      visitsByCategory: [fig('独居', '独居', 5, visitsDrill({ year: 2025, category: '独居' }))],
      monthVisitsByCategory: [],
      requestsByStatus: [fig('submitted', '待处理', 1, null), fig('completed', '已完成', 2, null)],
      rating: { average: 4.5, count: 2, drill: null },
      serviceHoursByArea: [
        fig('养老服务', '养老服务', 3.5, visitsDrill({ year: 2025, area: '养老服务' as never })),
      ],
    },
    meta: { roundTrips: 6 },
    ...over,
  };
}

/** A station opened this year with nothing recorded. */
function emptyDashboard(): StationDashboard {
  const d = dashboardOf();
  const zero = (f: DashboardFigure) => ({ ...f, value: 0 });
  return {
    ...d,
    quotas: {
      ...d.quotas,
      completedCases: { ...d.quotas.completedCases, done: 0 },
      supervisionHours: { ...d.quotas.supervisionHours, done: 0 },
    },
    workers: [],
    activity: {
      ...d.activity,
      visitsByMonth: d.activity.visitsByMonth.map(zero),
      visitsTotal: zero(d.activity.visitsTotal),
      visitsByCategory: [],
      requestsByStatus: d.activity.requestsByStatus.map(zero),
      rating: { average: null, count: 0, drill: null },
      serviceHoursByArea: [],
    },
  };
}

beforeAll(() => {
  // jsdom has no canvas: a stand-in context and a box, so the chart is handed to uCharts.
  HTMLCanvasElement.prototype.getContext = jest.fn(() => ({})) as never;
  HTMLCanvasElement.prototype.getBoundingClientRect = () => ({ width: 343, height: 180 }) as DOMRect;
});

beforeEach(() => {
  jest.mocked(accounts).whoAmI.mockResolvedValue({ ok: true, data: head });
  jest
    .mocked(visits)
    .listVisitConflicts.mockResolvedValue({ ok: true, data: { items: [], nextCursor: null } });
  dash.getStationDashboard.mockResolvedValue({ ok: true, data: dashboardOf() });
  // Other buttons of the head's home (个案待审批, 督导与学时待确认) ask their functions too.
  calls.callFunction.mockResolvedValue({ ok: false, error: { code: 'internal', message: '服务暂时不可用' } });
  jest.mocked(UCharts).mockClear();
  setRouterParams({ year: '2025', month: '6' });
});

const text = () => document.body.textContent ?? '';
/** The element named `label` (aria-label): quicker than getByRole on this large page. */
const byLabel = (label: string): Element => {
  const el = document.querySelector(`[aria-label="${label}"]`);
  if (!el) throw new Error(`no element labelled ${label}`);
  return el;
};
/** The page is large (every figure a row): the first render takes a while in jsdom. */
const wait = <T,>(assertion: () => T) => eventually(assertion, 10_000);

describe('站点月报', () => {
  it('asks for the month of the query and shows each quota as words beside its bar, with the reason', async () => {
    render(<DashboardPage />);
    await wait(() => screen.getByText('还差 1 个结案个案，按当前进度预计 11 月完成'));
    expect(dash.getStationDashboard).toHaveBeenCalledWith({ stationId: S, year: 2025, month: 6 });
    const bar = screen.getByRole('progressbar', { name: '结案个案进度' });
    expect(bar.getAttribute('aria-valuetext')).toBe('1/2 个 · 落后');
    // The figure in words sits beside the bar: `1/2 个 · ▼ 落后`.
    expect(bar.parentElement?.textContent).toMatch(/1\/2 个 · ▼ 落后/);
    expect(text()).toMatch(/16\/30 小时 · ● 按进度/);
    expect(text()).toMatch(/2\/2 人 · ✓ 已完成/);
    expect(text()).toContain('未跟上进度：王芳（12/15 学时，落后）');
  });

  it('tells every status in words and a symbol, not by colour: the page reads the same with no stylesheet', async () => {
    render(<DashboardPage />);
    await wait(() => screen.getByText('王芳'));
    for (const el of Array.from(document.querySelectorAll('.hd-status'))) {
      expect(el.textContent).toMatch(/^(✓ 已完成|● 按进度|▼ 落后|⚠ 有风险)$/);
    }
    expect(text()).toContain('⚠ 学时落后进度');
    expect(text()).toContain('✓ 持证');
    expect(text()).toContain('注册周期学时（2023-07-01 至 2026-06-30）');
  });

  it('draws the visits by month with uCharts and names the chart in one sentence; the numbers are listed too', async () => {
    render(<DashboardPage />);
    await wait(() => expect(UCharts).toHaveBeenCalled());
    const opts = jest.mocked(UCharts).mock.calls.map((c) => c[0]);
    const byMonth = opts.find((o) => o.type === 'column');
    expect(byMonth?.categories).toHaveLength(12);
    expect(byMonth?.series[0]?.data).toEqual([1, 2, 0, 0, 1, 3, 0, 0, 0, 0, 0, 0]);
    expect(byMonth?.dataLabel).toBe(true);
    expect(byMonth?.categories?.[11]).toBe('12');
    expect(byMonth?.xAxis?.rotateLabel).toBe(false); // 1…12 fit side by side
    const img = screen.getByRole('img', { name: /2025年按月走访次数：合计 7 次，最多的是6月（3 次）/ });
    expect(img).toBeTruthy();
    // The same numbers as text that opens the records: 6月 3 次.
    expect(byLabel('6月 3 次，查看记录').getAttribute('role')).toBe('button');
  });

  it('opens the records behind a number: the drill-down of that figure on 记录明细', async () => {
    render(<DashboardPage />);
    const row = await wait(() => byLabel('本年走访 7 次，查看记录'));
    expect(row.getAttribute('role')).toBe('button');
    fireEvent.click(row);
    const url = jest.mocked(Taro.navigateTo).mock.calls[0]?.[0].url ?? '';
    expect(url).toBe(drillUrl(visitsDrill({ year: 2025, workerId: 'u-w' }), '王芳 · 2025年走访'));
    expect(url.startsWith('/subpackages/head/records/index?drill=')).toBe(true);
    const query = new URLSearchParams(url.split('?')[1]);
    expect(parseDrill(query.get('drill') ?? '')).toEqual(visitsDrill({ year: 2025, workerId: 'u-w' }));
    // A figure with no list (本年结案 here) is text, not a button.
    expect(document.querySelector('[aria-label^="本年结案"]')).toBeNull();
    expect(text()).toContain('本年结案');
  });

  it('asks again for another month picked', async () => {
    render(<DashboardPage />);
    await wait(() => screen.getByText('王芳'));
    const march = Array.from(document.querySelectorAll('.hd-month')).find((m) => m.textContent === '3月');
    fireEvent.click(march!);
    await wait(() =>
      expect(dash.getStationDashboard).toHaveBeenLastCalledWith({ stationId: S, year: 2025, month: 3 }),
    );
  });

  it('says plainly when a new station has nothing yet (quotas still shown)', async () => {
    dash.getStationDashboard.mockResolvedValue({ ok: true, data: emptyDashboard() });
    render(<DashboardPage />);
    await wait(() => screen.getByText('本站2025年还没有走访、个案、求助等记录'));
    expect(text()).toContain('本站还没有社工账号');
    expect(text()).toContain('今年还没有走访记录');
    expect(screen.getByRole('progressbar', { name: '结案个案进度' })).toBeTruthy();
  });

  it('shows the server message and 重试 when the load fails', async () => {
    dash.getStationDashboard.mockResolvedValue({
      ok: false,
      error: { code: 'permission-denied', message: '您没有权限进行此操作' },
    });
    render(<DashboardPage />);
    await wait(() => screen.getByText('站点月报没有加载出来'));
    expect(text()).toContain('您没有权限进行此操作');
    dash.getStationDashboard.mockResolvedValue({ ok: true, data: dashboardOf() });
    fireEvent.click(screen.getByText('重试'));
    await wait(() => screen.getByText('王芳'));
  });
});

describe('导出台账', () => {
  const out: ExportLedgerOutput = {
    fileID: 'cloud://env/exports/st-tanggu/a.xlsx',
    tempFileURL: 'http://127.0.0.1/storage/a.xlsx',
    urlExpiresAt: '2025-06-30T01:00:00.000Z',
    fileName: '塘沽街道社工站台账_2025年06月.xlsx',
    bytes: 20480,
    rowCounts: {} as ExportLedgerOutput['rowCounts'],
    quotas: [],
  };

  it('exports the month shown, says each step, and opens the file', async () => {
    led.exportLedger.mockResolvedValue({ ok: true, data: out });
    file.openLedgerFile.mockImplementation(async (_f, onStep) => {
      onStep('downloading');
    });
    render(<DashboardPage />);
    const button = await wait(() => screen.getByText('导出2025年6月台账'));
    fireEvent.click(button);
    await wait(() => screen.getByText(/✓ 已导出：塘沽街道社工站台账_2025年06月.xlsx（20 KB）/));
    expect(led.exportLedger).toHaveBeenCalledWith({ stationId: S, year: 2025, month: 6 });
    expect(file.openLedgerFile).toHaveBeenCalledWith(out, expect.any(Function));
  });

  it('exports the whole year when 全年 is picked', async () => {
    led.exportLedger.mockResolvedValue({ ok: true, data: out });
    file.openLedgerFile.mockResolvedValue();
    render(<DashboardPage />);
    fireEvent.click(await wait(() => screen.getByText('2025年全年台账')));
    fireEvent.click(screen.getByText('导出2025年全年台账'));
    await wait(() => expect(led.exportLedger).toHaveBeenCalledWith({ stationId: S, year: 2025 }));
  });

  it('says in Chinese why it failed: the server message, a missing function, a file that did not download', async () => {
    led.exportLedger.mockResolvedValueOnce({
      ok: false,
      error: { code: 'invalid-argument', message: '这个月还没开始，不能导出' },
    });
    render(<DashboardPage />);
    fireEvent.click(await wait(() => screen.getByText('导出2025年6月台账')));
    await wait(() => screen.getByText('! 台账没有导出：这个月还没开始，不能导出'));

    led.exportLedger.mockResolvedValueOnce({
      ok: false,
      error: {
        code: 'internal',
        message: 'function not found: ledger (no index.js; build the functions first)',
      },
    });
    fireEvent.click(screen.getByText('导出2025年6月台账'));
    await wait(() => screen.getByText(/台账导出功能还没有在服务器上开通/));

    led.exportLedger.mockResolvedValueOnce({ ok: true, data: out });
    file.openLedgerFile.mockRejectedValueOnce(new Error('台账文件没有下载下来，请检查网络后重试'));
    fireEvent.click(screen.getByText('导出2025年6月台账'));
    await wait(() => screen.getByText('! 台账没有导出：台账文件没有下载下来，请检查网络后重试'));
  });
});

describe('记录明细', () => {
  const training = (over: Partial<TrainingDto> = {}): TrainingDto =>
    ({
      id: 'tr-1',
      workerId: 'u-w',
      workerName: '王芳',
      stationId: S,
      startDay: '2025-03-01',
      endDay: '2025-03-02',
      year: 2025,
      course: '老年社会工作实务',
      organiser: '区民政局',
      kind: '培训',
      form: '线下',
      hours: 12,
      countedHours: 12,
      hasCertificate: false,
      certificateUrl: null,
      status: 'confirmed',
      reason: null,
      recordedBy: 'u-w',
      ...over,
    }) as TrainingDto;
  const drill: DrillDown = {
    kind: 'training',
    fn: 'supervision',
    action: 'listTraining',
    input: { workerId: 'u-w', year: 2025 },
  };
  const open = (d: DrillDown | string, title: string) => {
    const url = typeof d === 'string' ? d : drillUrl(d, title);
    const q = new URLSearchParams(url.split('?')[1]);
    setRouterParams({ drill: q.get('drill') ?? '', title: q.get('title') ?? '' });
  };

  it('calls the list the figure named, with its filters, and lists what it answers', async () => {
    calls.callFunction.mockResolvedValue({ ok: true, data: { items: [training()], nextCursor: null } });
    open(drill, '王芳 · 2025年学时');
    render(<RecordsPage />);
    await wait(() => screen.getByText('老年社会工作实务'));
    expect(calls.callFunction).toHaveBeenCalledWith('supervision', 'listTraining', {
      workerId: 'u-w',
      year: 2025,
      limit: 20,
    });
    expect(text()).toContain('王芳 · 2025年学时');
    expect(text()).toContain('计 12 学时');
  });

  it('says so when nothing matches, and when the list fails', async () => {
    calls.callFunction.mockResolvedValueOnce({ ok: true, data: { items: [], nextCursor: null } });
    open(drill, '王芳 · 2025年学时');
    const { unmount } = render(<RecordsPage />);
    await wait(() => screen.getByText('没有符合条件的学时记录'));
    unmount();
    calls.callFunction.mockResolvedValueOnce({
      ok: false,
      error: { code: 'internal', message: '网络不太好，请稍后重试' },
    });
    const second = render(<RecordsPage />);
    await wait(() => screen.getByText('学时记录没有加载出来'));
    expect(screen.getByText('重试')).toBeTruthy();
    second.unmount();
    // A list that refuses the figure's filters: no 重试 that cannot help, the reason in words.
    calls.callFunction.mockResolvedValueOnce({
      ok: false,
      error: { code: 'invalid-argument', message: '请求参数不正确' },
    });
    render(<RecordsPage />);
    await wait(() => screen.getByText('这个数字的学时记录明细暂时打不开'));
    expect(screen.queryByText('重试')).toBeNull();
  });

  it('refuses a link that is not a drill-down the dashboard makes (calls nothing)', async () => {
    calls.callFunction.mockClear();
    setRouterParams({
      drill: JSON.stringify({ kind: 'training', fn: 'accounts', action: 'deleteAccount', input: {} }),
    });
    render(<RecordsPage />);
    await wait(() => screen.getByText('这个链接打不开'));
    expect(calls.callFunction).not.toHaveBeenCalled();
  });
});

describe('站长工作台: 本月进度', () => {
  it('shows the four quotas in words and opens 站点月报', async () => {
    render(<HeadHomePage />);
    await wait(() => screen.getByText(/结案个案 1\/2 个 · 落后/));
    expect(text()).toMatch(/✓ 持证社工 2\/2 人 · 已完成/);
    fireEvent.click(screen.getByText('站点月报（指标、图表、导出台账）'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/subpackages/head/dashboard/index' });
  });
});
