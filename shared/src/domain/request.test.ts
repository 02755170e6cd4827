import {
  canCancel,
  decideRating,
  decideTransition,
  freesPlace,
  REQUEST_STATUSES,
  staffActionsFrom,
  TRANSITIONS,
  type RequestStatus,
  type TransitionAction,
} from './request';

const now = new Date('2026-03-03T02:00:00Z'); // 10:00 Beijing
const later = new Date('2026-03-03T06:00:00Z');
const earlier = new Date('2026-03-03T01:00:00Z');
const req = (status: RequestStatus, slotStartsAt: Date | null = null) => ({ status, slotStartsAt });

describe('request lifecycle', () => {
  it('staff may start and complete before the booked slot (by arrangement; docs/decisions.md)', () => {
    const now = new Date('2026-03-02T01:00:00Z');
    const slotStartsAt = new Date('2026-03-05T01:00:00Z');
    expect(decideTransition({ status: 'scheduled', slotStartsAt }, 'start', now)).toEqual({
      ok: true,
      from: 'scheduled',
      to: 'in_service',
    });
    expect(decideTransition({ status: 'in_service', slotStartsAt }, 'complete', now)).toEqual({
      ok: true,
      from: 'in_service',
      to: 'completed',
    });
  });

  it('walks the happy path submitted → accepted → scheduled → in_service → completed', () => {
    let status: RequestStatus = 'submitted';
    for (const action of ['accept', 'schedule', 'start', 'complete'] as const) {
      const d = decideTransition(req(status), action, now);
      if (!d.ok) throw new Error(`${action} refused from ${status}`);
      status = d.to;
    }
    expect(status).toBe('completed');
  });

  // Every (status, action) pair: allowed exactly when the table says so.
  const expected: Record<TransitionAction, RequestStatus[]> = {
    accept: ['submitted'],
    schedule: ['accepted'],
    start: ['scheduled'],
    complete: ['in_service'],
    reject: ['submitted', 'accepted', 'scheduled'],
    cancel: ['submitted', 'accepted', 'scheduled'],
  };
  for (const action of Object.keys(expected) as TransitionAction[]) {
    for (const status of REQUEST_STATUSES) {
      const allowed = expected[action].includes(status);
      it(`${action} from ${status} is ${allowed ? 'allowed' : 'refused'}`, () => {
        const d = decideTransition(req(status), action, now, 'reason');
        if (allowed) expect(d).toEqual({ ok: true, from: status, to: TRANSITIONS[action].to });
        else expect(d).toEqual({ ok: false, problem: 'invalid-transition' });
      });
    }
  }

  it('final statuses allow nothing', () => {
    for (const s of ['completed', 'rejected', 'cancelled'] as const) expect(staffActionsFrom(s)).toEqual([]);
    expect(staffActionsFrom('submitted')).toEqual(['accept', 'reject']);
  });

  it('a rejection needs a reason', () => {
    expect(decideTransition(req('submitted'), 'reject', now)).toEqual({
      ok: false,
      problem: 'reason-required',
    });
    expect(decideTransition(req('submitted'), 'reject', now, '   ')).toEqual({
      ok: false,
      problem: 'reason-required',
    });
    expect(decideTransition(req('submitted'), 'reject', now, '超出服务范围')).toMatchObject({
      ok: true,
      to: 'rejected',
    });
  });

  it('the resident may cancel until the slot starts, not at or after', () => {
    expect(canCancel(req('scheduled', later), now)).toBe(true);
    expect(decideTransition(req('scheduled', now), 'cancel', now)).toEqual({
      ok: false,
      problem: 'slot-started',
    });
    expect(decideTransition(req('accepted', earlier), 'cancel', now)).toEqual({
      ok: false,
      problem: 'slot-started',
    });
    expect(canCancel(req('submitted', null), now)).toBe(true);
    expect(canCancel(req('in_service', null), now)).toBe(false);
  });

  it('cancel and reject free the place; nothing else does', () => {
    expect(freesPlace('scheduled', 'cancelled')).toBe(true);
    expect(freesPlace('submitted', 'rejected')).toBe(true);
    expect(freesPlace('in_service', 'completed')).toBe(false);
    expect(freesPlace('submitted', 'accepted')).toBe(false);
    expect(freesPlace('cancelled', 'cancelled')).toBe(false);
  });

  it('rating: once, after completion', () => {
    expect(decideRating({ status: 'in_service', rating: null })).toBe('not-completed');
    expect(decideRating({ status: 'completed', rating: null })).toBeNull();
    expect(decideRating({ status: 'completed', rating: { stars: 5, comment: null, at: now } })).toBe(
      'already-rated',
    );
  });
});
