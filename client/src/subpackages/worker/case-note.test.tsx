import { addCaseNoteInput } from '@sgz/shared/schemas/cases';
import { fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { eventually } from '../../../test/eventually';
import { setRouterParams } from '../../../test/taro-stub';
import * as appOutboxModule from '../../services/app-outbox';
import { addCaseNoteInputOf, CASE_NOTE_KIND, type CaseNoteRecord } from '../../services/cases';
import { DELETE_WARNING, type OutboxItem, type SaveInput } from '../../services/outbox';
import CaseNotePage, { NOTE_SAVE_TEXT } from './case-note/index';
import { editUrl, itemSummary, kindLabel } from './outbox/format';

// The app's outbox over memory storage with a sender that never answers (offline).
jest.mock('../../services/app-outbox', () => {
  const { createOutbox } = jest.requireActual('../../services/outbox/outbox');
  const { createMemoryStorage } = jest.requireActual('../../services/outbox/storage-memory');
  const send = jest.fn(
    async () =>
      ({
        ok: false,
        error: { code: 'internal', message: '网络不通', details: { transport: true } },
      }) as const,
  );
  const appOutbox = createOutbox({
    storage: createMemoryStorage(),
    kinds: [{ kind: 'caseNote', idPrefix: 'cn', send }],
  });
  return { appOutbox, startAppOutbox: jest.fn(), mockSend: send };
});
const { appOutbox } = appOutboxModule;

let saves: jest.SpyInstance;
beforeAll(async () => {
  await appOutbox.start();
});
afterAll(() => appOutbox.stop());
beforeEach(() => {
  saves = jest.spyOn(appOutbox, 'save');
});
afterEach(() => saves.mockRestore());

function fieldNow(label: string): HTMLInputElement {
  const found = screen
    .getAllByLabelText(label)
    .find((e) => e.tagName === 'INPUT' || e.tagName === 'TEXTAREA');
  if (!found) throw new Error(`no field ${label}`);
  return found as HTMLInputElement;
}
const type = async (label: string, value: string) =>
  fireEvent.input(await eventually(() => fieldNow(label)), { target: { value } });
const statusLine = (): string => document.querySelector('.vf-save-status')?.textContent ?? '';
const submits = () =>
  saves.mock.calls.map((c) => c[0] as SaveInput<CaseNoteRecord>).filter((s) => s.mode === 'submit');

describe('介入记录 form', () => {
  it('keeps a draft on the phone as it is typed, and 提交 queues one note the function accepts (offline)', async () => {
    setRouterParams({ caseId: 'cs-case-0001' });
    render(<CaseNotePage />);
    await eventually(() => screen.getByText('提交'));
    expect(screen.getByText(DELETE_WARNING)).toBeTruthy();
    await type('服务时长（分钟）', '45');
    await type('服务内容', '陪同老人到社区活动中心参加手工小组');
    await eventually(() => expect(statusLine()).toBe(NOTE_SAVE_TEXT.saved));
    fireEvent.click(screen.getByText('提交'));
    await eventually(() =>
      expect(Taro.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已保存，将自动同步' })),
    );
    const [sent] = submits();
    expect(sent?.kind).toBe(CASE_NOTE_KIND);
    const item = appOutbox.get(sent!.id!) as OutboxItem<CaseNoteRecord>;
    expect(item.firstSubmittedAt).not.toBeNull();
    const wire = addCaseNoteInputOf(item);
    expect(addCaseNoteInput.safeParse(wire).success).toBe(true);
    expect(wire.payload).toMatchObject({ caseId: 'cs-case-0001', minutes: 45, mode: '面谈' });
    // 待同步记录 names it and reopens it in this form.
    expect(kindLabel(item.kind)).toBe('个案介入记录');
    expect(itemSummary(item)).toMatch(/· 面谈 · 45 分钟$/);
    expect(editUrl(item)).toBe(`/subpackages/worker/case-note/index?id=${item.id}`);
  });

  it('without what was done says so in Chinese and queues nothing', async () => {
    setRouterParams({ caseId: 'cs-case-0001' });
    render(<CaseNotePage />);
    await type('服务时长（分钟）', '30');
    fireEvent.click(await eventually(() => screen.getByText('提交')));
    await eventually(() => screen.getByText('⚠ 请填写服务内容'));
    expect(submits()).toHaveLength(0);
  });
});
