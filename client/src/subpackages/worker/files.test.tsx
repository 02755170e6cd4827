import type { PersonDetail, PersonListItem, WhoAmIOutput } from '@sgz/shared';
import { fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { eventually } from '../../../test/eventually';
import { setRouterParams } from '../../../test/taro-stub';
import * as accounts from '../../services/accounts';
import * as files from '../../services/files';
import * as requests from '../../services/requests';
import { dueBadge } from '../../pages/mine/role-sections';
import ConsentPage from './consent/index';
import WorkerHomePage from './index/index';
import PersonPage, { NOT_KEPT } from './person/index';
import PersonFormPage from './person-form/index';
import { dueWords, weekdayOf } from './person-format';

jest.mock('../../services/accounts');
jest.mock('../../services/files');
jest.mock('../../services/requests');
const acc = jest.mocked(accounts);
const api = jest.mocked(files);
const rq = jest.mocked(requests);

const worker = { userId: 'u-w', role: 'social_worker', stationId: 'st-tanggu' } as WhoAmIOutput;

const item = (over: Partial<PersonListItem> = {}): PersonListItem => ({
  id: 'ps-1',
  stationId: 'st-tanggu',
  nameMasked: '张*',
  sex: '女',
  age: 82,
  phoneMasked: null,
  idNumberMasked: null,
  community: '新村街社区',
  categories: ['独居'],
  risk: '高风险',
  status: '在册',
  livingSituation: '独居',
  assignedWorkerId: 'u-w',
  lastVisitDay: '2026-11-17',
  nextDueDay: '2026-11-24',
  due: 'overdue',
  daysOverdue: 3,
  linked: false,
  ...over,
});

const keepNone = {
  health: {
    category: 'health',
    label: '健康状况',
    allowed: false,
    lastEventId: null,
    lastKind: null,
    lastDay: null,
    problem: null,
  },
  disability: {
    category: 'disability',
    label: '残疾情况',
    allowed: false,
    lastEventId: null,
    lastKind: null,
    lastDay: null,
    problem: null,
  },
  financial_hardship: {
    category: 'financial_hardship',
    label: '经济困难状况',
    allowed: true,
    lastEventId: 'pc-1',
    lastKind: 'give',
    lastDay: '2026-11-20',
    problem: null,
  },
} as PersonDetail['keep'];

const detail = (over: Partial<PersonDetail> = {}): PersonDetail => ({
  id: 'ps-1',
  stationId: 'st-tanggu',
  view: 'station',
  name: '张桂兰',
  sex: '女',
  birthDate: '1944-05-02',
  birthYear: 1944,
  age: 82,
  phone: '13812345678',
  idNumber: null,
  householdId: null,
  relationship: null,
  community: '新村街社区',
  household: null,
  categories: ['独居', '低保'],
  livingSituation: '独居',
  status: '在册',
  risk: '高风险',
  assignedWorkerId: 'u-w',
  notes: null,
  healthNotes: null,
  linkedUserId: null,
  lastVisitDay: null,
  nextDueDay: '2026-11-27',
  due: 'today',
  daysOverdue: 0,
  keep: keepNone,
  consents: [
    {
      id: 'pc-1',
      kind: 'give',
      categories: ['financial_hardship'],
      labels: ['经济困难状况（低保、特困等）'],
      givenBy: 'self',
      guardian: null,
      day: '2026-11-20',
      method: 'verbal',
      fileId: null,
      witnessName: '王芳',
      recordedAt: '2026-11-20T02:00:00.000Z',
    },
  ],
  requests: [],
  source: 'manual',
  rev: 3,
  createdAt: '2026-11-20T02:00:00.000Z',
  updatedAt: '2026-11-20T02:00:00.000Z',
  ...over,
});

beforeEach(() => {
  for (const fn of [...Object.values(api), ...Object.values(rq)]) if (jest.isMockFunction(fn)) fn.mockReset();
  acc.whoAmI.mockResolvedValue({ ok: true, data: worker });
  rq.listStationRequests.mockResolvedValue({ ok: true, data: { items: [], nextCursor: null } });
  api.listCommunities.mockResolvedValue({
    ok: true,
    data: { stationId: 'st-tanggu', communities: ['新村街社区', '解放路社区'], updatedAt: null },
  });
});

describe('due words', () => {
  it('says overdue days, 今天, a weekday within the week, else the date', () => {
    expect(dueWords({ due: 'overdue', daysOverdue: 3, nextDueDay: '2026-11-24' })).toBe('逾期 3 天');
    expect(dueWords({ due: 'today', daysOverdue: 0, nextDueDay: '2026-11-27' })).toBe('今天');
    expect(weekdayOf('2026-12-03')).toBe('周四');
    expect(dueWords({ due: 'week', daysOverdue: 0, nextDueDay: '2026-12-03' })).toBe('周四');
    expect(dueWords({ due: null, daysOverdue: 0, nextDueDay: '2027-02-01' })).toBe('2月1日');
    expect(dueWords({ due: null, daysOverdue: 0, nextDueDay: null })).toBe('未排期');
  });
});

describe('社工工作台: 走访', () => {
  it('shows the three buckets with masked names, risk in words, due in words; 只看我负责的 asks mine', async () => {
    api.listDue.mockResolvedValue({
      ok: true,
      data: {
        stationId: 'st-tanggu',
        today: '2026-11-27',
        weekEnd: '2026-12-03',
        mine: false,
        buckets: [
          { bucket: 'overdue', label: '已逾期', total: 1, items: [item()], nextCursor: null },
          {
            bucket: 'today',
            label: '今日待访',
            total: 1,
            items: [
              item({
                id: 'ps-2',
                nameMasked: '李*',
                risk: '重点',
                due: 'today',
                daysOverdue: 0,
                nextDueDay: '2026-11-27',
              }),
            ],
            nextCursor: null,
          },
          {
            bucket: 'week',
            label: '本周待访',
            total: 25,
            items: [
              item({
                id: 'ps-3',
                nameMasked: '王*',
                risk: '一般',
                due: 'week',
                daysOverdue: 0,
                nextDueDay: '2026-12-03',
              }),
            ],
            nextCursor: 'c',
          },
        ],
      },
    });
    render(<WorkerHomePage />);
    await eventually(() => screen.getByText('张*'));
    expect(screen.getByText('已逾期（1 人）', { exact: false })).toBeTruthy();
    expect(screen.getByText('▲ 高风险')).toBeTruthy();
    expect(screen.getByText('◆ 重点')).toBeTruthy();
    expect(screen.getByText('⚠ 走访：逾期 3 天')).toBeTruthy();
    expect(screen.getByText('◷ 走访：今天')).toBeTruthy();
    expect(screen.getByText('◷ 走访：周四')).toBeTruthy();
    expect(screen.getByText('还有 24 人，请在“全部档案”中按走访情况筛选')).toBeTruthy();
    expect(api.listDue).toHaveBeenLastCalledWith({ stationId: 'st-tanggu' });
    // The request queue stays below.
    expect(screen.getByText('本站居民求助')).toBeTruthy();

    fireEvent.click(screen.getByText('张*'));
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/subpackages/worker/person/index?id=ps-1' });

    fireEvent.click(screen.getByText('只看我负责的'));
    await eventually(() =>
      expect(api.listDue).toHaveBeenLastCalledWith({ stationId: 'st-tanggu', mine: true }),
    );
  });

  it('says so when nothing is due', async () => {
    api.listDue.mockResolvedValue({
      ok: true,
      data: {
        stationId: 'st-tanggu',
        today: '2026-11-27',
        weekEnd: '2026-12-03',
        mine: false,
        buckets: (['overdue', 'today', 'week'] as const).map((bucket) => ({
          bucket,
          label: bucket,
          total: 0,
          items: [],
          nextCursor: null,
        })),
      },
    });
    render(<WorkerHomePage />);
    await eventually(() => screen.getByText('本站本周没有待访的档案'));
  });

  it('the badge on 我的 counts overdue plus today', async () => {
    api.countDue.mockResolvedValue({
      ok: true,
      data: { stationId: 'st-tanggu', day: '2026-11-27', overdue: 2, today: 3, week: 9 },
    });
    expect(await dueBadge()).toBe('5 人待访');
    api.countDue.mockResolvedValue({
      ok: true,
      data: { stationId: 'st-tanggu', day: '2026-11-27', overdue: 0, today: 0, week: 9 },
    });
    expect(await dueBadge()).toBeNull();
    api.countDue.mockResolvedValue({ ok: false, error: { code: 'internal', message: 'x' } });
    expect(await dueBadge()).toBeNull();
  });
});

describe("a person's file", () => {
  it('shows what may not be kept, the consents and how they were given', async () => {
    setRouterParams({ id: 'ps-1' });
    api.getPerson.mockResolvedValue({ ok: true, data: { person: detail() } });
    render(<PersonPage />);
    await eventually(() => screen.getByText('张桂兰'));
    expect(api.getPerson).toHaveBeenCalledWith({ personId: 'ps-1' });
    expect(screen.getAllByText(`⊘ ${NOT_KEPT}`).length).toBe(3); // health, disability, health notes
    expect(screen.getByText('✓ 已同意记录（2026-11-20）')).toBeTruthy();
    expect(screen.getByText('口头同意，见证人：王芳', { exact: false })).toBeTruthy();
    fireEvent.click(screen.getByText('记录同意'));
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({
      url: '/subpackages/worker/consent/index?personId=ps-1',
    });
  });
});

/** The inner <input>/<textarea> of the field labelled `label` (its placeholder is 请填写<label>). */
function field(label: string, placeholder = `请填写${label}`): HTMLInputElement {
  const found = screen
    .getAllByPlaceholderText(placeholder)
    .find((e) => e.tagName === 'INPUT' || e.tagName === 'TEXTAREA');
  if (!found) throw new Error(`no field ${label}`);
  return found as HTMLInputElement;
}

/** Types into the field labelled `label` (once it is drawn). */
async function type(label: string, value: string, placeholder?: string) {
  fireEvent.input(await eventually(() => field(label, placeholder)), { target: { value } });
}

describe('file form', () => {
  it('checks on the phone with the shared schema and sends nothing', async () => {
    setRouterParams({});
    render(<PersonFormPage />);
    await eventually(() => screen.getByText('保存档案'));
    fireEvent.click(screen.getByText('保存档案'));
    await eventually(() => screen.getByText('⚠ 请按提示修改后再保存'));
    expect(screen.getByText('⚠ 请选择居住情况')).toBeTruthy();
    expect(screen.getByText('⚠ 请选择风险等级')).toBeTruthy();
    expect(screen.getByText('⚠ 请填写出生日期，或至少填写出生年份')).toBeTruthy();
    expect(api.createPerson).not.toHaveBeenCalled();
  });

  it('keeps what was typed when closed and reopened, with the same id, and sends it once it is complete', async () => {
    setRouterParams({});
    const first = render(<PersonFormPage />);
    await eventually(() => screen.getByText('保存档案'));
    await type('姓名', '张桂兰');
    await type('出生年份', '1944');
    first.unmount();

    render(<PersonFormPage />);
    await eventually(() => screen.getByText('保存档案'));
    expect(field('姓名').value).toBe('张桂兰');
    fireEvent.click(screen.getByText('独居'));
    fireEvent.click(screen.getByText('高风险'));
    fireEvent.click(await eventually(() => screen.getByText('新村街社区')));
    await type('详细地址', '3号楼2门101');
    api.createHousehold.mockResolvedValue({
      ok: false,
      error: {
        code: 'failed-precondition',
        message: '该社区不在本站列表中，请重新选择',
        details: { field: 'community' },
      },
    });
    fireEvent.click(screen.getByText('保存档案'));
    await eventually(() => screen.getByText('⚠ 该社区不在本站列表中，请重新选择'));
    const hh = api.createHousehold.mock.calls[0]![0];
    expect(hh).toMatchObject({ stationId: 'st-tanggu', community: '新村街社区', address: '3号楼2门101' });
    expect(api.createPerson).not.toHaveBeenCalled();

    // A retry sends the same ids.
    api.createHousehold.mockResolvedValue({ ok: true, data: { household: {} as never, created: true } });
    api.createPerson.mockResolvedValue({
      ok: true,
      data: { person: detail({ id: 'ps-new' }), created: true },
    });
    fireEvent.click(screen.getByText('保存档案'));
    await eventually(() =>
      expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/subpackages/worker/person/index?id=ps-new' }),
    );
    expect(api.createHousehold.mock.calls[1]![0].householdId).toBe(hh.householdId);
    const sent = api.createPerson.mock.calls[0]![0];
    expect(sent).toMatchObject({
      name: '张桂兰',
      birthYear: 1944,
      livingSituation: '独居',
      risk: '高风险',
      householdId: hh.householdId,
      relationship: '户主',
    });
    expect(sent.personId).toMatch(/^ps[a-z0-9]+-[a-z0-9]{16}$/);
  });

  it('a stale revision says so, keeps the typed values, and 刷新 takes the new revision', async () => {
    setRouterParams({ id: 'ps-1' });
    api.getPerson.mockResolvedValue({ ok: true, data: { person: detail() } });
    render(<PersonFormPage />);
    await eventually(() => screen.getByText('编辑档案'));
    await eventually(() => field('姓名'));
    await type('备注', '女儿每周来一次');
    api.updatePerson.mockResolvedValue({
      ok: false,
      error: { code: 'failed-precondition', message: 'stale', details: { reason: 'stale' } },
    });
    fireEvent.click(screen.getByText('保存档案'));
    await eventually(() => screen.getByText('⚠ 该档案刚被他人修改，请刷新后再改'));
    expect(api.updatePerson).toHaveBeenLastCalledWith({ personId: 'ps-1', rev: 3, notes: '女儿每周来一次' });
    expect(field('备注').value).toBe('女儿每周来一次');

    api.getPerson.mockResolvedValue({ ok: true, data: { person: detail({ rev: 4, risk: '重点' }) } });
    fireEvent.click(screen.getByText('刷新（保留已填写的内容）'));
    await eventually(() => expect(screen.queryByText('⚠ 该档案刚被他人修改，请刷新后再改')).toBeNull());
    api.updatePerson.mockResolvedValue({ ok: true, data: { person: detail({ rev: 5 }) } });
    fireEvent.click(screen.getByText('保存档案'));
    await eventually(() => expect(Taro.navigateBack).toHaveBeenCalled());
    // The risk the other worker set is kept at its new value unless typed here: only the typed change is sent.
    expect(api.updatePerson).toHaveBeenLastCalledWith(
      expect.objectContaining({ personId: 'ps-1', rev: 4, notes: '女儿每周来一次' }),
    );
  });
});

describe('consent at the door (H5: verbal + witness only)', () => {
  it('says paper is not possible here, checks the witness, shows the server error by its field', async () => {
    setRouterParams({ personId: 'ps-1' });
    render(<ConsentPage />);
    expect(screen.getByText('浏览器版无法上传同意书照片', { exact: false })).toBeTruthy();
    fireEvent.click(screen.getByText('保存'));
    await eventually(() => screen.getByText('⚠ 口头同意请填写见证人姓名'));
    expect(screen.getByText('⚠ 请至少选择一类同意的信息：健康状况、残疾情况或经济困难状况')).toBeTruthy();
    expect(api.recordConsent).not.toHaveBeenCalled();

    fireEvent.click(screen.getByText('☐ 健康状况'));
    await type('同意日期', '2026-11-27', '同意日期：年-月-日');
    await type('见证人姓名', '王芳');
    api.recordConsent.mockResolvedValue({
      ok: false,
      error: { code: 'invalid-argument', message: '同意日期不能晚于今天，请核对', details: { field: 'day' } },
    });
    fireEvent.click(screen.getByText('保存'));
    await eventually(() => screen.getByText('⚠ 同意日期不能晚于今天，请核对'));
    expect(api.recordConsent).toHaveBeenLastCalledWith(
      expect.objectContaining({
        personId: 'ps-1',
        kind: 'give',
        categories: ['health'],
        givenBy: 'self',
        day: '2026-11-27',
        method: 'verbal',
        witnessName: '王芳',
      }),
    );
  });
});
