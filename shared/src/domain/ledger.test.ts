import {
  LEDGER_HEADERS,
  LEDGER_SHEETS,
  dayOf,
  displayWidth,
  judgedAt,
  ledgerCloudPath,
  ledgerFileName,
  ledgerPeriod,
  periodNotBegun,
  widthTracker,
} from './ledger';

describe('displayWidth', () => {
  it('counts CJK and full-width characters double, ASCII single', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('走访台账')).toBe(8);
    expect(displayWidth('2026-03-01 张三')).toBe(15);
    expect(displayWidth('（全角）')).toBe(8);
    expect(displayWidth('')).toBe(0);
  });
});

describe('widthTracker', () => {
  it('fits the widest cell (header included), padded and clamped', () => {
    const t = widthTracker(['序号', '服务对象', '说明']);
    t.see([1, '欧阳娜娜', 'x']);
    t.see([1000, '张三', '很长'.repeat(40)]);
    t.see([null, null, null]);
    expect(t.widths()).toEqual([6, 10, 50]);
  });
  it('takes the longest line of a multi-line cell', () => {
    const t = widthTracker(['a']);
    t.see(['短\n长长长长长']);
    expect(t.widths()).toEqual([12]);
  });
});

describe('ledgerPeriod', () => {
  it('is the Beijing month as UTC instants, whatever the TZ', () => {
    const p = ledgerPeriod(2026, 3);
    expect(p.start.toISOString()).toBe('2026-02-28T16:00:00.000Z');
    expect(p.end.toISOString()).toBe('2026-03-31T16:00:00.000Z');
    expect([p.firstDay, p.lastDay, p.label]).toEqual(['2026-03-01', '2026-03-31', '2026年03月']);
  });
  it('is the Beijing year when no month is given', () => {
    const p = ledgerPeriod(2025);
    expect(p.start.toISOString()).toBe('2024-12-31T16:00:00.000Z');
    expect([p.firstDay, p.lastDay, p.label, p.month]).toEqual(['2025-01-01', '2025-12-31', '2025年', null]);
  });
  it('has February of a leap year end on the 29th', () => {
    expect(ledgerPeriod(2028, 2).lastDay).toBe('2028-02-29');
  });
});

describe('periodNotBegun', () => {
  // 2026-03-31 16:30 UTC is already 1 April in Beijing.
  const now = new Date('2026-03-31T16:30:00Z');
  it('refuses a later year and a later month of this year, in Chinese', () => {
    expect(periodNotBegun(2027, undefined, now)?.field).toBe('year');
    expect(periodNotBegun(2026, 5, now)).toEqual({
      field: 'month',
      message: '2026 年 5 月还没有开始，请选择已经开始的月份',
    });
  });
  it('accepts the current Beijing month, past months and past years', () => {
    expect(periodNotBegun(2026, 4, now)).toBeNull();
    expect(periodNotBegun(2026, undefined, now)).toBeNull();
    expect(periodNotBegun(2025, 12, now)).toBeNull();
  });
});

describe('judgedAt', () => {
  it('judges a finished month at its last instant, a finished year just after it, a running one now', () => {
    const march = ledgerPeriod(2026, 3);
    expect(judgedAt(march, new Date('2026-06-01T00:00:00Z')).toISOString()).toBe('2026-03-31T15:59:59.999Z');
    const now = new Date('2026-03-10T00:00:00Z');
    expect(judgedAt(march, now)).toBe(now);
    const later = new Date('2027-02-01T00:00:00Z');
    expect(judgedAt(ledgerPeriod(2026), later).toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(judgedAt(ledgerPeriod(2026, 12), later).toISOString()).toBe('2026-12-31T16:00:00.000Z');
  });
});

describe('file names and paths', () => {
  it('names the file after the station and the period, without unsafe characters', () => {
    expect(ledgerFileName('塘沽街道社工站', ledgerPeriod(2026, 3))).toBe(
      '塘沽街道社工站台账_2026年03月.xlsx',
    );
    expect(ledgerFileName('a/b:c', ledgerPeriod(2026))).toBe('abc台账_2026年.xlsx');
    expect(ledgerFileName(' / ', ledgerPeriod(2026))).toBe('社工站台账_2026年.xlsx');
  });
  it('puts the export under exports/<station>/ with an ASCII name', () => {
    const path = ledgerCloudPath(
      'st-tanggu',
      ledgerPeriod(2026, 3),
      new Date('2026-04-02T01:02:03.456Z'),
      'k3x9',
    );
    expect(path).toBe('exports/st-tanggu/2026-03-20260402T010203Z-k3x9.xlsx');
    expect(ledgerCloudPath('st-x', ledgerPeriod(2025), new Date('2026-01-01T00:00:00Z'), 'u')).toBe(
      'exports/st-x/2025-20260101T000000Z-u.xlsx',
    );
  });
});

describe('sheets and headers', () => {
  it('has the seven sheets the bureau files, each with Chinese headers', () => {
    expect(LEDGER_SHEETS).toEqual([
      '汇总',
      '走访台账',
      '个案台账',
      '督导台账',
      '学时台账',
      '资质台账',
      '满意度台账',
    ]);
    for (const s of LEDGER_SHEETS) {
      expect(LEDGER_HEADERS[s].length).toBeGreaterThan(3);
      for (const h of LEDGER_HEADERS[s]) expect(h).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

describe('dayOf', () => {
  it('gives the Beijing day of an instant, keeps a day label, and empty for nothing', () => {
    expect(dayOf(new Date('2026-03-31T16:30:00Z'))).toBe('2026-04-01');
    expect(dayOf('2026-03-05')).toBe('2026-03-05');
    expect(dayOf(null)).toBe('');
    expect(dayOf(new Date('x'))).toBe('');
  });
});
