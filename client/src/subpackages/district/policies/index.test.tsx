import { defaultQuotaPolicy, type ListQuotaPoliciesOutput } from '@sgz/shared';
import { fireEvent, render, screen } from '@testing-library/react';
import { eventually } from '../../../../test/eventually';
import * as district from '../../../services/district';
import DistrictPoliciesPage from './index';

jest.mock('../../../services/district');
const api = jest.mocked(district);

const listed = (over: Partial<ListQuotaPoliciesOutput> = {}): ListQuotaPoliciesOutput => ({
  items: [
    {
      id: 'qp-2026-01-01',
      policy: {
        ...defaultQuotaPolicy(2026),
        targets: { ...defaultQuotaPolicy(2026).targets, completedCases: 3 },
      },
      inForce: true,
      updatedAt: '2025-12-20T02:00:00.000Z',
      updatedByName: '王科长',
    },
  ],
  defaults: defaultQuotaPolicy(2026),
  today: '2026-12-02',
  current: {
    year: 2026,
    policy: {
      ...defaultQuotaPolicy(2026),
      targets: { ...defaultQuotaPolicy(2026).targets, completedCases: 3 },
    },
    source: 'stored',
    id: 'qp-2026-01-01',
  },
  ...over,
});

beforeEach(() => {
  for (const fn of Object.values(api)) if (jest.isMockFunction(fn)) fn.mockReset();
  api.listQuotaPolicies.mockResolvedValue({ ok: true, data: listed() });
});

const inputOf = (label: string) =>
  eventually(() => {
    const el = screen.getAllByLabelText(label).find((e) => e.tagName === 'INPUT');
    if (!el) throw new Error(`no input labelled ${label}`);
    return el as HTMLInputElement;
  });
const type = async (label: string, value: string) =>
  fireEvent.input(await inputOf(label), { target: { value } });
const errorOf = (label: string) =>
  screen.getByText(label, { selector: '.wk__label' }).closest('.wk__field')!.querySelector('.sgz-field-error')
    ?.textContent ?? null;

describe('区民政局: 指标政策', () => {
  it('lists the policies by first day with what is in force, and says past years are never rewritten', async () => {
    render(<DistrictPoliciesPage />);
    await eventually(() => screen.getByText('2026 年执行：2026-01-01 起生效的政策'));
    screen.getByText('2026-01-01 起生效 · ✓ 已生效（不再修改）');
    // When it was saved, in Beijing time, and by whom.
    screen.getByText('保存于 2025-12-20 10:00，登记人：王科长');
    expect(screen.getAllByText('每站每年结案个案数：3 个')).toHaveLength(2);
    screen.getByText(/往年的考核结果不会被改写：生效日期不能早于今天（2026-12-02）/);
    // The form starts from the policy in force, from today.
    expect((await inputOf('生效日期')).value).toBe('2026-12-02');
    expect((await inputOf('每站每年结案个案数（个）')).value).toBe('3');
  });

  it('refuses a first day before today beside the field, and sends nothing', async () => {
    render(<DistrictPoliciesPage />);
    await type('生效日期', '2026-01-01');
    await type('高风险对象走访间隔（天）', '0');
    fireEvent.click(screen.getByText('保存指标政策'));
    await eventually(() =>
      expect(errorOf('生效日期')).toBe(
        '⚠ 生效日期不能早于今天（2026-12-02）：已经执行的年度指标不能改写，请选择今天或以后的日期',
      ),
    );
    expect(errorOf('高风险对象走访间隔（天）')).toBe('⚠ 高风险的走访间隔至少 1 天');
    expect(api.saveQuotaPolicy).not.toHaveBeenCalled();
  });

  it('saves a policy from a later day and lists it', async () => {
    api.saveQuotaPolicy.mockImplementation((p) =>
      Promise.resolve({
        ok: true,
        data: {
          item: {
            id: `qp-${p.effectiveFrom}`,
            policy: p,
            inForce: false,
            updatedAt: null,
            updatedByName: null,
          },
          replaced: false,
        },
      }),
    );
    render(<DistrictPoliciesPage />);
    await type('生效日期', '2027-01-01');
    await type('每站每年专业督导时数（小时）', '40.5');
    fireEvent.click(screen.getByText('○ 计入'));
    fireEvent.click(screen.getByText('保存指标政策'));
    await eventually(() => screen.getByText('✓ 已保存：2027-01-01 起生效'));
    expect(api.saveQuotaPolicy).toHaveBeenCalledWith({
      effectiveFrom: '2027-01-01',
      targets: { completedCases: 3, supervisionHours: 40.5, trainingHoursPerWorker: 30, qualifiedWorkers: 2 },
      referralClosuresCount: true,
      visitIntervals: { 高风险: 7, 重点: 30, 一般: 90 },
    });
    expect(api.listQuotaPolicies).toHaveBeenCalledTimes(2);
  });

  it('shows the server refusal beside its field', async () => {
    api.saveQuotaPolicy.mockResolvedValue({
      ok: false,
      error: {
        code: 'failed-precondition',
        message: '该日期起的年度指标已经生效，不能再修改',
        details: { reason: 'in-force' },
      },
    });
    render(<DistrictPoliciesPage />);
    await inputOf('生效日期');
    fireEvent.click(screen.getByText('保存指标政策'));
    await eventually(() => screen.getByText('⚠ 该日期起的年度指标已经生效，不能再修改'));
  });

  it('no policy yet reads as the notice defaults; a failed load has 重试', async () => {
    api.listQuotaPolicies.mockResolvedValueOnce({
      ok: false,
      error: { code: 'internal', message: '网络不太好，请稍后重试' },
    });
    api.listQuotaPolicies.mockResolvedValueOnce({
      ok: true,
      data: listed({
        items: [],
        current: { year: 2026, policy: defaultQuotaPolicy(2026), source: 'default', id: null },
      }),
    });
    render(<DistrictPoliciesPage />);
    await eventually(() => screen.getByText('指标政策没有加载出来'));
    fireEvent.click(screen.getByText('重试'));
    await eventually(() => screen.getByText('还没有登记过政策，各站按通知规定的默认指标考核。'));
    screen.getByText('2026 年执行：通知规定的默认指标（还没有登记政策）');
  });
});
