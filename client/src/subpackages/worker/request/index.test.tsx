import { fireEvent, render, screen, within } from '@testing-library/react';
import { eventually } from '../../../../test/eventually';
import { request } from '../../../../test/request-fixtures';
import { setRouterParams } from '../../../../test/taro-stub';
import * as requests from '../../../services/requests';
import StationRequestPage from './index';

jest.mock('../../../services/requests');
const api = jest.mocked(requests);

/** A fixed clock (never the wall clock): `iso` is UTC, Beijing is 8 hours ahead. */
const at = (iso: string) => () => new Date(iso);

beforeEach(() => {
  for (const fn of Object.values(api)) if (jest.isMockFunction(fn)) fn.mockReset();
  setRouterParams({ id: 'rq-1' });
});

/** The 下一步 card, where the buttons are. */
const nextStepCard = () => screen.getByText('下一步').closest('.wk__section') as HTMLElement;

describe('社工: 完成服务', () => {
  // Booked for 2026-12-01 09:00 Beijing (01:00 UTC).
  const inService = request({ status: 'in_service', statusLabel: '服务中', staffActions: ['complete'] });
  const completed = request({ status: 'completed', statusLabel: '已完成', staffActions: [] });

  it('asks first, and warns when it is before the booked time', async () => {
    api.getRequest.mockResolvedValue({ ok: true, data: { request: inService } });
    api.transitionRequest.mockResolvedValue({ ok: true, data: { request: completed } });
    render(<StationRequestPage now={at('2026-12-01T00:30:00.000Z')} />);
    fireEvent.click(await eventually(() => screen.getByText('完成服务')));
    const dialog = await eventually(() => screen.getByRole('dialog', { name: '确认已完成这次服务吗？' }));
    expect(api.transitionRequest).not.toHaveBeenCalled();
    expect(within(dialog).getByRole('alert').textContent).toContain(
      '还没到预约时间（12月1日（周二） 09:00）',
    );

    fireEvent.click(within(dialog).getByText('先不完成'));
    await eventually(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(api.transitionRequest).not.toHaveBeenCalled();

    fireEvent.click(screen.getByText('完成服务'));
    fireEvent.click(within(await eventually(() => screen.getByRole('dialog'))).getByText('完成服务'));
    await eventually(() =>
      expect(api.transitionRequest).toHaveBeenCalledWith({ requestId: 'rq-1', step: 'complete' }),
    );
    await eventually(() => screen.getByText('✓ 操作成功：完成服务'));
  });

  it('does not warn after the booked time', async () => {
    api.getRequest.mockResolvedValue({ ok: true, data: { request: inService } });
    render(<StationRequestPage now={at('2026-12-01T02:00:00.000Z')} />);
    fireEvent.click(await eventually(() => screen.getByText('完成服务')));
    const dialog = await eventually(() => screen.getByRole('dialog'));
    expect(within(dialog).queryByRole('alert')).toBeNull();
  });
});

describe('社工: 安排服务', () => {
  const accepted = request({
    status: 'accepted',
    statusLabel: '已受理',
    slot: null,
    staffActions: ['schedule', 'reject'],
  });

  it('proposes the next whole hour today, and schedules it in one tap', async () => {
    api.getRequest.mockResolvedValue({ ok: true, data: { request: accepted } });
    api.transitionRequest.mockResolvedValue({
      ok: true,
      data: { request: { ...accepted, status: 'scheduled', statusLabel: '已安排', staffActions: [] } },
    });
    // 11:20 in Beijing: 09:00 has passed.
    render(<StationRequestPage now={at('2026-12-01T03:20:00.000Z')} />);
    await eventually(() => screen.getByText('安排服务'));
    expect(screen.getByText('2026-12-01')).toBeTruthy();
    expect(screen.getByText('12:00')).toBeTruthy();
    fireEvent.click(screen.getByText('安排服务'));
    await eventually(() =>
      expect(api.transitionRequest).toHaveBeenCalledWith({
        requestId: 'rq-1',
        step: 'schedule',
        scheduledAt: '2026-12-01T12:00:00+08:00',
      }),
    );
  });

  it('after the working day proposes 09:00 the next day', async () => {
    api.getRequest.mockResolvedValue({ ok: true, data: { request: accepted } });
    // 18:30 in Beijing.
    render(<StationRequestPage now={at('2026-12-01T10:30:00.000Z')} />);
    await eventually(() => screen.getByText('安排服务'));
    expect(screen.getByText('2026-12-02')).toBeTruthy();
    expect(screen.getByText('09:00')).toBeTruthy();
  });

  it("shows the server's refusal beside the buttons, not at the top of the page", async () => {
    api.getRequest.mockResolvedValue({ ok: true, data: { request: accepted } });
    api.transitionRequest.mockResolvedValue({
      ok: false,
      error: {
        code: 'invalid-argument',
        message: '安排的服务时间需要晚于现在，请重新选择',
        details: { field: 'scheduledAt' },
      },
    });
    render(<StationRequestPage now={at('2026-12-01T03:20:00.000Z')} />);
    fireEvent.click(await eventually(() => screen.getByText('安排服务')));
    const message = await eventually(() => screen.getByText(/安排的服务时间需要晚于现在，请重新选择/));
    expect(nextStepCard().contains(message)).toBe(true);
    expect(screen.getAllByText(/安排的服务时间需要晚于现在/)).toHaveLength(1);
  });
});

describe('社工: 谁提出的求助（提出人）', () => {
  const textOf = () => document.body.textContent ?? '';

  it('a request for the resident themself shows their name', async () => {
    api.getRequest.mockResolvedValue({
      ok: true,
      data: {
        request: request({ requesterName: '张桂兰', familyConsentWithdrawn: false, staffActions: [] }),
      },
    });
    render(<StationRequestPage now={at('2026-11-30T00:00:00.000Z')} />);
    await eventually(() => expect(textOf()).toContain('服务对象：居民本人（张桂兰）'));
    expect(textOf()).toContain('提出人：张桂兰');
    expect(textOf()).not.toContain('家属已撤回');
  });

  it('a request for a family member shows the family member and the requester', async () => {
    api.getRequest.mockResolvedValue({
      ok: true,
      data: {
        request: request({
          forWhom: 'family',
          beneficiary: {
            relationship: '父母',
            name: '王秀英',
            consentAt: '2026-11-27T01:30:00.000Z',
            consentVersion: '2026-11-27',
          },
          requesterName: '张桂兰',
          familyConsentWithdrawn: false,
          staffActions: [],
        }),
      },
    });
    render(<StationRequestPage now={at('2026-11-30T00:00:00.000Z')} />);
    await eventually(() => expect(textOf()).toContain('家人代办（居民的父亲或母亲：王秀英，已确认同意）'));
    expect(textOf()).toContain('提出人：张桂兰');
  });

  it('says when the resident gave no name', async () => {
    api.getRequest.mockResolvedValue({
      ok: true,
      data: { request: request({ requesterName: null, familyConsentWithdrawn: false, staffActions: [] }) },
    });
    render(<StationRequestPage now={at('2026-11-30T00:00:00.000Z')} />);
    await eventually(() => expect(textOf()).toContain('提出人：未填写姓名'));
  });

  it('a withdrawn family consent is announced above the details and the buttons', async () => {
    api.getRequest.mockResolvedValue({
      ok: true,
      data: {
        request: request({
          forWhom: 'family',
          beneficiary: {
            relationship: '父母',
            name: '王秀英',
            consentAt: '2026-11-27T01:30:00.000Z',
            consentVersion: '2026-11-27',
          },
          requesterName: '张桂兰',
          familyConsentWithdrawn: true,
          staffActions: ['accept', 'reject'],
        }),
      },
    });
    render(<StationRequestPage now={at('2026-11-30T00:00:00.000Z')} />);
    // By its text (getByRole is slow here with the pickers of earlier tests in the body), then its role.
    const notice = (
      await eventually(() => screen.getByText('家属已撤回代为求助的授权：请先与居民本人核实后再处理'))
    ).closest('[role="alert"]') as HTMLElement;
    expect(notice).not.toBeNull();
    expect(textOf()).toContain('家人代办（居民的父亲或母亲：王秀英，授权已撤回）');
    expect(textOf()).not.toContain('已确认同意');
    // Before the 下一步 card in the page.
    expect(notice.compareDocumentPosition(nextStepCard()) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });
});
