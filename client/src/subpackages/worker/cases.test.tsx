import type { CaseDetail, CaseListItem, WhoAmIOutput } from '@sgz/shared';
import { fireEvent, render, screen, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { eventually } from '../../../test/eventually';
import { triggerDidHide } from '../../../test/taro-stub';
import * as accounts from '../../services/accounts';
import * as files from '../../services/files';
import * as stations from '../../services/stations';
import * as storage from '../../services/storage';
import { supervision } from '../../services/supervision';
import { cases } from '../../services/cases';
import { ApprovalList } from '../head/approvals/index';
import { attachmentName, canReferNow, CaseView, referProblem } from './case/index';
import { OpenForm } from './case-open/index';
import { StageForm, STAGE_SAVE_TEXT } from './case-stage/index';
import MyCasesPage from './cases/index';
import { casesEntryText } from './index/CasesEntry';

jest.mock('../../services/accounts');
jest.mock('../../services/stations');
jest.mock('../../services/files', () => ({
  ...jest.requireActual('../../services/files'),
  getPerson: jest.fn(),
  listPersons: jest.fn(),
}));
jest.mock('../../services/supervision', () => ({
  ...jest.requireActual('../../services/supervision'),
  supervision: { listAssignments: jest.fn() },
}));
// The mini-program's storage (the H5 one cannot upload).
jest.mock('../../services/storage', () => ({
  CAN_UPLOAD: true,
  pickXlsx: jest.fn(),
  uploadFile: jest.fn(),
  openDownloadedFile: jest.fn(),
}));
jest.mock('../../services/cases', () => ({
  ...jest.requireActual('../../services/cases'),
  cases: {
    listMyCases: jest.fn(),
    listPendingApprovals: jest.fn(),
    decideApproval: jest.fn(),
    saveStageRecord: jest.fn(),
    advanceCase: jest.fn(),
    listCaseNotes: jest.fn(),
    addCaseAttachment: jest.fn(),
    updateCaseTeam: jest.fn(),
    openCase: jest.fn(),
    referCase: jest.fn(),
  },
}));
const api = jest.mocked(cases);

const worker = { userId: 'u-w', role: 'social_worker', stationId: 'st-tanggu' } as WhoAmIOutput;

const item = (over: Partial<CaseListItem> = {}): CaseListItem => ({
  id: 'cs-case-0001',
  stationId: 'st-tanggu',
  version: 3,
  status: 'intervention',
  stage: 'intervention',
  persons: [{ id: 'p-1', name: '张*' }],
  source: 'outreach',
  leadWorkerId: 'u-w',
  assistantIds: [],
  supervisorId: null,
  waiting: [],
  noteCount: 2,
  lastNoteDay: '2026-11-20',
  closureType: null,
  followUpDay: null,
  followUpDone: false,
  openedAt: '2026-11-01T02:00:00.000Z',
  updatedAt: '2026-11-20T02:00:00.000Z',
  ...over,
});

const detail = (over: Partial<CaseDetail> = {}): CaseDetail => ({
  ...item({ status: 'plan', stage: 'plan', noteCount: 0 }),
  view: 'team',
  originId: null,
  referredBy: null,
  records: {
    intake: {
      presentingProblem: '独居，情绪低落',
      background: null,
      consent: { given: true, method: '口头同意', day: null },
    },
    assessment: null,
    plan: null,
    evaluation: null,
    closure: null,
  },
  refusal: null,
  closureApprovedAt: null,
  completedYear: null,
  followUpNote: null,
  history: [],
  attachments: [],
  allowed: {
    edit: true,
    moves: ['submitPlan'],
    approvals: [],
    reopen: false,
    transfer: false,
    setSupervisor: false,
  },
  ...over,
});

const page = <T,>(items: T[]) => ({ ok: true as const, data: { items, nextCursor: null } });

beforeEach(() => {
  for (const f of Object.values(api)) (f as jest.Mock).mockReset();
  jest.mocked(accounts.whoAmI).mockResolvedValue({ ok: true, data: worker });
  jest
    .mocked(accounts.listStaff)
    .mockResolvedValue({ ok: true, data: { items: [], total: 0, nextCursor: null } } as never);
  api.listCaseNotes.mockResolvedValue(page([]));
  jest.mocked(supervision.listAssignments).mockReset();
});

/** The inner <input>/<textarea> labelled `label`. */
function fieldNow(label: string): HTMLInputElement {
  const found = screen
    .getAllByLabelText(label)
    .find((e) => e.tagName === 'INPUT' || e.tagName === 'TEXTAREA');
  if (!found) throw new Error(`no field ${label}`);
  return found as HTMLInputElement;
}
const field = (label: string): Promise<HTMLInputElement> => eventually(() => fieldNow(label));
const type = async (label: string, value: string) =>
  fireEvent.input(await field(label), { target: { value } });
const statusLine = (): string => document.querySelector('.vf-save-status')?.textContent ?? '';

describe('我的个案', () => {
  it('says when there is no case and nothing waits', async () => {
    api.listMyCases.mockResolvedValue(page([]));
    render(<MyCasesPage />);
    await eventually(() => screen.getByText('还没有个案'));
    await eventually(() => screen.getByText(/没有等您处理的个案/));
  });

  it('shows the error with 重试, and the list after it', async () => {
    api.listMyCases.mockResolvedValue({ ok: false, error: { code: 'internal', message: '网络不太稳定' } });
    render(<MyCasesPage />);
    await eventually(() => screen.getByText('个案没有加载出来'));
    await eventually(() => screen.getByText(/待办没有加载出来/));
    api.listMyCases.mockImplementation(async (input) =>
      input?.waitingOnly
        ? page([])
        : page([item(), item({ id: 'cs-case-0002', status: 'plan_review', stage: 'plan' })]),
    );
    // The list's 重试 (the second: 等我处理 comes first).
    fireEvent.click(screen.getAllByText('重试')[1] as HTMLElement);
    await eventually(() => screen.getByText('介入（1）'));
    expect(screen.getByText('计划（1）')).toBeTruthy();
    expect(screen.getByText('计划待审批')).toBeTruthy();
  });

  it('lists what waits on the worker with the reason in words', async () => {
    api.listMyCases.mockImplementation(async (input) =>
      input?.waitingOnly ? page([item({ status: 'plan', waiting: ['plan-refused'] })]) : page([]),
    );
    render(<MyCasesPage />);
    await eventually(() => screen.getByText(/计划被退回，需修改/));
    expect(screen.getByText('去处理 ›')).toBeTruthy();
  });

  it('the home entry says how many wait', () => {
    expect(casesEntryText(null)).toBe('我的个案');
    expect(casesEntryText(0)).toBe('我的个案');
    expect(casesEntryText(2)).toBe('我的个案（2 个等我处理）');
  });
});

describe('stage form', () => {
  it('keeps what was typed on the phone and restores it after a remount; 已保存 only once the server stored it', async () => {
    // The server is out of reach: what was typed stays on the phone only.
    api.saveStageRecord.mockResolvedValue({
      ok: false,
      error: { code: 'internal', message: '网络不通', details: { transport: true } },
    });
    const c = detail();
    const first = render(<StageForm c={c} stage="plan" />);
    await type('目标 1', '每周外出活动');
    expect(statusLine()).toBe(STAGE_SAVE_TEXT.local);
    await eventually(() => expect(statusLine()).toBe(STAGE_SAVE_TEXT.offline));
    expect(statusLine()).not.toMatch(/^已保存（/);
    first.unmount();

    render(<StageForm c={c} stage="plan" />);
    expect((await field('目标 1')).value).toBe('每周外出活动');
    expect(screen.getByText('已恢复上次在本机填写、还没保存到服务器的内容。')).toBeTruthy();

    // Back online: the next change is stored, and only then 已保存.
    api.saveStageRecord.mockResolvedValue({
      ok: true,
      data: { caseId: c.id, status: 'plan', version: 4, savedAt: '2026-12-01T02:05:00.000Z' },
    });
    await type('目标 1 的衡量方法', '每周不少于 2 次');
    await eventually(() => expect(statusLine()).toBe('已保存（10:05）'));
    const sent = api.saveStageRecord.mock.calls.at(-1)?.[0];
    expect(sent).toMatchObject({
      caseId: c.id,
      version: 3,
      stage: 'plan',
      record: { goals: [{ id: 'g1', goal: '每周外出活动', measure: '每周不少于 2 次' }] },
    });
  });

  it('writes a change still waiting when WeChat hides the page', async () => {
    api.saveStageRecord.mockResolvedValue({
      ok: true,
      data: { caseId: 'cs-case-0001', status: 'plan', version: 4, savedAt: '2026-12-01T02:05:00.000Z' },
    });
    render(<StageForm c={detail()} stage="plan" />);
    await type('介入策略', '链接社区老年活动中心');
    triggerDidHide();
    await eventually(() => expect(api.saveStageRecord).toHaveBeenCalledTimes(1));
  });

  it('a half-typed day stays on the phone with the reason in words, nothing sent', async () => {
    render(<StageForm c={detail({ status: 'closure', stage: 'closure' })} stage="closure" />);
    await type('回访日期', '2026-1');
    await eventually(() => expect(statusLine()).toMatch(/^已保存在本机；回访日期请按 年-月-日 填写/));
    expect(api.saveStageRecord).not.toHaveBeenCalled();
  });
});

describe('个案详情', () => {
  it('a move is asked first and names the case version seen', async () => {
    api.advanceCase.mockResolvedValue({
      ok: true,
      data: { caseId: 'cs-case-0001', status: 'plan_review', version: 4 },
    });
    const changed = jest.fn();
    render(<CaseView c={detail()} onChanged={changed} />);
    fireEvent.click(await eventually(() => screen.getByText('提交计划审批')));
    await eventually(() => screen.getByText('提交计划审批吗？'));
    const confirm = document.querySelector('.sgz-dialog__confirm') as HTMLElement;
    fireEvent.click(confirm);
    await eventually(() => expect(changed).toHaveBeenCalled());
    expect(api.advanceCase).toHaveBeenCalledWith({
      caseId: 'cs-case-0001',
      version: 3,
      move: 'submitPlan',
      reason: null,
    });
  });

  it('shows a refusal with its reason', async () => {
    render(
      <CaseView
        c={detail({
          refusal: {
            action: 'refusePlan',
            reason: '目标不可衡量',
            at: '2026-11-30T02:00:00.000Z',
            by: 'u-h',
          },
        })}
        onChanged={jest.fn()}
      />,
    );
    await eventually(() => screen.getByText(/服务计划被 .* 退回.*目标不可衡量/));
  });
});

describe('attachments', () => {
  it('a photo is uploaded to the case folder, then recorded with its kind', async () => {
    jest.mocked(Taro.chooseMedia).mockResolvedValueOnce({
      tempFiles: [{ tempFilePath: 'wxfile://tmp/scan.JPG', size: 120_000 }],
      type: 'image',
    } as never);
    jest.mocked(storage.uploadFile).mockResolvedValue({
      ok: true,
      data: { fileID: 'cloud://env.sgz/cases/cs-case-0001/x.jpg' },
    });
    api.addCaseAttachment.mockResolvedValue({ ok: true, data: {} as never });
    const changed = jest.fn();
    render(<CaseView c={detail()} onChanged={changed} />);
    fireEvent.click(await eventually(() => screen.getByText('服务协议')));
    fireEvent.click(screen.getByText('拍照或选择图片上传'));
    await eventually(() => expect(changed).toHaveBeenCalled());
    const [cloudPath] = jest.mocked(storage.uploadFile).mock.calls[0] ?? [];
    expect(cloudPath).toMatch(/^cases\/cs-case-0001\/[a-z0-9]+-[a-z0-9]+\.jpg$/);
    expect(api.addCaseAttachment).toHaveBeenCalledWith({
      caseId: 'cs-case-0001',
      fileId: 'cloud://env.sgz/cases/cs-case-0001/x.jpg',
      kind: '服务协议',
      caption: null,
    });
  });

  it('names files as the case folder accepts them', () => {
    expect(attachmentName('wxfile://tmp/a.PNG', 1_700_000_000_000, () => 0.5)).toMatch(
      /^[A-Za-z0-9_-]{1,64}\.png$/,
    );
    expect(attachmentName('http://tmp/noext', 1, () => 0)).toMatch(/\.jpg$/);
  });
});

describe('个案待审批', () => {
  it('refusing needs a reason: none, nothing is sent; with one, it is', async () => {
    api.listPendingApprovals.mockResolvedValue(page([item({ status: 'plan_review', stage: 'plan' })]));
    api.decideApproval.mockResolvedValue({
      ok: true,
      data: { caseId: 'cs-case-0001', status: 'plan', version: 4 },
    });
    render(<ApprovalList stationId="st-tanggu" />);
    fireEvent.click(await eventually(() => screen.getByText('退回计划')));
    await eventually(() => screen.getByText('退回这份服务计划吗？'));
    const confirm = () => fireEvent.click(document.querySelector('.sgz-dialog__confirm') as HTMLElement);
    confirm();
    await eventually(() => screen.getByText('⚠ 请填写原因，方便社工了解情况'));
    expect(api.decideApproval).not.toHaveBeenCalled();

    await type('退回原因', '目标不可衡量，请写明次数');
    confirm();
    await eventually(() => expect(api.decideApproval).toHaveBeenCalledTimes(1));
    expect(api.decideApproval).toHaveBeenCalledWith({
      caseId: 'cs-case-0001',
      version: 3,
      decision: 'refusePlan',
      reason: '目标不可衡量，请写明次数',
    });
    await eventually(() => screen.getByText('✓ 已退回计划'));
  });

  it('approving needs no reason', async () => {
    api.listPendingApprovals.mockResolvedValue(page([item({ status: 'closure_review', stage: 'closure' })]));
    api.decideApproval.mockResolvedValue({
      ok: true,
      data: { caseId: 'cs-case-0001', status: 'closed', version: 4 },
    });
    render(<ApprovalList stationId="st-tanggu" />);
    fireEvent.click(await eventually(() => screen.getByText('批准结案')));
    await eventually(() => screen.getByText('批准这份结案吗？'));
    fireEvent.click(document.querySelector('.sgz-dialog__confirm') as HTMLElement);
    await eventually(() =>
      expect(api.decideApproval).toHaveBeenCalledWith(
        expect.objectContaining({ decision: 'approveClosure', reason: null }),
      ),
    );
  });

  it('says when nothing waits, and the error with 重试', async () => {
    api.listPendingApprovals.mockResolvedValue({
      ok: false,
      error: { code: 'internal', message: '网络不太稳定' },
    });
    render(<ApprovalList stationId="st-tanggu" />);
    await eventually(() => screen.getByText('待审批的个案没有加载出来'));
    api.listPendingApprovals.mockResolvedValue(page([]));
    fireEvent.click(screen.getByText('重试'));
    await eventually(() => screen.getByText('没有待审批的个案'));
  });
});

describe('个案详情: the case supervisor (the head)', () => {
  const assignment = (supervisorId: string, supervisorName: string | null, active = true) => ({
    id: `sa-${supervisorId}`,
    supervisorId,
    supervisorName,
    stationId: 'st-tanggu',
    kind: 'internal' as const,
    from: '2026-01-01',
    to: null,
    active,
  });
  const headCase = (over: Partial<CaseDetail> = {}) =>
    detail({ allowed: { ...detail().allowed, moves: [], setSupervisor: true }, ...over });

  beforeEach(() => {
    jest.mocked(supervision.listAssignments).mockResolvedValue({
      ok: true,
      data: {
        items: [
          assignment('u-s1', '王督导'),
          assignment('u-s2', '李督导'),
          assignment('u-s3', '赵督导', false),
        ],
      },
    });
  });

  it('picks one of the station supervisors today, asked first, naming the version seen', async () => {
    api.updateCaseTeam.mockResolvedValue({
      ok: true,
      data: {
        caseId: 'cs-case-0001',
        status: 'plan',
        version: 4,
        leadWorkerId: 'u-w',
        assistantIds: [],
        supervisorId: 'u-s2',
      },
    });
    const changed = jest.fn();
    render(<CaseView c={headCase()} onChanged={changed} />);
    fireEvent.click(await eventually(() => screen.getByText('指定督导')));
    await eventually(() => screen.getByText('指定这个个案的督导吗？'));
    expect(supervision.listAssignments).toHaveBeenCalledWith({ stationId: 'st-tanggu' });
    // Only those assigned today; the ended one is not offered.
    expect(screen.queryByText('赵督导')).toBeNull();
    // Nothing chosen yet: said in words, nothing sent.
    fireEvent.click(document.querySelector('.sgz-dialog__confirm') as HTMLElement);
    await eventually(() => screen.getByText(/请选择一位督导/));
    expect(api.updateCaseTeam).not.toHaveBeenCalled();
    fireEvent.click(screen.getByText('李督导'));
    fireEvent.click(document.querySelector('.sgz-dialog__confirm') as HTMLElement);
    await eventually(() => expect(changed).toHaveBeenCalled());
    expect(api.updateCaseTeam).toHaveBeenCalledWith({
      caseId: 'cs-case-0001',
      version: 3,
      supervisorId: 'u-s2',
      reason: null,
    });
    await eventually(() => screen.getByText('✓ 已指定督导'));
  });

  it('shows the server refusal in words and keeps the dialog open', async () => {
    api.updateCaseTeam.mockResolvedValue({
      ok: false,
      error: { code: 'failed-precondition', message: '有人刚刚修改了这个个案，请刷新后查看最新内容再操作' },
    });
    const changed = jest.fn();
    render(<CaseView c={headCase({ supervisorId: 'u-s1' })} onChanged={changed} />);
    fireEvent.click(await eventually(() => screen.getByText('更换督导')));
    fireEvent.click(await eventually(() => screen.getByText('李督导')));
    fireEvent.click(document.querySelector('.sgz-dialog__confirm') as HTMLElement);
    await eventually(() => screen.getByText(/有人刚刚修改了这个个案/));
    expect(changed).not.toHaveBeenCalled();
    expect(screen.getByText('指定这个个案的督导吗？')).toBeTruthy();
  });

  it('a worker (no setSupervisor) sees no button and the assignments are not asked', async () => {
    render(<CaseView c={detail()} onChanged={jest.fn()} />);
    await eventually(() => screen.getByText('提交计划审批'));
    expect(screen.queryByText('指定督导')).toBeNull();
    expect(supervision.listAssignments).not.toHaveBeenCalled();
  });
});

describe('个案详情: assisting workers (lead or head)', () => {
  const staff = (userId: string, name: string, role = 'social_worker', stationId = 'st-tanggu') => ({
    userId,
    name,
    phoneMasked: null,
    role,
    roleLabel: '社工',
    stationId,
    stationIds: [stationId],
    active: true,
    qualification: null,
    qualified: false,
  });
  const teamCase = (over: Partial<CaseDetail> = {}) =>
    detail({ allowed: { ...detail().allowed, moves: [], transfer: true }, ...over });

  beforeEach(() => {
    jest.mocked(accounts.listStaff).mockResolvedValue({
      ok: true,
      data: {
        items: [
          staff('u-w', '陈社工'),
          staff('u-a1', '刘社工'),
          staff('u-a2', '周社工'),
          staff('u-x', '外站社工', 'social_worker', 'st-xinhe'),
        ],
        total: 4,
        nextCursor: null,
      },
    } as never);
    api.updateCaseTeam.mockResolvedValue({
      ok: true,
      data: {
        caseId: 'cs-case-0001',
        status: 'plan',
        version: 4,
        leadWorkerId: 'u-w',
        assistantIds: [],
        supervisorId: null,
      },
    });
  });

  it('adds the station workers ticked (not the lead, not another station), naming the version seen', async () => {
    const changed = jest.fn();
    render(<CaseView c={teamCase()} onChanged={changed} />);
    fireEvent.click(await eventually(() => screen.getByText('添加协助社工')));
    await eventually(() => screen.getByText('调整这个个案的协助社工'));
    const group = screen.getByRole('group', { name: '协助社工' });
    expect(group.textContent).not.toContain('陈社工');
    expect(group.textContent).not.toContain('外站社工');
    // Nothing changed: said in words, nothing sent.
    fireEvent.click(document.querySelector('.sgz-dialog__confirm') as HTMLElement);
    await eventually(() => screen.getByText(/协助社工没有变化/));
    expect(api.updateCaseTeam).not.toHaveBeenCalled();
    fireEvent.click(screen.getByText(/周社工/));
    fireEvent.click(document.querySelector('.sgz-dialog__confirm') as HTMLElement);
    await eventually(() => expect(changed).toHaveBeenCalled());
    expect(api.updateCaseTeam).toHaveBeenCalledWith({
      caseId: 'cs-case-0001',
      version: 3,
      assistantIds: ['u-a2'],
      reason: null,
    });
  });

  it('removes one by unticking it; the refusal is shown in words', async () => {
    api.updateCaseTeam.mockResolvedValue({
      ok: false,
      error: {
        code: 'failed-precondition',
        message: '已结束的个案不能调整社工或督导，如需继续服务请先重新开案',
      },
    });
    render(<CaseView c={teamCase({ assistantIds: ['u-a1', 'u-a2'] })} onChanged={jest.fn()} />);
    fireEvent.click(await eventually(() => screen.getByText('调整协助社工')));
    const group = await eventually(() => screen.getByRole('group', { name: '协助社工' }));
    fireEvent.click(within(group).getByText(/刘社工/));
    fireEvent.click(document.querySelector('.sgz-dialog__confirm') as HTMLElement);
    await eventually(() => screen.getByText(/已结束的个案不能调整社工或督导/));
    expect(api.updateCaseTeam).toHaveBeenCalledWith({
      caseId: 'cs-case-0001',
      version: 3,
      assistantIds: ['u-a2'],
      reason: null,
    });
  });

  it('no button without transfer (a worker who only assists)', async () => {
    render(<CaseView c={detail()} onChanged={jest.fn()} />);
    await eventually(() => screen.getByText('提交计划审批'));
    expect(screen.queryByText('添加协助社工')).toBeNull();
  });
});

describe('个案详情: 转介 (refer out)', () => {
  const stationList = {
    ok: true as const,
    data: {
      total: 2,
      groups: [
        {
          kind: 'street' as const,
          label: '街道',
          items: [
            { id: 'st-tanggu', officialName: '塘沽街道社会工作服务站' },
            { id: 'st-xinhe', officialName: '新河街道社会工作服务站' },
          ] as never,
        },
      ],
    },
  };
  const interventionCase = () => detail({ status: 'intervention', stage: 'intervention' });
  const confirmNow = () => fireEvent.click(document.querySelector('.sgz-dialog__confirm') as HTMLElement);
  const ok = {
    ok: true as const,
    data: { caseId: 'cs-case-0001', status: 'closure_review' as const, version: 4 },
  };

  beforeEach(() => {
    jest.mocked(stations.listAllStations).mockReset().mockResolvedValue(stationList);
  });

  it('to another station: picked from the list (not ours), a summary needed; asked first', async () => {
    api.referCase.mockResolvedValue(ok);
    const changed = jest.fn();
    render(<CaseView c={interventionCase()} onChanged={changed} />);
    fireEvent.click(await eventually(() => screen.getByText('转介（转到其他社工站或机构）')));
    await eventually(() => screen.getByText('把个案转介出去吗？'));
    confirmNow();
    await eventually(() => screen.getByText(/请选择转介到社工站还是机构/));
    fireEvent.click(screen.getByText('社工站'));
    const list = await eventually(() => screen.getByRole('radiogroup', { name: '转介的社工站' }));
    expect(list.textContent).not.toContain('塘沽街道社会工作服务站');
    confirmNow();
    await eventually(() => screen.getByText(/请选择转介到哪一个社工站/));
    fireEvent.click(within(list).getByText('新河街道社会工作服务站'));
    confirmNow();
    await eventually(() => screen.getByText(/请填写转介说明/));
    expect(api.referCase).not.toHaveBeenCalled();
    await type('转介说明（为什么转介、已做的服务）', '服务对象搬到新河街居住');
    confirmNow();
    await eventually(() => expect(changed).toHaveBeenCalled());
    expect(api.referCase).toHaveBeenCalledWith({
      caseId: 'cs-case-0001',
      version: 3,
      referral: {
        kind: '社工站',
        stationId: 'st-xinhe',
        name: '新河街道社会工作服务站',
        contact: null,
      },
      summary: '服务对象搬到新河街居住',
    });
  });

  it('to an agency by name; the server refusal shown in words', async () => {
    api.referCase.mockResolvedValue({
      ok: false,
      error: { code: 'failed-precondition', message: '有人刚刚修改了这个个案，请刷新后查看最新内容再操作' },
    });
    const changed = jest.fn();
    render(<CaseView c={interventionCase()} onChanged={changed} />);
    fireEvent.click(await eventually(() => screen.getByText('转介（转到其他社工站或机构）')));
    fireEvent.click(await eventually(() => screen.getByText('机构')));
    await type('转介机构名称', '区精神卫生中心');
    await type('转介去向联系方式（选填）', '王医生 022-12345678');
    await type('转介说明（为什么转介、已做的服务）', '需要专业心理治疗');
    confirmNow();
    await eventually(() => screen.getByText(/有人刚刚修改了这个个案/));
    expect(changed).not.toHaveBeenCalled();
    expect(stations.listAllStations).not.toHaveBeenCalled();
    expect(api.referCase).toHaveBeenCalledWith(
      expect.objectContaining({
        referral: { kind: '机构', stationId: null, name: '区精神卫生中心', contact: '王医生 022-12345678' },
        summary: '需要专业心理治疗',
      }),
    );
  });

  it('offered only to the case workers in the stages referCase accepts', () => {
    const allowed = detail().allowed;
    expect(canReferNow({ status: 'intervention', allowed })).toBe(true);
    expect(canReferNow({ status: 'closure', allowed })).toBe(true);
    expect(canReferNow({ status: 'intake', allowed })).toBe(false);
    expect(canReferNow({ status: 'closure_review', allowed })).toBe(false);
    expect(canReferNow({ status: 'closed', allowed })).toBe(false);
    expect(canReferNow({ status: 'intervention', allowed: { ...allowed, edit: false } })).toBe(false);
  });

  it('says what is missing of the destination', () => {
    const d = { kind: null, stationId: null, name: '', contact: '' };
    expect(referProblem(d)).toBe('请选择转介到社工站还是机构');
    expect(referProblem({ ...d, kind: '社工站' })).toBe('请选择转介到哪一个社工站');
    expect(referProblem({ ...d, kind: '机构', name: '  ' })).toBe('请填写转介机构的名称');
    expect(referProblem({ ...d, kind: '机构', name: '区医院' })).toBeNull();
  });
});

describe('开个案: the head names the supervisor', () => {
  const head = { userId: 'u-h', role: 'station_head', stationId: 'st-tanggu' } as WhoAmIOutput;
  beforeEach(() => {
    jest.mocked(files.getPerson).mockResolvedValue({
      ok: true,
      data: { person: { id: 'p-1', name: '张三' } },
    } as never);
    jest.mocked(supervision.listAssignments).mockResolvedValue({
      ok: true,
      data: {
        items: [
          {
            id: 'sa-1',
            supervisorId: 'u-s1',
            supervisorName: '王督导',
            stationId: 'st-tanggu',
            kind: 'internal',
            from: '2026-01-01',
            to: null,
            active: true,
          },
        ],
      },
    });
    api.openCase.mockResolvedValue({
      ok: true,
      data: { caseId: 'cs-x', status: 'intake', version: 1, outcome: 'created' },
    });
  });

  it('the head picks one of the station supervisors and it is sent with the case', async () => {
    render(<OpenForm me={head} stationId="st-tanggu" personId="p-1" />);
    await eventually(() => screen.getByText(/张\*/));
    fireEvent.click(await eventually(() => screen.getByText('王督导')));
    fireEvent.click(screen.getByText('开案'));
    await eventually(() => expect(api.openCase).toHaveBeenCalled());
    expect(api.openCase.mock.calls[0]?.[0]).toMatchObject({
      stationId: 'st-tanggu',
      personIds: ['p-1'],
      supervisorId: 'u-s1',
    });
  });

  it('a worker opening a case is not offered a supervisor and sends none', async () => {
    render(<OpenForm me={worker} stationId="st-tanggu" personId="p-1" />);
    await eventually(() => screen.getByText(/张\*/));
    fireEvent.click(screen.getByText('开案'));
    await eventually(() => expect(api.openCase).toHaveBeenCalled());
    expect(api.openCase.mock.calls[0]?.[0]).not.toHaveProperty('supervisorId');
    expect(supervision.listAssignments).not.toHaveBeenCalled();
  });
});
