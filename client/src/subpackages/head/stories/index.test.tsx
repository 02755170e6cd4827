import type { PersonListItem, StaffItem, StoryDto, WhoAmIOutput } from '@sgz/shared';
import { fireEvent, render, screen } from '@testing-library/react';
import { eventually } from '../../../../test/eventually';
import * as accounts from '../../../services/accounts';
import * as district from '../../../services/district';
import * as filesApi from '../../../services/files';
import * as storage from '../../../services/storage';
import HeadStoriesPage from './index';

jest.mock('../../../services/accounts');
jest.mock('../../../services/district');
jest.mock('../../../services/files');
// The mini-program's storage by default; `canUpload = false` is the H5 build.
let canUpload = true;
jest.mock('../../../services/storage', () => ({
  get CAN_UPLOAD() {
    return canUpload;
  },
  pickDocument: jest.fn(),
  uploadFile: jest.fn(),
}));
const acc = jest.mocked(accounts);
const api = jest.mocked(district);
const files = jest.mocked(filesApi);
const store = jest.mocked(storage);

const head = { userId: 'u-h', role: 'station_head', stationId: 'st-tanggu' } as WhoAmIOutput;
const worker = { userId: 'u-w', name: '李明', role: 'social_worker', active: true } as StaffItem;

beforeEach(() => {
  for (const fn of Object.values(api)) if (jest.isMockFunction(fn)) fn.mockReset();
  acc.whoAmI.mockResolvedValue({ ok: true, data: head });
  acc.listStaff.mockResolvedValue({ ok: true, data: { items: [worker], total: 1, nextCursor: null } });
  api.listStories.mockResolvedValue({ ok: true, data: { items: [], nextCursor: null } });
  files.listPersons.mockReset();
  store.pickDocument.mockReset();
  store.uploadFile.mockReset();
  canUpload = true;
});

const field = (label: string) =>
  eventually(() => {
    const el = screen.getAllByLabelText(label).find((e) => e.tagName === 'INPUT' || e.tagName === 'TEXTAREA');
    if (!el) throw new Error(`no field ${label}`);
    return el;
  });

describe('站长: 推荐优秀社工', () => {
  it("needs a worker, words and the worker's agreement; then sends one story for the district", async () => {
    api.submitStory.mockImplementation((input) =>
      Promise.resolve({ ok: true, data: { story: { storyId: input.storyId } as never, created: true } }),
    );
    render(<HeadStoriesPage />);
    await eventually(() => screen.getByText(/本站还没有报送过/));
    fireEvent.click(screen.getByText('提交区民政局审核'));
    await eventually(() => screen.getByText('⚠ 请选择要宣传的优秀社工'));
    screen.getByText('⚠ 宣传优秀社工须先征得该社工本人同意，请确认后再提交');
    screen.getByText('⚠ 请填写标题');
    expect(api.submitStory).not.toHaveBeenCalled();

    fireEvent.click(screen.getByText('○ 李明'));
    fireEvent.input(await field('标题'), { target: { value: '扎根社区的好社工' } });
    fireEvent.input(await field('事迹'), { target: { value: '三年来走访困难家庭两百余户。' } });
    fireEvent.click(screen.getByText('☐ 已征得该社工本人同意公开宣传'));
    fireEvent.click(screen.getByText('提交区民政局审核'));
    await eventually(() => screen.getByText('✓ 已提交，区民政局审核通过后在本站页面上展示'));
    expect(api.submitStory).toHaveBeenCalledWith(
      expect.objectContaining({
        stationId: 'st-tanggu',
        kind: 'outstanding_worker',
        title: '扎根社区的好社工',
        text: '三年来走访困难家庭两百余户。',
        workerId: 'u-w',
        workerConsent: true,
      }),
    );
    expect(api.listStories).toHaveBeenCalledTimes(2);
  });

  it('shows the error of the list with 重试', async () => {
    api.listStories.mockResolvedValueOnce({
      ok: false,
      error: { code: 'internal', message: '网络不太好，请稍后重试' },
    });
    render(<HeadStoriesPage />);
    await eventually(() => screen.getByText(/本站报送的故事没有加载出来/));
    fireEvent.click(screen.getByText('重试'));
    await eventually(() => screen.getByText(/本站还没有报送过/));
  });
});

const person = {
  id: 'p-1',
  stationId: 'st-tanggu',
  nameMasked: '王*',
  age: 82,
  community: '新港社区',
} as PersonListItem;

const story = (over: Partial<StoryDto> = {}): StoryDto => ({
  storyId: 'story-0001',
  stationId: 'st-tanggu',
  stationName: null,
  kind: 'case_story',
  kindLabel: '案例故事',
  title: '远亲不如近邻',
  text: '……',
  status: 'approved',
  statusLabel: '已发布',
  consent: { givenBy: 'self', method: 'verbal', day: '2026-11-30' },
  workerName: null,
  submittedAt: '2026-12-01T01:00:00.000Z',
  approvedAt: '2026-12-01T02:00:00.000Z',
  withdrawnAt: null,
  withdrawReason: null,
  ...over,
});

/** Finds 王* among the station's files and picks her. */
async function pickPerson() {
  files.listPersons.mockResolvedValue({ ok: true, data: { items: [person], nextCursor: null } } as never);
  render(<HeadStoriesPage />);
  fireEvent.input(await field('按姓名查找服务对象'), { target: { value: '王' } });
  fireEvent.click(screen.getByText('查找'));
  fireEvent.click(await eventually(() => screen.getByText('王*，82 岁，新港社区')));
  await eventually(() => screen.getByText('已选：王*，82 岁，新港社区'));
  expect(files.listPersons).toHaveBeenCalledWith({ stationId: 'st-tanggu', q: '王', limit: 10 });
}

describe('站长: 案例故事（先登记宣传同意）', () => {
  it('records a verbal consent with its witness, then sends the anonymised story on that consent', async () => {
    api.recordPublicityConsent.mockImplementation((input) =>
      Promise.resolve({
        ok: true,
        data: { consent: { consentId: input.consentId } as never, created: true, withdrawnStories: 0 },
      }),
    );
    api.submitStory.mockImplementation((input) =>
      Promise.resolve({ ok: true, data: { story: { storyId: input.storyId } as never, created: true } }),
    );
    await pickPerson();
    fireEvent.click(screen.getByText('登记宣传同意'));
    await eventually(() => screen.getByText('⚠ 口头同意请填写见证人姓名'));
    expect(api.recordPublicityConsent).not.toHaveBeenCalled();
    fireEvent.input(await field('见证人姓名'), { target: { value: '张晓' } });
    fireEvent.input(await field('同意日期'), { target: { value: '2026-11-30' } });
    fireEvent.click(screen.getByText('登记宣传同意'));
    await eventually(() => screen.getByText('✓ 已登记宣传同意，请写案例故事'));
    const consent = api.recordPublicityConsent.mock.calls[0]![0];
    expect(consent).toEqual(
      expect.objectContaining({
        personId: 'p-1',
        kind: 'give',
        givenBy: 'self',
        method: 'verbal',
        witnessName: '张晓',
        day: '2026-11-30',
        guardianName: null,
        fileId: null,
      }),
    );
    fireEvent.input(await field('故事标题'), { target: { value: '远亲不如近邻' } });
    fireEvent.input(await field('故事正文'), { target: { value: '王奶奶独居多年，社工帮她结识了邻居。' } });
    const submits = screen.getAllByText('提交区民政局审核');
    fireEvent.click(submits[submits.length - 1]!);
    await eventually(() => screen.getByText('✓ 案例故事已提交，区民政局审核通过后在本站页面上展示'));
    expect(api.submitStory).toHaveBeenCalledWith(
      expect.objectContaining({
        stationId: 'st-tanggu',
        kind: 'case_story',
        consentId: consent.consentId,
        title: '远亲不如近邻',
        text: '王奶奶独居多年，社工帮她结识了邻居。',
      }),
    );
    expect(api.submitStory.mock.calls[0]![0]).not.toHaveProperty('workerId');
  });

  it("shows the server's refusal of a name or number in the text beside the text", async () => {
    api.recordPublicityConsent.mockResolvedValue({
      ok: true,
      data: { consent: {} as never, created: true, withdrawnStories: 0 },
    });
    api.submitStory.mockResolvedValue({
      ok: false,
      error: {
        code: 'invalid-argument',
        message: '正文里有服务对象的姓名，请改用“王奶奶”等称呼',
        details: { field: 'text' },
      },
    });
    await pickPerson();
    fireEvent.input(await field('见证人姓名'), { target: { value: '张晓' } });
    fireEvent.click(screen.getByText('登记宣传同意'));
    fireEvent.input(await field('故事标题'), { target: { value: '远亲不如近邻' } });
    fireEvent.input(await field('故事正文'), { target: { value: '王秀英独居多年。' } });
    const submits = screen.getAllByText('提交区民政局审核');
    fireEvent.click(submits[submits.length - 1]!);
    await eventually(() =>
      expect(
        screen.getByText('故事正文', { selector: '.wk__label' }).closest('.wk__field')!.textContent,
      ).toContain('⚠ 正文里有服务对象的姓名，请改用“王奶奶”等称呼'),
    );
  });

  it('a guardian needs a name; paper consent uploads the signed form (the web build says to use the mini-program)', async () => {
    store.pickDocument.mockResolvedValue({
      ok: true,
      data: { path: 'wxfile://tmp/form.jpg', name: 'form.jpg', size: 1000 },
    });
    store.uploadFile.mockImplementation(async (path) => ({
      ok: true,
      data: { fileID: `cloud://env/${path}` },
    }));
    api.recordPublicityConsent.mockResolvedValue({
      ok: true,
      data: { consent: {} as never, created: true, withdrawnStories: 0 },
    });
    await pickPerson();
    fireEvent.click(screen.getByText('○ 监护人'));
    fireEvent.click(screen.getByText('○ 书面同意书（已拍照）'));
    fireEvent.click(screen.getByText('登记宣传同意'));
    await eventually(() => screen.getByText('⚠ 由监护人同意时，请填写监护人姓名'));
    screen.getByText('⚠ 书面同意请拍照上传签字的同意书');
    expect(api.recordPublicityConsent).not.toHaveBeenCalled();
    fireEvent.input(await field('监护人姓名'), { target: { value: '王建国' } });
    fireEvent.click(screen.getByText('拍照上传同意书'));
    await eventually(() => screen.getByText('✓ 已上传同意书照片'));
    expect(store.uploadFile.mock.calls[0]![0]).toMatch(/^district\/stations\/st-tanggu\/consent-.+\.jpg$/);
    fireEvent.click(screen.getByText('登记宣传同意'));
    await eventually(() => expect(api.recordPublicityConsent).toHaveBeenCalled());
    expect(api.recordPublicityConsent.mock.calls[0]![0]).toEqual(
      expect.objectContaining({
        givenBy: 'guardian',
        guardianName: '王建国',
        method: 'paper',
        fileId: expect.stringMatching(/^cloud:\/\/env\/district\/stations\/st-tanggu\/consent-/),
        witnessName: null,
      }),
    );
  });

  it('the web build cannot upload a signed form and says so', async () => {
    canUpload = false;
    await pickPerson();
    fireEvent.click(screen.getByText('○ 书面同意书（已拍照）'));
    await eventually(() => screen.getByText('同意书照片请在微信小程序中上传（网页版不能上传）'));
  });

  it('a consent the server refuses (a child) shows its message and no story form', async () => {
    api.recordPublicityConsent.mockResolvedValue({
      ok: false,
      error: {
        code: 'invalid-argument',
        message: '未满 14 周岁的服务对象须由监护人同意',
        details: { field: 'givenBy' },
      },
    });
    await pickPerson();
    fireEvent.input(await field('见证人姓名'), { target: { value: '张晓' } });
    fireEvent.click(screen.getByText('登记宣传同意'));
    await eventually(() => screen.getByText('⚠ 未满 14 周岁的服务对象须由监护人同意'));
    expect(screen.queryByText('故事正文')).toBeNull();
  });
});

describe('站长: 撤下', () => {
  it("asks first and needs a reason; then withdraws (with the person's withdrawal) and reloads", async () => {
    api.listStories.mockResolvedValue({ ok: true, data: { items: [story()], nextCursor: null } });
    api.withdrawStory.mockResolvedValue({
      ok: true,
      data: { story: story({ status: 'withdrawn' }) } as never,
    });
    render(<HeadStoriesPage />);
    fireEvent.click(await eventually(() => screen.getByText('撤下“远亲不如近邻”')));
    await eventually(() => screen.getByText('撤下“远亲不如近邻”吗？'));
    fireEvent.click(screen.getByText('撤下'));
    await eventually(() => screen.getByText('⚠ 请填写撤下原因'));
    expect(api.withdrawStory).not.toHaveBeenCalled();
    fireEvent.input(await field('撤下原因'), { target: { value: '本人要求撤下' } });
    fireEvent.click(screen.getByText('☐ 服务对象（或监护人）撤回了同意'));
    fireEvent.click(screen.getByText('撤下'));
    await eventually(() =>
      expect(api.withdrawStory).toHaveBeenCalledWith({
        storyId: 'story-0001',
        reason: '本人要求撤下',
        consentWithdrawn: true,
      }),
    );
    await eventually(() => expect(api.listStories).toHaveBeenCalledTimes(2));
  });

  it('a withdrawn story has no 撤下', async () => {
    api.listStories.mockResolvedValue({
      ok: true,
      data: { items: [story({ status: 'withdrawn', withdrawReason: '本人要求撤下' })], nextCursor: null },
    });
    render(<HeadStoriesPage />);
    await eventually(() => screen.getByText('撤下原因：本人要求撤下'));
    expect(screen.queryByText('撤下“远亲不如近邻”')).toBeNull();
  });
});
