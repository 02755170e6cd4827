import type { PersonDetail, VisitDetail, VisitListItem, WhoAmIOutput } from '@sgz/shared';
import { fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { eventually } from '../../../test/eventually';
import { setRouterParams, triggerReachBottom } from '../../../test/taro-stub';
import * as accounts from '../../services/accounts';
import * as files from '../../services/files';
import * as requests from '../../services/requests';
import * as roster from '../../services/roster';
import * as visits from '../../services/visits';
import SupervisorHomePage from '../supervisor/index/index';
import WorkerHomePage from './index/index';
import PersonPage from './person/index';
import VisitDetailPage, { NO_PHOTO, OVERSIGHT_NOTICE } from './visit-detail/index';
import VisitsPage from './visits/index';

jest.mock('../../services/accounts');
jest.mock('../../services/files');
jest.mock('../../services/requests');
jest.mock('../../services/roster');
jest.mock('../../services/visits');
const acc = jest.mocked(accounts);
const fs = jest.mocked(files);
const ros = jest.mocked(roster);
const rq = jest.mocked(requests);
const api = jest.mocked(visits);

const worker = {
  userId: 'u-w',
  role: 'social_worker',
  stationId: 'st-tanggu',
  stationIds: [],
} as unknown as WhoAmIOutput;

const item = (over: Partial<VisitListItem> = {}): VisitListItem => ({
  id: 'vs-1',
  stationId: 'st-tanggu',
  version: 1,
  type: '常规探访',
  mode: '上门',
  day: '2026-11-27',
  startAt: '2026-11-27T01:00:00.000Z',
  endAt: '2026-11-27T01:40:00.000Z',
  persons: [
    { id: 'ps-1', name: '张**' },
    { id: 'ps-2', name: '王*' },
  ],
  workerIds: ['u-w'],
  risk: '重点',
  photoCount: 2,
  followUpCount: 1,
  hasConflict: false,
  receivedAt: '2026-11-27T02:00:00.000Z',
  ...over,
});

const detail = (over: Partial<VisitDetail> = {}): VisitDetail => ({
  ...item(),
  persons: [{ id: 'ps-1', name: '张桂兰' }],
  view: 'station',
  householdId: 'hh-1',
  othersPresent: [{ role: '村居干部', name: '李主任' }],
  categories: ['独居'],
  address: '新港社区3号楼2门101',
  findings: {
    health: null,
    mental: '情绪稳定',
    safety: '燃气灶软管老化，已提醒更换',
    hygiene: null,
    living: null,
  },
  needs: [{ area: '养老服务', note: '希望有人定期上门理发' }],
  services: ['测量血压'],
  followUps: [
    {
      id: 'fu-1',
      visitId: 'vs-1',
      stationId: 'st-tanggu',
      action: '联系社区更换燃气软管',
      ownerId: 'u-w',
      dueDay: '2026-12-04',
      referral: null,
      openCase: false,
      status: 'open',
    },
  ],
  location: { start: { lat: 39.02, lng: 117.65, accuracy: 30 }, end: null, refused: null },
  photos: [
    { fileId: 'cloud://f/0.jpg', url: 'https://tmp.example/0.jpg' },
    { fileId: 'cloud://f/1.jpg', url: null },
  ],
  confirmation: { signed: false, signatureUrl: null, noSignatureReason: '老人视力不好，口头确认' },
  withheld: [
    {
      field: 'findings.health',
      consent: 'health',
      personIds: ['ps-1'],
      reason: '张桂兰没有同意记录健康状况，健康方面的情况未保存；请先记录同意',
    },
  ],
  submittedBy: 'u-w',
  ...over,
});

const page = (items: VisitListItem[], nextCursor: string | null = null) =>
  Promise.resolve({ ok: true as const, data: { items, nextCursor } });

beforeEach(() => {
  for (const fn of Object.values(api)) if (jest.isMockFunction(fn)) fn.mockReset();
  acc.whoAmI.mockResolvedValue({ ok: true, data: worker });
  // The worker home lists 我的跟进事项 too.
  api.listMyFollowUps.mockResolvedValue({ ok: true, data: { items: [], nextCursor: null } });
});

describe('走访记录 (the list)', () => {
  it("shows the station's visits newest first as the server gives them, 有冲突, and opens one", async () => {
    setRouterParams({});
    api.listVisits.mockReturnValue(
      page([
        item(),
        item({ id: 'vs-2', day: '2026-11-20', risk: null, hasConflict: true, type: '回访', mode: '电话' }),
      ]),
    );
    render(<VisitsPage />);
    await eventually(() => screen.getByText('11月27日（周五）'));
    expect(api.listVisits).toHaveBeenCalledWith({ stationId: 'st-tanggu', cursor: null, limit: 20 });
    expect(screen.getByText('本站走访记录')).toBeTruthy();
    expect(screen.getAllByText('走访对象：张**、王*')).toHaveLength(2);
    expect(screen.getByText('常规探访 · 上门')).toBeTruthy();
    expect(screen.getByText('回访 · 电话')).toBeTruthy();
    expect(screen.getByText('◆ 重点')).toBeTruthy();
    expect(screen.getByText('未评定风险')).toBeTruthy();
    expect(screen.getAllByText('照片 2 张 · 跟进 1 项')).toHaveLength(2);
    expect(screen.getAllByText('有冲突', { exact: false })).toHaveLength(1);
    fireEvent.click(screen.getByText('11月20日（周五）'));
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({
      url: '/subpackages/worker/visit-detail/index?id=vs-2',
    });
  });

  it('pages with the cursor (加载更多 and the bottom of the page)', async () => {
    setRouterParams({ personId: 'ps-1' });
    api.listVisits.mockReturnValueOnce(page([item()], 'c1'));
    render(<VisitsPage />);
    await eventually(() => screen.getByText('加载更多'));
    expect(screen.getByText('该服务对象的走访记录')).toBeTruthy();
    expect(api.listVisits).toHaveBeenLastCalledWith({
      stationId: 'st-tanggu',
      personId: 'ps-1',
      cursor: null,
      limit: 20,
    });
    api.listVisits.mockReturnValueOnce(page([item({ id: 'vs-2', day: '2026-11-20' })], 'c2'));
    fireEvent.click(screen.getByText('加载更多'));
    await eventually(() => screen.getByText('11月20日（周五）'));
    expect(api.listVisits).toHaveBeenLastCalledWith({
      stationId: 'st-tanggu',
      personId: 'ps-1',
      cursor: 'c1',
      limit: 20,
    });
    api.listVisits.mockReturnValueOnce(page([item({ id: 'vs-3', day: '2026-11-13' })], null));
    triggerReachBottom();
    await eventually(() => screen.getByText('— 已经到底了 —'));
    expect(screen.getByText('11月13日（周五）')).toBeTruthy();
    expect(api.listVisits).toHaveBeenLastCalledWith({
      stationId: 'st-tanggu',
      personId: 'ps-1',
      cursor: 'c2',
      limit: 20,
    });
  });

  it('says so when there is none', async () => {
    setRouterParams({});
    api.listVisits.mockReturnValue(page([]));
    render(<VisitsPage />);
    await eventually(() => screen.getByText('还没有走访记录'));
    expect(screen.getByText('走访保存并同步后会出现在这里')).toBeTruthy();
  });

  it('shows the error with 重试, which asks again', async () => {
    setRouterParams({});
    api.listVisits.mockResolvedValueOnce({
      ok: false,
      error: { code: 'internal', message: '网络不太好，请稍后重试' },
    });
    render(<VisitsPage />);
    await eventually(() => screen.getByText('走访记录没有加载出来'));
    expect(screen.getByText('网络不太好，请稍后重试')).toBeTruthy();
    api.listVisits.mockReturnValue(page([item()]));
    fireEvent.click(screen.getByText('重试'));
    await eventually(() => screen.getByText('11月27日（周五）'));
    expect(api.listVisits).toHaveBeenCalledTimes(2);
  });

  it("a supervisor opens a station's list by ?stationId= (not their own station)", async () => {
    setRouterParams({ stationId: 'st-dagang' });
    acc.whoAmI.mockResolvedValue({
      ok: true,
      data: {
        userId: 'u-s',
        role: 'supervisor',
        stationId: null,
        stationIds: ['st-dagang'],
      } as unknown as WhoAmIOutput,
    });
    api.listVisits.mockReturnValue(page([item({ stationId: 'st-dagang' })]));
    render(<VisitsPage />);
    await eventually(() => screen.getByText('11月27日（周五）'));
    expect(api.listVisits).toHaveBeenCalledWith({ stationId: 'st-dagang', cursor: null, limit: 20 });
    expect(screen.queryByText('您的账号还没有绑定社工站')).toBeNull();
  });
});

describe('走访详情', () => {
  it('shows the station view in Chinese: Beijing times, findings, location, photos, no-signature reason, follow-ups, withheld', async () => {
    setRouterParams({ id: 'vs-1' });
    api.getVisit.mockResolvedValue({ ok: true, data: { visit: detail() } });
    render(<VisitDetailPage />);
    await eventually(() => screen.getByText('张桂兰'));
    expect(api.getVisit).toHaveBeenCalledWith({ visitId: 'vs-1' });
    expect(screen.getByText('常规探访 · 上门')).toBeTruthy();
    // 01:00Z is 09:00 in Beijing.
    expect(screen.getByText('2026-11-27 09:00')).toBeTruthy();
    expect(screen.getByText('2026-11-27 09:40')).toBeTruthy();
    expect(screen.getByText('村居干部（李主任）')).toBeTruthy();
    expect(screen.getByText('新港社区3号楼2门101')).toBeTruthy();
    expect(screen.getByText('安全（燃气、用电、水暖）')).toBeTruthy();
    expect(screen.getByText('燃气灶软管老化，已提醒更换')).toBeTruthy();
    expect(screen.getByText('希望有人定期上门理发')).toBeTruthy();
    expect(screen.getByText('开始：39.02000, 117.65000（误差约 30 米）', { exact: false })).toBeTruthy();
    expect(screen.getByText('结束：未定位', { exact: false })).toBeTruthy();
    expect(screen.getByText('未签名：老人视力不好，口头确认')).toBeTruthy();
    expect(screen.getByText('联系社区更换燃气软管')).toBeTruthy();
    expect(screen.getByText('负责人：我', { exact: false })).toBeTruthy();
    expect(screen.getByText('⊘ 张桂兰没有同意记录健康状况，健康方面的情况未保存；请先记录同意')).toBeTruthy();
    expect(screen.queryByText(OVERSIGHT_NOTICE)).toBeNull();

    // The photo with a link is drawn from it and opens full screen; the other says why it is not.
    const img = await eventually(() => screen.getByAltText('第 1 张走访照片'));
    expect(img.getAttribute('src')).toBe('https://tmp.example/0.jpg');
    expect(screen.getByText(NO_PHOTO)).toBeTruthy();
    fireEvent.click(screen.getByLabelText('第 1 张照片，点按放大'));
    expect(Taro.previewImage).toHaveBeenLastCalledWith({
      urls: ['https://tmp.example/0.jpg'],
      current: 'https://tmp.example/0.jpg',
    });
  });

  it('shows the signature, or the refusal of the location', async () => {
    setRouterParams({ id: 'vs-1' });
    api.getVisit.mockResolvedValue({
      ok: true,
      data: {
        visit: detail({
          location: { start: null, end: null, refused: '居民不同意定位' },
          confirmation: {
            signed: true,
            signatureUrl: 'https://tmp.example/sig.png',
            noSignatureReason: null,
          },
          withheld: [],
        }),
      },
    });
    render(<VisitDetailPage />);
    await eventually(() => screen.getByText('未定位：居民不同意定位'));
    expect(screen.getByLabelText('居民签名')).toBeTruthy();
    expect(screen.queryByText('未记录的敏感信息')).toBeNull();
  });

  it('the oversight view says names are masked and shows no text, photos or location', async () => {
    setRouterParams({ id: 'vs-1' });
    api.getVisit.mockResolvedValue({
      ok: true,
      data: {
        visit: detail({
          view: 'oversight',
          persons: [{ id: 'ps-1', name: '张**' }],
          othersPresent: [{ role: '村居干部', name: null }],
          address: null,
          findings: null,
          needs: [{ area: '养老服务', note: null }],
          location: null,
          photos: [],
          confirmation: { signed: false, signatureUrl: null, noSignatureReason: null },
        }),
      },
    });
    render(<VisitDetailPage />);
    await eventually(() => screen.getByText(OVERSIGHT_NOTICE));
    expect(screen.getByText('张**')).toBeTruthy();
    expect(screen.queryByText('张桂兰')).toBeNull();
    expect(screen.queryByText('发现情况')).toBeNull();
    expect(screen.queryByText('地址')).toBeNull();
    expect(screen.queryByText('定位')).toBeNull();
    expect(screen.queryByText('联系社区更换燃气软管')).toBeNull();
    expect(screen.getByText('2 张（不显示）')).toBeTruthy();
    expect(document.querySelector('img, taro-image-core')).toBeNull();
    // What was left out for want of consent is said in every view.
    expect(screen.getByText('⊘ 张桂兰没有同意记录健康状况，健康方面的情况未保存；请先记录同意')).toBeTruthy();
  });

  it('a record not there (or not allowed) says so, with 返回', async () => {
    setRouterParams({ id: 'vs-x' });
    api.getVisit.mockResolvedValue({
      ok: false,
      error: { code: 'permission-denied', message: '您没有权限进行此操作' },
    });
    render(<VisitDetailPage />);
    await eventually(() => screen.getByText('这条走访记录不存在，或您没有权限查看'));
    fireEvent.click(screen.getByText('返回'));
    expect(Taro.navigateBack).toHaveBeenCalled();
  });
});

describe("走访记录 on a person's file", () => {
  it('shows the latest 3 and 查看全部', async () => {
    setRouterParams({ id: 'ps-1' });
    fs.getPerson.mockResolvedValue({
      ok: true,
      data: {
        person: {
          id: 'ps-1',
          stationId: 'st-tanggu',
          view: 'station',
          name: '张桂兰',
          risk: '重点',
          status: '在册',
          community: null,
          due: null,
          daysOverdue: 0,
          nextDueDay: null,
          lastVisitDay: null,
          categories: [],
          livingSituation: '独居',
          keep: {
            health: { allowed: false },
            disability: { allowed: false },
            financial_hardship: { allowed: false },
          },
          consents: [],
          requests: [],
          household: null,
        } as unknown as PersonDetail,
      },
    });
    api.listVisits.mockReturnValue(page([item()], 'c1'));
    render(<PersonPage />);
    await eventually(() => screen.getByText('11月27日（周五）'));
    expect(api.listVisits).toHaveBeenCalledWith({ stationId: 'st-tanggu', personId: 'ps-1', limit: 3 });
    fireEvent.click(screen.getByText('查看全部走访记录'));
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({
      url: '/subpackages/worker/visits/index?personId=ps-1',
    });
  });
});

describe('社工工作台', () => {
  it('links to 本站走访记录', async () => {
    fs.listDue.mockResolvedValue({ ok: false, error: { code: 'internal', message: '网络不太好' } });
    rq.listStationRequests.mockResolvedValue({ ok: true, data: { items: [], nextCursor: null } });
    render(<WorkerHomePage />);
    fireEvent.click(await eventually(() => screen.getByText('本站走访记录')));
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/subpackages/worker/visits/index' });
  });
});

describe('督导工作台', () => {
  it("links to the chosen station's masked visit list", async () => {
    acc.whoAmI.mockResolvedValue({
      ok: true,
      data: {
        userId: 'u-s',
        role: 'supervisor',
        stationId: null,
        stationIds: ['st-dagang'],
      } as unknown as WhoAmIOutput,
    });
    ros.listPersons.mockResolvedValue({ ok: true, data: { items: [], nextCursor: null, total: 0 } });
    render(<SupervisorHomePage />);
    fireEvent.click(await eventually(() => screen.getByText('查看走访记录（姓名已遮盖）')));
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({
      url: '/subpackages/worker/visits/index?stationId=st-dagang',
    });
  });
});
