import type { TrainingSummary } from '@sgz/shared';
import { fireEvent, render, screen } from '@testing-library/react';
import { eventually } from '../../../test/eventually';
import * as appOutboxModule from '../../services/app-outbox';
import * as sv from '../../services/supervision';
import type { TrainingRecord } from '../../services/supervision-record';
import MyHoursPage, { Counters } from './hours/index';
import { emptyTrainingDraft, validateTraining } from './training/draft';
import { TrainingForm } from './training/index';

jest.mock('../../services/supervision', () => ({
  ...jest.requireActual('../../services/supervision-record'),
  supervision: { getTrainingSummary: jest.fn(), listTraining: jest.fn() },
}));
jest.mock('../../services/app-outbox', () => {
  const { createOutbox } = jest.requireActual('../../services/outbox/outbox');
  const { createMemoryStorage } = jest.requireActual('../../services/outbox/storage-memory');
  const send = jest.fn(async (item: { version: number }) => ({
    ok: true,
    data: { status: 'received', version: item.version },
  }));
  const appOutbox = createOutbox({
    storage: createMemoryStorage(),
    kinds: [{ kind: 'training', idPrefix: 'tr', send }],
  });
  return { appOutbox, startAppOutbox: jest.fn() };
});
const { appOutbox } = appOutboxModule;
const api = sv.supervision as unknown as Record<string, jest.Mock>;

const summary = (over: Partial<TrainingSummary> = {}): TrainingSummary => ({
  workerId: 'u-w',
  workerName: '王芳',
  year: 2025,
  yearHours: 12,
  yearQuota: 30,
  yearPendingHours: 6,
  period: {
    from: '2022-06-01',
    to: '2025-05-31',
    index: 1,
    hours: 60,
    quota: 90,
    daysLeft: 45,
    endingSoon: true,
  },
  periodNote: null,
  certificateKind: '社会工作师',
  ...over,
});

beforeEach(async () => {
  for (const fn of Object.values(api)) fn.mockReset();
  await appOutbox.start();
});

async function field(label: string): Promise<HTMLElement> {
  return eventually(() => {
    const found = screen
      .getAllByLabelText(label)
      .find((e) => e.tagName === 'INPUT' || e.tagName === 'TEXTAREA');
    if (!found) throw new Error(`no field ${label}`);
    return found;
  });
}
const typeInto = async (label: string, value: string) =>
  fireEvent.input(await field(label), { target: { value } });

describe('我的学时: counters', () => {
  it('says both counters in words beside the bars and flags a period ending within 90 days', () => {
    render(<Counters summary={summary()} />);
    screen.getByText('2025 年已确认学时：12 / 30 学时（40%），还差 18 学时');
    screen.getByText('另有 6 学时待站长确认');
    screen.getByText('登记有效期（第 1 期）已确认学时：60 / 90 学时（67%），还差 30 学时');
    screen.getByText('有效期 2022-06-01 至 2025-05-31（社会工作师，应修满 90 学时）');
    screen.getByText('⚠ 有效期还剩 45 天，请抓紧修满学时');
  });

  it('without a registration period says why', () => {
    render(<Counters summary={summary({ period: null, periodNote: '尚未登记，暂不计算登记有效期' })} />);
    screen.getByText('登记有效期：尚未登记，暂不计算登记有效期');
  });

  it('the page: records empty, summary error with 重试', async () => {
    api.getTrainingSummary!.mockResolvedValue({
      ok: false,
      error: { code: 'internal', message: '服务器开小差了' },
    });
    api.listTraining!.mockResolvedValue({ ok: true, data: { items: [], nextCursor: null } });
    render(<MyHoursPage />);
    await eventually(() => screen.getByText('学时没有加载出来'));
    await eventually(() => screen.getByText('还没有学时记录'));
  });
});

describe('记录培训', () => {
  it('hours must be positive half-hour steps; the end day not after today', () => {
    const d = {
      ...emptyTrainingDraft(null, '2025-03-03'),
      course: '危机干预',
      organiser: '区民政局',
      kind: '继续教育' as const,
      form: '面授' as const,
      hours: '2.2',
    };
    expect(validateTraining(d, '2025-03-03').hours).toMatch(/学时请按半小时填写/);
    expect(validateTraining({ ...d, hours: '2.5' }, '2025-03-03')).toEqual({});
    expect(validateTraining({ ...d, hours: '2.5', endDay: '2025-03-04' }, '2025-03-03').endDay).toBe(
      '培训还没有结束，请在结束后再记录',
    );
  });

  it('the head records for a worker of the team: refused at 1.3, queued in the outbox once fixed', async () => {
    render(
      <TrainingForm
        recordId="tr-test-00000001"
        initial={emptyTrainingDraft('u-w', '2025-03-03')}
        today="2025-03-03"
      />,
    );
    await typeInto('课程名称', '危机干预');
    await typeInto('主办单位', '区民政局');
    fireEvent.click(screen.getByText('继续教育'));
    fireEvent.click(screen.getByText('面授'));
    await typeInto('学时', '1.3');
    await eventually(() => screen.getByText('⚠ 学时请按半小时填写，例如 1.5'));
    fireEvent.click(screen.getByText('提交学时记录'));
    await eventually(() => screen.getByText('⚠ 请按提示修改后再提交'));
    await typeInto('学时', '1.5');
    fireEvent.click(screen.getByText('提交学时记录'));
    await eventually(() =>
      expect(['queued', 'sending', 'synced']).toContain(appOutbox.get('tr-test-00000001')?.status),
    );
    expect(appOutbox.get('tr-test-00000001')!.payload as TrainingRecord).toEqual({
      workerId: 'u-w',
      startDay: '2025-03-03',
      endDay: '2025-03-03',
      course: '危机干预',
      organiser: '区民政局',
      kind: '继续教育',
      form: '面授',
      hours: 1.5,
    });
  });
});
