import type { PersonDetail, PersonListItem, WhoAmIOutput } from '@sgz/shared';
import { visitPayloadField } from '@sgz/shared/schemas/visits';
import { fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { eventually } from '../../../test/eventually';
import { seededRandom, T0 } from '../../../test/outbox';
import { setRouterParams, triggerDidHide } from '../../../test/taro-stub';
import * as accounts from '../../services/accounts';
import * as appOutboxModule from '../../services/app-outbox';
import * as files from '../../services/files';
import { newClientId, type OutboxItem, type SaveInput } from '../../services/outbox';
import type { MemoryStorage } from '../../services/outbox/storage-memory';
import { submitInputOf, type VisitRecord } from '../../services/visits';
import { visitFormUrl } from '../../utils/routes';
import { emptyVisitDraft, recordOf } from './visit/draft';
import { DueSection } from './DueSection';
import VisitPage, { LOCATION_DENIED, parseBeijingTime, SAVE_TEXT } from './visit/index';

jest.mock('../../services/accounts');
jest.mock('../../services/files');
// The app's outbox over memory storage: the real runner, a sender that answers 收到,
// and a gate that holds storage writes (to see the status line before the write ends).
jest.mock('../../services/app-outbox', () => {
  const { createOutbox } = jest.requireActual('../../services/outbox/outbox');
  const { createMemoryStorage } = jest.requireActual('../../services/outbox/storage-memory');
  const memory = createMemoryStorage();
  let gate: Promise<void> | null = null;
  const storage = {
    ...memory,
    stored: memory.stored,
    loadAll: () => memory.loadAll(),
    usage: () => memory.usage(),
    remove: (id: string) => memory.remove(id),
    put: async (item: unknown, reserve: unknown) => {
      if (gate) await gate;
      return memory.put(item, reserve);
    },
  };
  const send = jest.fn(async (item: { version: number }) => ({
    ok: true,
    data: { status: 'received', version: item.version },
  }));
  const appOutbox = createOutbox({ storage, kinds: [{ kind: 'visit', idPrefix: 'vs', send }] });
  return {
    appOutbox,
    startAppOutbox: jest.fn(),
    mockStorage: memory,
    mockHold: () => {
      let release = () => undefined as void;
      gate = new Promise<void>((r) => {
        release = () => {
          gate = null;
          r();
        };
      });
      return release;
    },
  };
});

const { appOutbox } = appOutboxModule;
const testing = appOutboxModule as unknown as { mockStorage: MemoryStorage; mockHold: () => () => void };
const acc = jest.mocked(accounts);
const api = jest.mocked(files);

const worker = {
  userId: 'u-w',
  role: 'social_worker',
  stationId: 'st-tanggu',
  profile: { name: '王芳', phoneMasked: null },
} as WhoAmIOutput;

const person = (id: string): PersonDetail =>
  ({
    id,
    stationId: 'st-tanggu',
    name: '张桂兰',
    householdId: 'hh-1',
    household: {
      id: 'hh-1',
      stationId: 'st-tanggu',
      community: '新村街社区',
      address: '3号楼2门101',
      contact: null,
      members: [{ personId: id, nameMasked: '张*', relationship: '户主' }],
      rev: 1,
      updatedAt: '2026-11-01T00:00:00.000Z',
    },
    categories: ['独居'],
    risk: '高风险',
  }) as PersonDetail;

let saves: jest.SpyInstance;

beforeAll(async () => {
  await appOutbox.start();
});
afterAll(() => appOutbox.stop());

beforeEach(() => {
  acc.whoAmI.mockResolvedValue({ ok: true, data: worker });
  acc.listStaff.mockResolvedValue({
    ok: true,
    data: {
      items: [
        { userId: 'u-w', name: '王芳', active: true, role: 'social_worker', stationId: 'st-tanggu' },
        { userId: 'u-2', name: '李强', active: true, role: 'station_head', stationId: 'st-tanggu' },
        // A supervisor assigned to the station is listed as staff but was not at the door.
        { userId: 'u-sup', name: '赵督导', active: true, role: 'supervisor', stationId: null },
      ] as never,
      total: 3,
      nextCursor: null,
    },
  });
  api.getPerson.mockImplementation(async ({ personId }) => ({
    ok: true,
    data: { person: person(personId) },
  }));
  saves = jest.spyOn(appOutbox, 'save');
});
afterEach(() => saves.mockRestore());

/** The inner <input>/<textarea> labelled `label` (the harness finds it the same way). */
function field(label: string): HTMLInputElement {
  const found = screen
    .getAllByLabelText(label)
    .find((e) => e.tagName === 'INPUT' || e.tagName === 'TEXTAREA');
  if (!found) throw new Error(`no field ${label}`);
  return found as HTMLInputElement;
}

async function type(label: string, value: string) {
  fireEvent.input(await eventually(() => field(label)), { target: { value } });
}

const statusLine = (): string => document.querySelector('.vf-save-status')?.textContent ?? '';

/** The outbox item (throws until it is there). */
function stored(id: string): OutboxItem<VisitRecord> {
  const item = appOutbox.get(id);
  if (!item) throw new Error(`no outbox item ${id}`);
  return item as OutboxItem<VisitRecord>;
}

const submitCalls = () =>
  saves.mock.calls.map((c) => c[0] as SaveInput<VisitRecord>).filter((s) => s.mode === 'submit');

/** Opens the form for a person and records the start location (a 上门 visit needs it or a reason). */
async function openForPerson(personId: string) {
  setRouterParams({ personId });
  const view = render(<VisitPage />);
  await eventually(() => screen.getByText('提交'));
  await eventually(() => expect(field('走访地址').value).toBe('新村街社区 3号楼2门101'));
  jest.mocked(Taro.getLocation).mockResolvedValueOnce({
    latitude: 39.025,
    longitude: 117.655,
    accuracy: 15,
  } as never);
  fireEvent.click(screen.getByText('记录开始定位'));
  await eventually(() => screen.getByText('开始：已定位（精度约 15 米）'));
  return view;
}

describe('走访记录 form', () => {
  it('submits a complete visit: queued with mode submit, a payload the function accepts, then back with a toast', async () => {
    await openForPerson('ps-a1');
    await type('居住环境方面的情况', '楼道堆放杂物，已提醒清理');
    await type('未签字原因', '老人视力不好，由女儿口头确认');
    fireEvent.click(screen.getByText('结束走访'));
    fireEvent.click(screen.getByText('提交'));
    await eventually(() =>
      expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已保存，将自动同步' })),
    );
    expect(Taro.navigateBack).toHaveBeenCalled();

    const [sent] = submitCalls();
    expect(sent).toBeDefined();
    const item = appOutbox.get(sent!.id!) as OutboxItem<VisitRecord>;
    expect(item.firstSubmittedAt).not.toBeNull();
    const wire = submitInputOf(item).payload;
    const parsed = visitPayloadField.safeParse(wire);
    expect(parsed.success).toBe(true);
    expect(wire).toMatchObject({
      stationId: 'st-tanggu',
      householdId: 'hh-1',
      personIds: ['ps-a1'],
      workerIds: ['u-w'],
      type: '常规探访',
      mode: '上门',
      address: '新村街社区 3号楼2门101',
      findings: { living: '楼道堆放杂物，已提醒清理' },
      risk: '高风险',
      categories: ['独居'],
      location: { start: { lat: 39.025, lng: 117.655, accuracy: 15 }, end: null, refused: null },
      confirmation: { signatureFileId: null, noSignatureReason: '老人视力不好，由女儿口头确认' },
    });
  });

  it('without a signature or its reason says so in Chinese and queues nothing', async () => {
    await openForPerson('ps-a2');
    await type('居住环境方面的情况', '屋内整洁');
    fireEvent.click(screen.getByText('提交'));
    await eventually(() => screen.getByText('⚠ 请让服务对象签字确认，或填写未签字的原因（二选一）'));
    expect(screen.getByText('⚠ 请按提示修改后再提交')).toBeTruthy();
    expect(submitCalls()).toEqual([]);
    expect(Taro.navigateBack).not.toHaveBeenCalled();
    // The reason typed, the error goes and the submit goes through.
    await type('未签字原因', '本人拒绝签字');
    await eventually(() =>
      expect(screen.queryByText('⚠ 请让服务对象签字确认，或填写未签字的原因（二选一）')).toBeNull(),
    );
    fireEvent.click(screen.getByText('提交'));
    await eventually(() => expect(submitCalls()).toHaveLength(1));
  });

  it('asks for the reason when the location is refused, prefilled, and the visit still saves', async () => {
    setRouterParams({ personId: 'ps-a3' });
    render(<VisitPage />);
    await eventually(() => screen.getByText('提交'));
    jest.mocked(Taro.getLocation).mockRejectedValueOnce({ errMsg: 'getLocation:fail auth deny' });
    fireEvent.click(screen.getByText('记录开始定位'));
    await eventually(() => expect(field('未定位原因').value).toBe(LOCATION_DENIED));
    await type('未签字原因', '本人拒绝签字');
    fireEvent.click(screen.getByText('提交'));
    await eventually(() => expect(submitCalls()).toHaveLength(1));
    const item = await eventually(() => stored(submitCalls()[0]!.id!));
    expect(item.firstSubmittedAt).not.toBeNull();
    expect(item.payload.location).toEqual({ start: null, end: null, refused: LOCATION_DENIED });
    // A change typed just before 提交 had its draft save waiting: it must not take the record back out of the queue.
    await new Promise((r) => setTimeout(r, 800));
    expect(saves.mock.calls.map((c) => (c[0] as SaveInput<VisitRecord>).mode)).not.toContain('draft');
    expect(stored(item.id).status).not.toBe('draft');
    expect(visitPayloadField.safeParse(submitInputOf(item).payload).success).toBe(true);
  });

  it('writes a draft to the phone before the status line says 已保存', async () => {
    await openForPerson('ps-a4');
    const release = testing.mockHold();
    await type('走访地址', '新村街社区 5号楼');
    expect(statusLine()).toBe(SAVE_TEXT.saving);
    // After the debounce the save is under way, but the write has not finished.
    await eventually(() => expect(saves).toHaveBeenCalled());
    const draft = saves.mock.calls[0]![0] as SaveInput<VisitRecord>;
    expect(draft.mode).toBe('draft');
    expect((draft.payload as VisitRecord).address).toBe('新村街社区 5号楼');
    await new Promise((r) => setTimeout(r, 100));
    expect(statusLine()).toBe(SAVE_TEXT.saving);
    expect(testing.mockStorage.stored.has(draft.id!)).toBe(false);
    release();
    await eventually(() => expect(statusLine()).toBe(SAVE_TEXT.saved));
    expect(testing.mockStorage.stored.get(draft.id!)).toContain('新村街社区 5号楼');
    expect(appOutbox.get(draft.id!)?.status).toBe('draft');
  });

  it('reopens an outbox item with ?id as it was, with its status', async () => {
    const id = newClientId(T0, seededRandom(7), 'vs');
    const d = emptyVisitDraft({ stationId: 'st-tanggu', meId: 'u-w', startAt: '2026-11-27T01:30:00.000Z' });
    const saved = await appOutbox.save<VisitRecord>({
      id,
      kind: 'visit',
      payload: recordOf({
        ...d,
        personIds: ['ps-b1'],
        workerIds: ['u-w', 'u-2'],
        mode: '电话',
        address: '渤海石油社区 7号楼',
        findings: { ...d.findings, living: '暖气不热' },
        services: ['代缴电费'],
        followUps: [
          { action: '联系物业', ownerId: 'u-2', dueDay: '2026-12-01', referral: '', openCase: true },
        ],
        noSignatureReason: '电话走访',
        endAt: '2026-11-27T02:10:00.000Z',
      }),
      attachments: [],
      mode: 'draft',
    });
    expect(saved.ok).toBe(true);
    setRouterParams({ id });
    render(<VisitPage />);
    await eventually(() => screen.getByText('提交'));
    await eventually(() => expect(field('走访地址').value).toBe('渤海石油社区 7号楼'));
    expect(field('居住环境方面的情况').value).toBe('暖气不热');
    expect(field('未签字原因').value).toBe('电话走访');
    expect(field('第 1 项服务').value).toBe('代缴电费');
    expect(field('第 1 项跟进事项').value).toBe('联系物业');
    expect(field('第 1 项跟进期限').value).toBe('2026-12-01');
    expect(screen.getByText('记录状态：草稿', { exact: false })).toBeTruthy();
    expect(screen.getByRole('radio', { name: '◉ 电话' })).toBeTruthy();
    expect(
      screen.getByRole('switch', { name: '需要开案（转为个案管理）' }).getAttribute('aria-checked'),
    ).toBe('true');
    // Nothing was touched: nothing saved again.
    expect(saves).toHaveBeenCalledTimes(1);
    fireEvent.click(screen.getByText('提交'));
    await eventually(() => expect(submitCalls()).toHaveLength(1));
    expect(submitCalls()[0]!.id).toBe(id);
  });

  it('offers the draft left half-way for the same person', async () => {
    const id = newClientId(T0, seededRandom(9), 'vs');
    const d = emptyVisitDraft({ stationId: 'st-tanggu', meId: 'u-w', startAt: '2026-11-27T01:30:00.000Z' });
    await appOutbox.save<VisitRecord>({
      id,
      kind: 'visit',
      payload: recordOf({ ...d, personIds: ['ps-c1'] }),
      mode: 'draft',
    });
    setRouterParams({ personId: 'ps-c1' });
    render(<VisitPage />);
    fireEvent.click(await eventually(() => screen.getByText('继续上次未完成的记录')));
    expect(Taro.redirectTo).toHaveBeenCalledWith({ url: visitFormUrl({ id }) });
  });

  it("offers the station's workers and head as workers present, not a supervisor", async () => {
    await openForPerson('ps-staff');
    await eventually(() => screen.getByText(/李强/));
    expect(screen.queryByText(/赵督导/)).toBeNull();
  });

  it("does not offer the form's own autosaved draft as one left half-way (seen in Chromium)", async () => {
    await openForPerson('ps-own'); // a person no earlier test left a draft for
    await type('走访地址', '新村街社区 3号楼2门102');
    await eventually(() => expect(statusLine()).toContain('已保存'));
    expect(screen.queryByText('继续上次未完成的记录')).toBeNull();
  });

  it('writes a change still waiting for the autosave at once when WeChat goes to the background', async () => {
    await openForPerson('ps-hide');
    saves.mockClear();
    await type('走访地址', '新村街社区 3号楼2门109');
    expect(saves).not.toHaveBeenCalled(); // the debounce is still waiting
    triggerDidHide();
    expect(saves).toHaveBeenCalledTimes(1);
    expect((saves.mock.calls[0]![0] as SaveInput<VisitRecord>).payload.address).toBe(
      '新村街社区 3号楼2门109',
    );
  });

  it('ad hoc: picks the person seen from the station files by name', async () => {
    setRouterParams({});
    api.listPersons.mockResolvedValue({
      ok: true,
      data: {
        items: [{ id: 'ps-d1', nameMasked: '赵*', community: '新村街社区' } as PersonListItem],
        nextCursor: null,
        total: 1,
      },
    });
    render(<VisitPage />);
    await eventually(() => screen.getByText('还没有选择走访对象'));
    expect(screen.getByText('新建档案')).toBeTruthy();
    await type('按姓名开头搜索走访对象', '赵');
    fireEvent.click(await eventually(() => screen.getByText('＋ 赵*（新村街社区）')));
    await eventually(() => screen.getByText('赵* ✕'));
    expect(api.listPersons).toHaveBeenCalledWith({ stationId: 'st-tanggu', q: '赵', limit: 10 });
  });

  it('a draft finished days later: the end time is refused, then typed in Beijing time', async () => {
    const id = newClientId(T0, seededRandom(11), 'vs');
    const d = emptyVisitDraft({ stationId: 'st-tanggu', meId: 'u-w', startAt: '2020-03-03T01:30:00.000Z' });
    await appOutbox.save<VisitRecord>({
      id,
      kind: 'visit',
      payload: recordOf({ ...d, personIds: ['ps-e1'], mode: '电话', noSignatureReason: '电话走访' }),
      mode: 'draft',
    });
    setRouterParams({ id });
    render(<VisitPage />);
    fireEvent.click(await eventually(() => screen.getByText('提交')));
    await eventually(() => screen.getByText('⚠ 一次走访不能超过 24 小时，请检查开始和结束时间'));
    expect(submitCalls()).toEqual([]);
    await eventually(() => expect(field('开始时间（北京时间）').value).toBe('2020-03-03 09:30'));
    await type('结束时间（北京时间）', '2020-03-03 10:15');
    fireEvent.click(screen.getByText('提交'));
    const item = await eventually(() => {
      expect(submitCalls()).toHaveLength(1);
      const it = stored(id);
      expect(it.firstSubmittedAt).not.toBeNull();
      return it;
    });
    expect(item.payload.endAt).toBe('2020-03-03T10:15:00+08:00');
    expect(visitPayloadField.safeParse(submitInputOf(item).payload).success).toBe(true);
  });
});

describe('parseBeijingTime', () => {
  it('reads a Beijing time and refuses what is not one', () => {
    expect(parseBeijingTime('2026-11-27 9:05')).toBe('2026-11-27T09:05:00+08:00');
    expect(parseBeijingTime('2026-11-27 09：05')).toBe('2026-11-27T09:05:00+08:00');
    expect(parseBeijingTime('2026-02-30 09:05')).toBeNull();
    expect(parseBeijingTime('2026-11-27 25:00')).toBeNull();
    expect(parseBeijingTime('明天上午')).toBeNull();
  });
});

describe('links to the form (two taps from the worker home)', () => {
  it('新建走访 on the due list, 记录走访 under each card', async () => {
    api.listDue.mockResolvedValue({
      ok: true,
      data: {
        buckets: [
          {
            bucket: 'overdue',
            label: '已逾期',
            total: 1,
            items: [{ id: 'ps-f1', nameMasked: '钱*', risk: '高风险', due: 'overdue' } as PersonListItem],
            nextCursor: null,
          },
        ],
      } as never,
    });
    render(<DueSection stationId="st-tanggu" />);
    fireEvent.click(await eventually(() => screen.getByText('记录走访')));
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: visitFormUrl({ personId: 'ps-f1' }) });
    fireEvent.click(screen.getByText('新建走访'));
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/subpackages/worker/visit/index' });
  });
});
