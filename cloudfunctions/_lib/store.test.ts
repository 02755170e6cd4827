import { AppError } from '../../shared/src/errors';
import { decodeCursor, encodeCursor, sameFields, sameValue } from './store';

describe('cursor', () => {
  it('round-trips strings, numbers and dates', () => {
    for (const v of ['2026-12-01', 42, null, true]) {
      expect(decodeCursor(encodeCursor(v, 'id-1'))).toEqual({ value: v, id: 'id-1' });
    }
    const at = new Date('2026-12-31T15:59:30.000Z');
    const back = decodeCursor(encodeCursor(at, 'rq-1'));
    expect(back.value).toEqual(at);
    expect(back.id).toBe('rq-1');
  });
  it('is base64url (safe in a URL and in the input schema)', () => {
    expect(encodeCursor(new Date(0), 'a/b+c')).toMatch(/^[A-Za-z0-9_-]+$/);
  });
  it.each([
    '',
    'not-json',
    Buffer.from('[1]').toString('base64url'),
    Buffer.from('{"$gt":1}').toString('base64url'),
  ])('refuses a cursor it did not make: %j', (c) => {
    expect(() => decodeCursor(c)).toThrow(AppError);
  });
});

describe('same content (idempotent inserts)', () => {
  it('compares deeply, dates by instant, ignoring _id and undefined', () => {
    const at = new Date('2026-01-01T00:00:00Z');
    expect(
      sameFields({ a: 1, b: { c: [1, 2] }, at }, { _id: 'x', a: 1, b: { c: [1, 2] }, at: at.toISOString() }),
    ).toBe(true);
    expect(sameFields({ a: 1, b: undefined }, { _id: 'x', a: 1 })).toBe(true);
    expect(sameFields({ a: 1 }, { _id: 'x', a: 2 })).toBe(false);
    expect(sameValue([1, 2], [2, 1])).toBe(false);
    expect(sameValue({ a: 1 }, { a: 1, b: 2 })).toBe(false);
  });
});
