import {
  STAMP_PLACE_MAX_CHARS,
  drawStamp,
  fitWithin,
  isStampContext,
  stampLayout,
  stampLines,
  type StampContext,
} from './photo-stamp';

// The unit tier runs under TZ=UTC and TZ=Asia/Shanghai (scripts/test-all.sh): the
// stamp must read Beijing time under both.
describe(`stampLines (process TZ=${process.env.TZ ?? 'unset'})`, () => {
  it('shows the Beijing time: 23:30 UTC is 07:30 the next day', () => {
    expect(stampLines(Date.parse('2026-12-06T23:30:00Z'))).toEqual(['2026-12-07 07:30']);
  });

  it('16:00 UTC on 31 December is already the new year in Beijing', () => {
    expect(stampLines(Date.parse('2026-12-31T16:00:59Z'))[0]).toBe('2027-01-01 00:00');
  });

  it('adds the place as the second line, whitespace collapsed', () => {
    const now = Date.parse('2026-05-01T02:05:00Z');
    expect(stampLines(now, '  39.0251,117.7152   ±15m ')).toEqual([
      '2026-05-01 10:05',
      '39.0251,117.7152 ±15m',
    ]);
  });

  it('leaves the place out when it is null, undefined or blank', () => {
    const now = Date.parse('2026-05-01T02:05:00Z');
    expect(stampLines(now, null)).toHaveLength(1);
    expect(stampLines(now, undefined)).toHaveLength(1);
    expect(stampLines(now, '   ')).toHaveLength(1);
  });

  it('cuts a long address with … at the limit, by character', () => {
    const address = '天津市滨海新区'.repeat(10);
    const [, place] = stampLines(0, address);
    expect(Array.from(place ?? '')).toHaveLength(STAMP_PLACE_MAX_CHARS);
    expect(place?.endsWith('…')).toBe(true);
    expect(address.startsWith((place ?? '').slice(0, -1))).toBe(true);
  });
});

describe('fitWithin', () => {
  it('scales the longest side down to the limit, keeping the shape', () => {
    expect(fitWithin({ width: 4000, height: 3000 }, 1600)).toEqual({ width: 1600, height: 1200 });
    expect(fitWithin({ width: 3000, height: 4000 }, 1600)).toEqual({ width: 1200, height: 1600 });
  });

  it('never scales up', () => {
    expect(fitWithin({ width: 800, height: 600 }, 1600)).toEqual({ width: 800, height: 600 });
  });
});

describe('stampLayout and drawStamp', () => {
  it('puts the band at the bottom with every baseline inside it', () => {
    const size = { width: 1600, height: 1200 };
    const layout = stampLayout(size, 2);
    expect(layout.bandTop + layout.bandHeight).toBe(1200);
    for (const y of layout.baselines) {
      expect(y).toBeGreaterThan(layout.bandTop);
      expect(y).toBeLessThanOrEqual(1200);
    }
    expect(layout.fontSize).toBeGreaterThanOrEqual(14);
  });

  it('draws the band, then each line in white', () => {
    const calls: string[] = [];
    const ctx: StampContext = {
      fillStyle: '',
      font: '',
      textBaseline: '',
      fillRect: (x, y, w, h) => calls.push(`rect ${x},${y},${w},${h} ${String(ctx.fillStyle)}`),
      fillText: (text) => calls.push(`text ${text} ${String(ctx.fillStyle)}`),
    };
    drawStamp(ctx, { width: 300, height: 200 }, ['2026-05-01 10:05', '某社区']);
    expect(calls[0]).toMatch(/^rect 0,\d+,300,\d+ rgba\(0, 0, 0/);
    expect(calls.slice(1)).toEqual(['text 2026-05-01 10:05 #ffffff', 'text 某社区 #ffffff']);
    expect(isStampContext(ctx)).toBe(true);
    expect(isStampContext({})).toBe(false);
    expect(isStampContext(null)).toBe(false);
  });
});
