import { decideSubmit, filterVisitForConsent, isVisitFile } from './visit';

describe('decideSubmit (the outbox rule)', () => {
  const s = (version: number, fp = 'a') => ({ version, fp });
  it.each([
    [null, 1, null, 'a', 'insert'],
    [s(1), 1, null, 'a', 'duplicate'],
    [s(1), 1, null, 'b', 'conflict'],
    [s(1), 2, 1, 'b', 'update'],
    [s(1), 3, 0, 'b', 'update'],
    [s(2), 2, 1, 'b', 'conflict'],
    [s(3), 2, 1, 'b', 'conflict'],
    [s(1), 3, 2, 'b', 'conflict'],
  ] as const)('stored %j, sent v%i base %j fp %s → %s', (stored, version, baseVersion, fp, out) => {
    expect(decideSubmit(stored, { version, baseVersion, fp })).toBe(out);
  });
});

describe('isVisitFile', () => {
  it.each([
    ['cloud://env.b/outbox/visit/vs-12345678/0.jpg', true],
    ['cloud://env.b/outbox/visit/vs-12345678/12', true],
    ['cloud://env.b/outbox/visit/vs-87654321/0.jpg', false],
    ['cloud://env.b/outbox/visit/vs-12345678/../x/0.jpg', false],
    ['cloud://env.b/roster-uploads/st-tanggu/0.jpg', false],
    ['https://x/outbox/visit/vs-12345678/0.jpg', false],
  ])('%s → %s', (f, ok) => expect(isVisitFile(f, 'vs-12345678')).toBe(ok));
});

describe('filterVisitForConsent', () => {
  it('keeps sensitive parts only when every person seen consents', () => {
    const v = {
      findings: { health: '血压高', safety: '好' },
      categories: ['低保', '残疾/重残', '独居'] as const,
    };
    const visit = { ...v, categories: [...v.categories] };
    const all = new Map([['p1', new Set(['health', 'disability', 'financial_hardship'] as const)]]);
    expect(filterVisitForConsent(visit, all).withheld).toEqual([]);
    const mixed = new Map([...all, ['p2', new Set(['disability'] as const)]]);
    const r = filterVisitForConsent(visit, mixed);
    expect(r.kept).toEqual({ findings: { health: null, safety: '好' }, categories: ['残疾/重残', '独居'] });
    expect(r.withheld.map((w) => [w.field, w.personIds])).toEqual([
      ['findings.health', ['p2']],
      ['categories.低保', ['p2']],
    ]);
  });
});
