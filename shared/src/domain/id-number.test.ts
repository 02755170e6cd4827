import {
  birthDateOfIdNumber,
  idNumberCheckChar,
  idNumberProblem,
  isValidIdNumber,
  normalizeIdNumber,
  sexOfIdNumber,
  toIdNumber18,
} from './id-number';

// Numbers below are made up; their check characters follow GB 11643-1999
// (11010519491231002X is the standard's own example).
describe('isValidIdNumber / idNumberProblem (GB 11643)', () => {
  const TODAY = '2026-04-01';
  it.each([
    ['11010519491231002X', null, 'the standard example, X check character'],
    ['11010519491231002x', null, 'lower-case x'],
    ['120107199001011237', null, 'Tianjin 滨海, 1990'],
    ['120107201602290040', null, '29 February of a leap year'],
    ['120105200002290023', null, '29 February 2000 (divisible by 400)'],
    ['1201 0719 9001 0112 37', null, 'spaces as people type them'],
    ['１２０１０７１９９００１０１１２３７', null, 'full-width digits'],
    ['120107900101123', null, 'legacy 15 digits (1990-01-01)'],
    ['120107199001011238', 'checksum', 'last digit changed'],
    ['120107199001011273', 'checksum', 'two digits swapped'],
    ['11010519491231002Y', 'format', 'a letter other than X'],
    ['12010719900101123', 'format', '17 digits'],
    ['1201071990010112370', 'format', '19 digits'],
    ['020107199001011237', 'format', 'address code starting with 0'],
    ['120107199002301232', 'birth-date', '30 February'],
    ['120107190002290021', 'birth-date', '29 February 1900 (not a leap year)'],
    ['120107199013011233', 'birth-date', 'month 13'],
    ['440524188001010014', 'birth-date', 'born before 1900'],
    ['120107901301123', 'birth-date', 'legacy with month 13'],
    ['120107202704010016', 'future-birth', 'born after today'],
    ['', 'format', 'empty'],
  ] as const)('%s → %s (%s)', (raw, problem, _why) => {
    expect(idNumberProblem(raw, TODAY)).toBe(problem);
    expect(isValidIdNumber(raw, TODAY)).toBe(problem === null);
  });

  it('checks the birth date against today only when today is given', () => {
    expect(idNumberProblem('120107202704010016')).toBeNull();
    expect(isValidIdNumber('120107202704010016', '2027-04-01')).toBe(true);
    expect(isValidIdNumber('120107202704010016', '2027-03-31')).toBe(false);
  });

  it('computes the MOD 11-2 check character', () => {
    expect(idNumberCheckChar('11010519491231002')).toBe('X');
    expect(idNumberCheckChar('12010719900101123')).toBe('7');
    expect(() => idNumberCheckChar('1234')).toThrow(RangeError);
  });
});

describe('reading an ID number', () => {
  it('finds the birth date in both forms', () => {
    expect(birthDateOfIdNumber('11010519491231002X')).toBe('1949-12-31');
    expect(birthDateOfIdNumber('120107900101123')).toBe('1990-01-01');
    expect(birthDateOfIdNumber('120107199002301232')).toBeNull();
    expect(birthDateOfIdNumber('nonsense')).toBeNull();
  });
  it('finds the sex: odd sequence digit 男, even 女', () => {
    expect(sexOfIdNumber('11010519491231002X')).toBe('女'); // 002
    expect(sexOfIdNumber('120107199001011237')).toBe('男'); // 123
    expect(sexOfIdNumber('120107900101123')).toBe('男');
    expect(sexOfIdNumber('12')).toBeNull();
  });
  it('upgrades the 15-digit form so both forms of one person compare equal', () => {
    expect(toIdNumber18('120107900101123')).toBe('120107199001011237');
    expect(toIdNumber18('11010519491231002x')).toBe('11010519491231002X');
    expect(toIdNumber18('120107199001011238')).toBeNull();
  });
  it('normalizes what people type', () => {
    expect(normalizeIdNumber(' 1101 0519 4912 3100 2ｘ ')).toBe('11010519491231002X');
  });
});
