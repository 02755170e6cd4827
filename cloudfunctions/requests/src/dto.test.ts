import { toRequestDto, toStationDetailDto } from './dto';

const doc = {
  _id: 'req-1',
  stationId: 'st-tanggu',
  itemId: null,
  itemTitle: null,
  area: '社会救助',
  description: '请打 13812345678 或 022-25861234，身份证 120107199001011234',
  contactPhone: '13812345678',
  forWhom: 'family',
  beneficiary: {
    relationship: '父母',
    name: '王秀英',
    consentGiven: true,
    consentAt: new Date('2026-03-01T00:00:00Z'),
    consentVersion: '2026-11-27',
  },
  slotId: null,
  slotStartsAt: null,
  scheduledAt: null,
  status: 'submitted',
  history: [
    { status: 'submitted', at: new Date('2026-03-01T00:00:00Z'), actor: 'resident', byUserId: 'u-abc' },
  ],
  ownerId: 'u-abc',
  ownerOpenid: 'openid-secret',
  rating: null,
  createdAt: new Date('2026-03-01T00:00:00Z'),
  updatedAt: new Date('2026-03-01T00:00:00Z'),
};
const now = new Date('2026-03-02T00:00:00Z');

describe('request DTOs', () => {
  it('never carries the OPENID; only the station detail has the full contact phone', () => {
    for (const view of ['owner', 'station-list', 'oversight', 'station-detail'] as const) {
      const dto = toRequestDto(doc, view, now);
      expect(JSON.stringify(dto)).not.toContain('openid-secret');
      expect(dto.contactPhone).toBe(view === 'station-detail' ? '13812345678' : '138****5678');
    }
  });

  it("masks numbers in every free-text field of every view but the author's own detail (issue 8)", () => {
    const typed = '请打 138 1234 5678、０２２－２５３２１２３４，身份证 ID120107199001011234';
    const masked = '请打 138****5678、022****1234，身份证 ID120107********1234';
    const rich = {
      ...doc,
      description: typed,
      status: 'completed',
      history: [
        { status: 'submitted', at: new Date('2026-03-01T00:00:00Z'), actor: 'resident' },
        { status: 'rejected', at: new Date('2026-03-01T01:00:00Z'), actor: 'staff', reason: typed },
      ],
      rating: { stars: 5, comment: typed, at: new Date('2026-03-02T00:00:00Z') },
    };
    const texts = (view: Parameters<typeof toRequestDto>[1]) => {
      const dto = toRequestDto(rich, view, now);
      return [dto.description, dto.history[1].reason, dto.rating?.comment];
    };
    for (const view of ['owner', 'station-list', 'station-detail', 'oversight'] as const)
      expect(texts(view)).toEqual([masked, masked, masked]);
    expect(texts('owner-detail')).toEqual([typed, typed, typed]);
  });

  it("the resident's own detail has their contact phone and text in full; their list does not", () => {
    const detail = toRequestDto(doc, 'owner-detail', now);
    expect(detail.contactPhone).toBe('13812345678');
    expect(detail.description).toBe(doc.description);
    expect(JSON.stringify(detail)).not.toContain('openid-secret');
    expect(detail.history[0].byUserId).toBeUndefined();
    expect(detail.canCancel).toBe(true);
    const list = toRequestDto(doc, 'owner', now);
    expect(list.contactPhone).toBe('138****5678');
    expect(list.description).toBe('请打 138****5678 或 022****1234，身份证 120107********1234');
  });

  it('carries the version of the family consent text (null for a request stored before it was kept)', () => {
    expect(toRequestDto(doc, 'owner', now).beneficiary?.consentVersion).toBe('2026-11-27');
    const old = { ...doc, beneficiary: { ...doc.beneficiary, consentVersion: undefined } };
    expect(toRequestDto(old, 'owner', now).beneficiary?.consentVersion).toBeNull();
  });

  it('names are masked for oversight only; who-did-it only for staff', () => {
    expect(toRequestDto(doc, 'oversight', now).beneficiary?.name).toBe('王**');
    expect(toRequestDto(doc, 'station-list', now).beneficiary?.name).toBe('王秀英');
    expect(toRequestDto(doc, 'owner', now).history[0].byUserId).toBeUndefined();
    expect(toRequestDto(doc, 'station-detail', now).history[0].byUserId).toBe('u-abc');
  });

  it('a document with wrong field types does not throw and gives safe defaults', () => {
    const bad = { _id: 'x', status: { $gt: '' }, history: 'nope', rating: 5, contactPhone: 42 };
    const dto = toRequestDto(bad, 'owner', now);
    expect(dto).toMatchObject({ status: 'submitted', history: [], rating: null, contactPhone: '' });
  });
});

describe("the station's detail (toStationDetailDto)", () => {
  it('adds the requester name and a withdrawn family consent; stored junk becomes null / false', () => {
    const withdrawn = toStationDetailDto(doc, now, {
      requesterName: ' 张桂兰 ',
      familyConsentWithdrawnAt: new Date('2026-03-01T08:00:00Z'),
    });
    expect(withdrawn).toMatchObject({ requesterName: '张桂兰', familyConsentWithdrawn: true });
    expect(
      toStationDetailDto(doc, now, { requesterName: 42, familyConsentWithdrawnAt: 'nonsense' }),
    ).toMatchObject({ requesterName: null, familyConsentWithdrawn: false });
    // A request for oneself has no family consent to withdraw.
    const self = { ...doc, forWhom: 'self', beneficiary: null };
    expect(
      toStationDetailDto(self, now, { requesterName: '', familyConsentWithdrawnAt: new Date() })
        .familyConsentWithdrawn,
    ).toBe(false);
  });
});
