import { maskPiiInText, toRequestDto } from './dto';

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
  it('masks phone and ID numbers inside free text', () => {
    expect(maskPiiInText('请打13812345678')).toBe('请打138****5678');
    expect(maskPiiInText('身份证120107199001011234')).toBe('身份证120107********1234');
    expect(maskPiiInText('门牌 12 号')).toBe('门牌 12 号');
  });

  it('never carries the OPENID; only the station detail has the full phone and text', () => {
    for (const view of ['owner', 'station-list', 'oversight', 'station-detail'] as const) {
      const json = JSON.stringify(toRequestDto(doc, view, now));
      expect(json).not.toContain('openid-secret');
      if (view === 'station-detail') expect(json).toContain('13812345678');
      else expect(json).not.toMatch(/13812345678|120107199001011234/);
    }
  });

  it("the resident's own detail has their contact phone in full (text still masked); their list does not", () => {
    const detail = toRequestDto(doc, 'owner-detail', now);
    expect(detail.contactPhone).toBe('13812345678');
    expect(detail.description).not.toMatch(/13812345678|120107199001011234/);
    expect(JSON.stringify(detail)).not.toContain('openid-secret');
    expect(detail.history[0].byUserId).toBeUndefined();
    expect(detail.canCancel).toBe(true);
    expect(toRequestDto(doc, 'owner', now).contactPhone).toBe('138****5678');
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
