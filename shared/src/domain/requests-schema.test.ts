import { parseInput } from '../schemas/common';
import {
  createRequestInput,
  rateRequestInput,
  transitionRequestInput,
  upsertServiceItemInput,
} from '../schemas/requests';

const valid = {
  requestId: 'req-0001-abcdef',
  stationId: 'st-tanggu',
  itemId: 'si-st-tanggu-elder-visit',
  description: '母亲腿脚不便，希望社工上门看看',
  contactPhone: '13812341234',
  slotId: 'si-st-tanggu-elder-visit~20260303~0900',
  forWhom: 'family',
  beneficiary: { relationship: '父母', name: '王秀英', consent: true },
};
const chinese = /[\u4e00-\u9fff]/;

describe('requests schemas', () => {
  it('accepts a valid request', () => {
    expect(parseInput(createRequestInput, valid)).toMatchObject({ ok: true });
    expect(
      parseInput(createRequestInput, {
        ...valid,
        itemId: null,
        slotId: null,
        area: '社会救助',
        forWhom: 'self',
        beneficiary: undefined,
      }),
    ).toMatchObject({ ok: true });
  });

  const bad: [string, Record<string, unknown>, string][] = [
    ['missing description', { description: undefined }, 'description'],
    ['description of the wrong type', { description: 42 }, 'description'],
    ['emoji-only description', { description: '😀😀🙏' }, 'description'],
    ['punctuation-only description', { description: '。。。！！' }, 'description'],
    ['over-long description', { description: '帮'.repeat(501) }, 'description'],
    ['bad phone', { contactPhone: '12345' }, 'contactPhone'],
    ['phone as number', { contactPhone: 13812341234 }, 'contactPhone'],
    ['operator-shaped station', { stationId: { $gt: '' } }, 'stationId'],
    ['unknown key (spoofed owner)', { ownerId: 'someone' }, 'ownerId'],
    ['short request id', { requestId: 'abc' }, 'requestId'],
    ['family without beneficiary', { beneficiary: undefined }, 'beneficiary'],
    [
      'family without consent',
      { beneficiary: { relationship: '父母', name: '王秀英', consent: false } },
      'beneficiary.consent',
    ],
    [
      'unknown relationship',
      { beneficiary: { relationship: '老板', name: '王秀英', consent: true } },
      'beneficiary.relationship',
    ],
    ['emoji name', { beneficiary: { relationship: '父母', name: '😀', consent: true } }, 'beneficiary.name'],
    ['no item and no area', { itemId: null }, 'area'],
    ['unknown area', { itemId: null, area: '理财' }, 'area'],
    ['bad forWhom', { forWhom: 'boss' }, 'forWhom'],
  ];
  for (const [name, patch, field] of bad) {
    it(`refuses ${name} with a Chinese message on ${field}`, () => {
      const r = parseInput(createRequestInput, { ...valid, ...patch });
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.field).toBe(field);
      expect(r.message).toMatch(chinese);
    });
  }

  it('a rejection needs a reason; an unknown action is refused', () => {
    expect(parseInput(transitionRequestInput, { requestId: 'req-0001', step: 'reject' })).toMatchObject({
      ok: false,
      field: 'reason',
    });
    expect(parseInput(transitionRequestInput, { requestId: 'req-0001', step: 'teleport' })).toMatchObject({
      ok: false,
      field: 'step',
    });
    expect(parseInput(transitionRequestInput, { requestId: 'req-0001', step: 'accept' })).toMatchObject({
      ok: true,
    });
  });

  it('ratings are whole stars 1–5', () => {
    for (const stars of [0, 6, 2.5, '5']) {
      expect(parseInput(rateRequestInput, { requestId: 'req-0001', stars })).toMatchObject({
        ok: false,
        field: 'stars',
      });
    }
    expect(parseInput(rateRequestInput, { requestId: 'req-0001', stars: 5, comment: '很好' })).toMatchObject({
      ok: true,
    });
  });

  it('service item durations follow the 15-minute grid', () => {
    const item = {
      stationId: 'st-tanggu',
      title: '探访',
      area: '养老服务',
      description: '上门',
      bookable: true,
      durationMinutes: 50,
      capacityPerSlot: 2,
    };
    expect(parseInput(upsertServiceItemInput, item)).toMatchObject({ ok: false, field: 'durationMinutes' });
    expect(parseInput(upsertServiceItemInput, { ...item, durationMinutes: 45 })).toMatchObject({ ok: true });
  });
});
