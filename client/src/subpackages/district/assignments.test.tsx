import type { AssignmentDto } from '@sgz/shared';
import { fireEvent, render, screen } from '@testing-library/react';
import { eventually } from '../../../test/eventually';
import * as sv from '../../services/supervision';
import { Assignments } from './assignments/index';

jest.mock('../../services/supervision', () => ({
  ...jest.requireActual('../../services/supervision-record'),
  supervision: { listAssignments: jest.fn(), assignSupervisor: jest.fn(), endAssignment: jest.fn() },
}));
const api = sv.supervision as unknown as Record<string, jest.Mock>;

const assignment = (over: Partial<AssignmentDto> = {}): AssignmentDto => ({
  id: 'sa-1',
  supervisorId: 'u-s',
  supervisorName: '赵督导',
  stationId: 'st-tanggu',
  kind: 'external',
  from: '2025-01-01',
  to: null,
  active: true,
  ...over,
});

const STATIONS: [string, string][] = [
  ['st-tanggu', '塘沽街社工站'],
  ['st-xinhe', '新河街社工站'],
];

beforeEach(() => {
  for (const fn of Object.values(api)) fn.mockReset();
});

async function field(label: string): Promise<HTMLElement> {
  return eventually(() => {
    const found = screen.getAllByLabelText(label).find((e) => e.tagName === 'INPUT');
    if (!found) throw new Error(`no field ${label}`);
    return found;
  });
}

describe('区民政局: 督导分配', () => {
  it('lists the station current assignments; a new one needs a supervisor and a kind, then is saved', async () => {
    api.listAssignments!.mockResolvedValue({ ok: true, data: { items: [assignment()] } });
    api.assignSupervisor!.mockResolvedValue({
      ok: true,
      data: { assignment: assignment({ id: 'sa-2', stationId: 'st-xinhe', supervisorId: 'u-s2' }) },
    });
    render(
      <Assignments
        stations={STATIONS}
        supervisors={[
          ['u-s', '赵督导'],
          ['u-s2', '钱督导'],
        ]}
        today="2025-03-03"
      />,
    );
    await eventually(() => screen.getByText('外聘督导 · 2025-01-01 起，未定结束日期'));
    expect(api.listAssignments).toHaveBeenCalledWith({ stationId: 'st-tanggu', includeEnded: false });

    fireEvent.click(screen.getByText('新河街社工站'));
    await eventually(() =>
      expect(api.listAssignments).toHaveBeenCalledWith({ stationId: 'st-xinhe', includeEnded: false }),
    );
    fireEvent.click(screen.getByText('保存督导安排'));
    await eventually(() => screen.getByText('⚠ 请选择督导'));
    screen.getByText('⚠ 请选择督导类别');
    expect(api.assignSupervisor).not.toHaveBeenCalled();

    fireEvent.click(screen.getByText('钱督导'));
    fireEvent.click(screen.getByText('区级督导团队'));
    fireEvent.input(await field('结束日期'), { target: { value: '2025-12-31' } });
    fireEvent.click(screen.getByText('保存督导安排'));
    await eventually(() => screen.getByText('✓ 已安排钱督导督导新河街社工站'));
    expect(api.assignSupervisor).toHaveBeenCalledWith({
      supervisorId: 'u-s2',
      stationId: 'st-xinhe',
      kind: 'district',
      from: '2025-03-03',
      to: '2025-12-31',
    });
  });

  it('ends an assignment on the day given, the server message beside the day when refused', async () => {
    api.listAssignments!.mockResolvedValue({ ok: true, data: { items: [assignment()] } });
    api
      .endAssignment!.mockResolvedValueOnce({
        ok: false,
        error: {
          code: 'invalid-argument',
          message: '结束日期不能早于开始日期，请检查',
          details: { field: 'to' },
        },
      })
      .mockResolvedValueOnce({
        ok: true,
        data: { assignment: assignment({ to: '2025-03-03', active: true }) },
      });
    render(<Assignments stations={STATIONS} supervisors={[['u-s', '赵督导']]} today="2025-03-03" />);
    await eventually(() => screen.getByText('结束安排…'));
    fireEvent.click(screen.getByText('结束安排…'));
    await eventually(() => screen.getByText('结束这项督导安排吗？'));
    fireEvent.input(await field('最后一天'), { target: { value: '2024-12-31' } });
    fireEvent.click(screen.getByText('结束安排'));
    await eventually(() => screen.getByText('⚠ 结束日期不能早于开始日期，请检查'));
    fireEvent.input(await field('最后一天'), { target: { value: '2025-03-03' } });
    fireEvent.click(screen.getByText('结束安排'));
    await eventually(() => screen.getByText('✓ 已结束这项督导安排（最后一天 2025-03-03）'));
    expect(api.endAssignment).toHaveBeenLastCalledWith({ assignmentId: 'sa-1', to: '2025-03-03' });
  });

  it('an empty station and a list that did not load', async () => {
    api.listAssignments!.mockResolvedValueOnce({ ok: true, data: { items: [] } });
    const first = render(<Assignments stations={STATIONS} supervisors={[]} today="2025-03-03" />);
    await eventually(() => screen.getByText('这个社工站当前没有督导'));
    screen.getByText('还没有督导账号：请先邀请督导注册。');
    first.unmount();
    api.listAssignments!.mockResolvedValueOnce({
      ok: false,
      error: { code: 'unavailable', message: '网络不太好' },
    });
    render(<Assignments stations={STATIONS} supervisors={[]} today="2025-03-03" />);
    await eventually(() => screen.getByText('督导安排没有加载出来'));
  });
});
