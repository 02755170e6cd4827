import { FAMILY_CONSENT_TEXT, PRIVACY_NOTICE_TEXT, type CreateRequestInput } from '@sgz/shared';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { eventually } from '../../../../test/eventually';
import { item, itemsOutput, request, slot } from '../../../../test/request-fixtures';
import { emptyDetail, nearStations, seedGroups } from '../../../../test/fixtures';
import { setRouterParams } from '../../../../test/taro-stub';
import * as requests from '../../../services/requests';
import * as stations from '../../../services/stations';
import { NETWORK_MESSAGE } from '../../../services/call';
import * as accounts from '../../../services/accounts';
import { setCareMode } from '../../../hooks/use-care-mode';
import RequestPage from './index';

jest.mock('../../../services/requests');
jest.mock('../../../services/stations');
jest.mock('../../../services/accounts');
const api = jest.mocked(requests);
const acc = jest.mocked(accounts);
const st = jest.mocked(stations);

/** Types into the Taro <Input>/<Textarea> with this placeholder. */
const type = async (placeholder: string, value: string) => {
  const el = await eventually(() => {
    const found = screen
      .getAllByPlaceholderText(placeholder)
      .find((e) => e.tagName === 'INPUT' || e.tagName === 'TEXTAREA');
    if (!found) throw new Error(`no field with placeholder ${placeholder} yet`);
    return found;
  });
  fireEvent.input(el, { target: { value } });
};

const sent = (n = 0) => api.createRequest.mock.calls[n]![0] as CreateRequestInput;
const DESCRIPTION = '例如：家中老人行动不便，想请社工上门看看';
const PHONE = '手机号或带区号的座机号';

async function openForm() {
  render(<RequestPage />);
  await eventually(() => screen.getByText('高龄独居老人上门探访'));
}

async function fillBookable() {
  fireEvent.click(screen.getByText('高龄独居老人上门探访'));
  await eventually(() => screen.getByText('09:00–10:00'));
  expect(screen.getByText('12月1日（周二）')).toBeTruthy();
  fireEvent.click(screen.getByText('09:00–10:00'));
  await type(DESCRIPTION, '老人腿脚不便，想请社工上门');
  await type(PHONE, '13812345678');
}

beforeEach(() => {
  for (const fn of Object.values(api)) if (jest.isMockFunction(fn)) fn.mockReset();
  acc.acceptPrivacyNotice.mockReset();
  st.getStation.mockResolvedValue({
    ok: true,
    data: { ...emptyDetail(), officialName: '滨海新区塘沽街道社会工作服务站' },
  });
  api.listServiceItems.mockResolvedValue({ ok: true, data: itemsOutput() });
  api.listSlots.mockResolvedValue({ ok: true, data: { slots: [slot('09:00'), slot('10:00', 1)] } });
  api.createRequest.mockResolvedValue({ ok: true, data: { request: request(), created: true } });
  setRouterParams({ stationId: 'st-tanggu' });
});

describe('我要求助 form', () => {
  it('shows inline errors from the shared schema and sends nothing', async () => {
    await openForm();
    expect(screen.getByText('滨海新区塘沽街道社会工作服务站')).toBeTruthy();
    fireEvent.click(screen.getByText('提交求助'));
    await eventually(() => screen.getByText(/请选择服务项目，或选择“其他需求”/));
    expect(screen.getByText(/请填写需求描述/)).toBeTruthy();
    expect(screen.getByText(/请填写联系电话/)).toBeTruthy();

    await type(PHONE, '12345');
    await eventually(() => screen.getByText(/联系电话格式不对/));
    fireEvent.click(screen.getByText('其他需求'));
    await eventually(() => screen.getByText(/请选择服务领域|请选择服务项目，或在“其他需求”中选择服务领域/));
    expect(api.createRequest).not.toHaveBeenCalled();
  });

  it('asks for relationship, name and consent for a family member, and sends them', async () => {
    await openForm();
    fireEvent.click(screen.getByText('困境儿童关爱帮扶'));
    await type(DESCRIPTION, '孩子需要学业辅导');
    await type(PHONE, '13812345678');
    fireEvent.click(screen.getByText('为家人'));
    await eventually(() => screen.getByText(FAMILY_CONSENT_TEXT));
    fireEvent.click(screen.getByText('提交求助'));
    await eventually(() => screen.getByText(/请选择被服务人是您的什么人/));
    expect(screen.getByText(/请填写被服务人的姓名/)).toBeTruthy();
    expect(screen.getByText(/请确认被服务人已同意/)).toBeTruthy();
    expect(api.createRequest).not.toHaveBeenCalled();

    fireEvent.click(screen.getByText('子女'));
    await type('请输入被服务人姓名', '李小明');
    fireEvent.click(screen.getByText(FAMILY_CONSENT_TEXT));
    fireEvent.click(screen.getByText('提交求助'));
    await eventually(() => expect(api.createRequest).toHaveBeenCalledTimes(1));
    expect(sent()).toMatchObject({
      stationId: 'st-tanggu',
      itemId: 'si-tanggu-child-care',
      forWhom: 'family',
      beneficiary: { relationship: '子女', name: '李小明', consent: true },
    });
    expect(sent().slotId).toBeUndefined();
  });

  it('offers the slots of a bookable item and sends the one picked', async () => {
    await openForm();
    fireEvent.click(screen.getByText('高龄独居老人上门探访'));
    await type(DESCRIPTION, '老人腿脚不便');
    await type(PHONE, '13812345678');
    fireEvent.click(screen.getByText('提交求助'));
    await eventually(() => screen.getByText(/请选择预约时段/));
    expect(api.listSlots).toHaveBeenCalledWith({
      stationId: 'st-tanggu',
      itemId: 'si-tanggu-elder-visit',
      limit: 12,
    });
    expect(screen.getByText('余 1 个名额')).toBeTruthy();

    fireEvent.click(screen.getByText('10:00–11:00'));
    fireEvent.click(screen.getByText('提交求助'));
    await eventually(() => expect(api.createRequest).toHaveBeenCalledTimes(1));
    expect(sent()).toMatchObject({
      itemId: 'si-tanggu-elder-visit',
      slotId: slot('10:00').id,
      forWhom: 'self',
    });
    await eventually(() =>
      expect(Taro.redirectTo).toHaveBeenCalledWith({
        url: '/subpackages/resident/request-detail/index?id=rq-1&submitted=1',
      }),
    );
  });

  it('on 名额已满 shows the message and the next free slots, and books one of them', async () => {
    api.createRequest.mockResolvedValueOnce({
      ok: false,
      error: {
        code: 'resource-exhausted',
        message: '名额已满，请从推荐的其他时段中选择',
        details: { field: 'slotId', nextSlots: [slot('14:00', 1), slot('15:00', 2)] },
      },
    });
    await openForm();
    await fillBookable();
    fireEvent.click(screen.getByText('提交求助'));
    await eventually(() => screen.getByText(/您选的时段名额已满/));
    expect(screen.getAllByText(/名额已满，请从推荐的其他时段中选择/).length).toBeGreaterThan(0);
    expect(screen.queryByText('09:00–10:00')).toBeNull();
    await eventually(() =>
      expect(Taro.pageScrollTo).toHaveBeenCalledWith({ selector: '.rq__full', duration: 300 }),
    );
    fireEvent.click(screen.getByText('14:00–15:00'));
    fireEvent.click(screen.getByText('提交求助'));
    await eventually(() => expect(api.createRequest).toHaveBeenCalledTimes(2));
    expect(sent(1).slotId).toBe(slot('14:00').id);
    expect(sent(1).requestId).toBe(sent(0).requestId);
  });

  it('retries after a network failure with the same request id, and ignores a double tap', async () => {
    let answer: (v: Awaited<ReturnType<typeof requests.createRequest>>) => void = () => {};
    api.createRequest.mockImplementationOnce(() => new Promise((resolve) => (answer = resolve)));
    await openForm();
    await fillBookable();
    fireEvent.click(screen.getByText('提交求助'));
    await eventually(() => screen.getByText('正在提交…'));
    fireEvent.click(screen.getByText('正在提交…'));
    expect(api.createRequest).toHaveBeenCalledTimes(1);
    answer({
      ok: false,
      error: { code: 'internal', message: NETWORK_MESSAGE, details: { transport: true } },
    });
    await eventually(() => screen.getByText(/不会重复提交/));

    fireEvent.click(screen.getByText('提交求助'));
    await eventually(() => expect(api.createRequest).toHaveBeenCalledTimes(2));
    expect(sent(1).requestId).toBe(sent(0).requestId);
    expect(sent(0).requestId).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    await eventually(() => expect(Taro.redirectTo).toHaveBeenCalled());
  });

  it('keeps the draft (and its id) when the page is closed, and clears it after submitting', async () => {
    await openForm();
    await fillBookable();
    cleanup();

    render(<RequestPage />);
    await eventually(() => screen.getByDisplayValue('老人腿脚不便，想请社工上门'));
    expect(screen.getByDisplayValue('13812345678')).toBeTruthy();
    // Item, slot and 为自己 are chosen again. (The remounted form takes jsdom most of a
    // second to draw on a busy machine: a longer wait than the default 2 s.)
    await eventually(() => expect(screen.getAllByText('◉')).toHaveLength(3), 6000);
    fireEvent.click(screen.getByText('提交求助'));
    await eventually(() => expect(api.createRequest).toHaveBeenCalledTimes(1));
    const firstId = sent(0).requestId;
    expect(sent(0).slotId).toBe(slot('09:00').id);
    await eventually(() => expect(Taro.redirectTo).toHaveBeenCalled());
    cleanup();

    render(<RequestPage />);
    await eventually(() => screen.getByText('高龄独居老人上门探访'));
    expect(screen.queryByDisplayValue('老人腿脚不便，想请社工上门')).toBeNull();
    fireEvent.click(screen.getByText('其他需求'));
    fireEvent.click(screen.getByText('养老服务'));
    await type(DESCRIPTION, '新的需要');
    await type(PHONE, '13812345678');
    fireEvent.click(screen.getByText('提交求助'));
    await eventually(() => expect(api.createRequest).toHaveBeenCalledTimes(2));
    expect(sent(1).requestId).not.toBe(firstId);
    expect(sent(1)).toMatchObject({ area: '养老服务' });
    expect(sent(1).itemId).toBeUndefined();
  });

  it('goes to the remembered station without a parameter, and lets the resident change it', async () => {
    setRouterParams({});
    st.listAllStations.mockResolvedValue({
      ok: true,
      data: {
        groups: [
          {
            kind: 'street',
            label: '街道',
            items: [
              {
                id: 'st-tanggu',
                officialName: '滨海新区塘沽街道社会工作服务站',
                unitName: '塘沽街道',
                unitKind: 'street',
                specialty: null,
              },
            ],
          },
        ],
        total: 1,
      },
    } as never);
    render(<RequestPage />);
    await eventually(() => screen.getByText('选择社工站'));
    fireEvent.click(await eventually(() => screen.getByText('滨海新区塘沽街道社会工作服务站')));
    await eventually(() => screen.getByText('高龄独居老人上门探访'));
    expect(api.listServiceItems).toHaveBeenCalledWith({ stationId: 'st-tanggu' });
    cleanup();

    render(<RequestPage />);
    await eventually(() => screen.getByText('高龄独居老人上门探访'));
    fireEvent.click(screen.getByText('更换'));
    await eventually(() => screen.getByText('选择社工站'));
    expect(item().id).toBe('si-tanggu-elder-visit');
  });

  it('when the function asks for the privacy notice: shows it inline, 同意并继续 accepts and resubmits the same request, nothing typed lost', async () => {
    api.createRequest.mockResolvedValueOnce({
      ok: false,
      error: {
        code: 'failed-precondition',
        message: '提交前请先阅读并同意《隐私政策》',
        details: { reason: 'privacy-notice', version: '2026-11-27' },
      },
    });
    acc.acceptPrivacyNotice.mockResolvedValue({ ok: true, data: {} as never });
    await openForm();
    await fillBookable();
    fireEvent.click(screen.getByText('提交求助'));
    await eventually(() => screen.getByText('隐私政策（版本 2026-11-27）'));
    expect(screen.getByText(PRIVACY_NOTICE_TEXT[1]!)).toBeTruthy();
    expect(api.createRequest).toHaveBeenCalledTimes(1);
    expect(Taro.redirectTo).not.toHaveBeenCalled();
    // What was typed is still there.
    expect(screen.getByDisplayValue('老人腿脚不便，想请社工上门')).toBeTruthy();
    expect(screen.getByDisplayValue('13812345678')).toBeTruthy();

    fireEvent.click(screen.getByText('同意并继续'));
    await eventually(() => expect(api.createRequest).toHaveBeenCalledTimes(2));
    expect(acc.acceptPrivacyNotice).toHaveBeenCalledWith({ version: '2026-11-27' });
    expect(acc.acceptPrivacyNotice.mock.invocationCallOrder[0]!).toBeLessThan(
      api.createRequest.mock.invocationCallOrder[1]!,
    );
    expect(sent(1)).toEqual(sent(0));
    expect(sent(1)).toMatchObject({ description: '老人腿脚不便，想请社工上门', contactPhone: '13812345678' });
    await eventually(() =>
      expect(Taro.redirectTo).toHaveBeenCalledWith({
        url: '/subpackages/resident/request-detail/index?id=rq-1&submitted=1',
      }),
    );
  });

  it('while the notice is pending, the submit button looks disabled (grey, not the primary fill) and says why', async () => {
    api.createRequest.mockResolvedValueOnce({
      ok: false,
      error: {
        code: 'failed-precondition',
        message: '提交前请先阅读并同意《隐私政策》',
        details: { reason: 'privacy-notice', version: '2026-11-27' },
      },
    });
    await openForm();
    await fillBookable();
    fireEvent.click(screen.getByText('提交求助'));
    await eventually(() => screen.getByText('同意并继续'));
    const button = screen.getByText('提交求助').closest('taro-button-core')!;
    expect(button.getAttribute('aria-disabled')).toBe('true');
    expect(button.className).toContain('sgz-button--disabled');
    // The primary fill would make the disabled button look like an active (or error) one.
    expect(button.className).not.toContain('sgz-button--primary');
    const why = screen.getByText('请先阅读上面的《隐私政策》，点“同意并继续”后会自动提交');
    expect(why.closest('.rq__submit')).toBe(button.closest('.rq__submit'));
    // Not an error: nothing marked ⚠ or announced as an alert.
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('if accepting the notice fails, keeps the notice and the draft and sends nothing more', async () => {
    api.createRequest.mockResolvedValueOnce({
      ok: false,
      error: {
        code: 'failed-precondition',
        message: '提交前请先阅读并同意《隐私政策》',
        details: { reason: 'privacy-notice', version: '2026-11-27' },
      },
    });
    acc.acceptPrivacyNotice.mockResolvedValue({
      ok: false,
      error: { code: 'internal', message: NETWORK_MESSAGE, details: { transport: true } },
    });
    await openForm();
    await fillBookable();
    fireEvent.click(screen.getByText('提交求助'));
    await eventually(() => screen.getByText('同意并继续'));
    fireEvent.click(screen.getByText('同意并继续'));
    await eventually(() => screen.getByText(/请检查网络后再点“同意并继续”/));
    expect(api.createRequest).toHaveBeenCalledTimes(1);
    expect(screen.getByText('同意并继续')).toBeTruthy();
    expect(screen.getByDisplayValue('老人腿脚不便，想请社工上门')).toBeTruthy();
  });

  it('the station picker searches by name and offers 离我最近 (the finder of the home page)', async () => {
    setRouterParams({});
    st.listAllStations.mockImplementation(async (query?: string) => ({
      ok: true,
      data: seedGroups(query ?? ''),
    }));
    const near = nearStations(2);
    st.nearestStations.mockResolvedValue({ ok: true, data: { items: near } });
    render(<RequestPage />);
    await eventually(() => screen.getByText('选择社工站'));
    // Longer waits than the default 2 s: the search is debounced, and jsdom draws the 21
    // stations slowly on a busy machine.
    await eventually(() => screen.getByText('滨海新区新城镇社会工作服务站'), 6000);

    await type('输入街镇或社工站名称，如 塘沽', '塘沽');
    await eventually(() => expect(st.listAllStations).toHaveBeenLastCalledWith('塘沽'), 6000);
    await eventually(() => expect(screen.queryByText('滨海新区新城镇社会工作服务站')).toBeNull(), 6000);

    fireEvent.click(screen.getByText('离我最近'));
    await eventually(() => screen.getByText('离您最近的社工站（按距离排序）'));
    expect(screen.getByText('约 850 米')).toBeTruthy();
    fireEvent.click(screen.getByText(near[1]!.officialName));
    await eventually(() => expect(api.listServiceItems).toHaveBeenCalledWith({ stationId: near[1]!.id }));
    await eventually(() => screen.getByText('高龄独居老人上门探访'));
  });

  it('asks 为谁求助 first, with 为自己 chosen', async () => {
    await openForm();
    const titles = Array.from(document.querySelectorAll('.rq__section .sgz-section-title')).map(
      (el) => el.textContent,
    );
    expect(titles[0]).toBe('1. 为谁求助');
    expect(titles[1]).toBe('2. 需要什么服务');
    expect(screen.getByText('为自己').closest('[role="radio"]')!.getAttribute('aria-checked')).toBe('true');
  });

  it('says whom the request is for as 被服务人是我的…, with unambiguous words, and sends the stored value', async () => {
    await openForm();
    fireEvent.click(screen.getByText('为家人'));
    await eventually(() => screen.getByText('被服务人是我的：'));
    expect(screen.queryByText(/您与被服务人的关系/)).toBeNull();
    // 父母 alone could be read either way: the choice says who the person served is.
    expect(screen.queryByText('父母')).toBeNull();
    fireEvent.click(screen.getByText('父亲或母亲'));
    fireEvent.click(screen.getByText('困境儿童关爱帮扶'));
    await type(DESCRIPTION, '老人需要帮助');
    await type(PHONE, '13812345678');
    await type('请输入被服务人姓名', '李大爷');
    fireEvent.click(screen.getByText(FAMILY_CONSENT_TEXT));
    fireEvent.click(screen.getByText('提交求助'));
    await eventually(() => expect(api.createRequest).toHaveBeenCalledTimes(1));
    expect(sent().beneficiary).toEqual({ relationship: '父母', name: '李大爷', consent: true });
  });

  it('in 关怀模式 lists the slots in one column', async () => {
    setCareMode(true);
    await openForm();
    fireEvent.click(screen.getByText('高龄独居老人上门探访'));
    await eventually(() => screen.getByText('09:00–10:00'));
    const list = screen.getByText('09:00–10:00').closest('.rq__slots')!;
    expect(list.className).toContain('rq__slots--one-column');
    cleanup();
    setCareMode(false);
    await openForm();
    fireEvent.click(screen.getByText('高龄独居老人上门探访'));
    await eventually(() => screen.getByText('09:00–10:00'));
    expect(screen.getByText('09:00–10:00').closest('.rq__slots')!.className).not.toContain(
      'rq__slots--one-column',
    );
  });

  it('a repeat request for oneself: station, item, 为自己 and the phone of the last one are kept (3 taps from home)', async () => {
    // The first request: home → 我要求助 (1), station (2), item (3), slot (4), 提交 (5), plus typing.
    setRouterParams({});
    st.listAllStations.mockResolvedValue({ ok: true, data: seedGroups() });
    render(<RequestPage />);
    fireEvent.click(await eventually(() => screen.getByText('滨海新区塘沽街道社会工作服务站')));
    await eventually(() => screen.getByText('高龄独居老人上门探访'));
    let taps = 1; // 我要求助 on the home page
    taps += 1; // the station
    fireEvent.click(screen.getByText('高龄独居老人上门探访'));
    taps += 1;
    fireEvent.click(await eventually(() => screen.getByText('09:00–10:00')));
    taps += 1;
    await type(DESCRIPTION, '老人腿脚不便，想请社工上门');
    await type(PHONE, '13812345678');
    fireEvent.click(screen.getByText('提交求助'));
    taps += 1;
    await eventually(() => expect(api.createRequest).toHaveBeenCalledTimes(1));
    await eventually(() => expect(Taro.redirectTo).toHaveBeenCalled());
    expect(taps).toBeLessThanOrEqual(5);
    cleanup();

    // The repeat: home → 我要求助 (1), the slot (2), 提交 (3); only the need is typed.
    render(<RequestPage />);
    taps = 1;
    await eventually(() => screen.getByDisplayValue('13812345678'));
    expect(screen.queryByDisplayValue('老人腿脚不便，想请社工上门')).toBeNull();
    // The form says what it keeps on the phone.
    expect(screen.getByText(/提交后本机只留下社工站、服务项目、为谁求助和联系电话/)).toBeTruthy();
    expect(screen.getByText('为自己').closest('[role="radio"]')!.getAttribute('aria-checked')).toBe('true');
    expect(
      screen.getByText('高龄独居老人上门探访').closest('[role="radio"]')!.getAttribute('aria-checked'),
    ).toBe('true');
    fireEvent.click(await eventually(() => screen.getByText('10:00–11:00')));
    taps += 1;
    await type(DESCRIPTION, '还想请社工再来一次');
    fireEvent.click(screen.getByText('提交求助'));
    taps += 1;
    await eventually(() => expect(api.createRequest).toHaveBeenCalledTimes(2));
    expect(taps).toBe(3);
    expect(sent(1)).toMatchObject({
      stationId: 'st-tanggu',
      itemId: 'si-tanggu-elder-visit',
      slotId: slot('10:00').id,
      forWhom: 'self',
      contactPhone: '13812345678',
      description: '还想请社工再来一次',
    });
    expect(sent(1).requestId).not.toBe(sent(0).requestId);
  });

  it('a remembered item the station no longer offers is not sent: the resident chooses again', async () => {
    await openForm();
    fireEvent.click(screen.getByText('困境儿童关爱帮扶'));
    await type(DESCRIPTION, '孩子需要学业辅导');
    await type(PHONE, '13812345678');
    fireEvent.click(screen.getByText('提交求助'));
    await eventually(() => expect(api.createRequest).toHaveBeenCalledTimes(1));
    await eventually(() => expect(Taro.redirectTo).toHaveBeenCalled());
    cleanup();

    // The item was withdrawn since.
    api.listServiceItems.mockResolvedValue({ ok: true, data: { ...itemsOutput(), items: [item()] } });
    render(<RequestPage />);
    await eventually(() => screen.getByDisplayValue('13812345678'));
    await eventually(() => screen.getByText('高龄独居老人上门探访'));
    await type(DESCRIPTION, '还需要辅导');
    fireEvent.click(screen.getByText('提交求助'));
    await eventually(() => screen.getByText(/请选择服务项目，或选择“其他需求”/));
    expect(api.createRequest).toHaveBeenCalledTimes(1);
  });
});
