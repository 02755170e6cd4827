import { findUnmaskedPii, mask, maskIdNumber, maskName, maskPhone, maskPiiInText } from './masking';

describe('mask', () => {
  it('keeps the first 3 and last 4 digits of a mobile number', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
    expect(maskPhone(' 13812341234 ')).toBe('138****1234');
  });
  it('keeps the first 6 and last 4 characters of an ID number', () => {
    expect(maskIdNumber('12010719900101123X')).toBe('120107********123X');
    expect(maskIdNumber('120107199001011234')).toHaveLength(18);
  });
  it('keeps the first 6 and last 3 of an old 15-digit ID number (the 4th from the end is the birth day)', () => {
    expect(maskIdNumber('120107900101123')).toBe('120107******123');
  });
  it('keeps only the first character of a name', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskName('𠮷田')).toBe('𠮷*');
    expect(maskName('李')).toBe('*');
  });
  it('keeps the last 4 of a certificate number', () => {
    expect(mask('certificate', 'S2024-001234')).toBe('********1234');
    expect(mask('certificate', '12345')).toBe('*****');
  });
  it('stars everything when too short to keep ends, and passes null through', () => {
    expect(maskPhone('12345')).toBe('*****');
    expect(mask('idNumber', '1234567890')).toBe('**********');
    expect(mask('phone', null)).toBeNull();
    expect(mask('name', '  ')).toBeNull();
  });
  it('masked values are not found by the PII scanner, unmasked ones are', () => {
    expect(
      findUnmaskedPii(JSON.stringify({ p: maskPhone('13812341234'), i: maskIdNumber('120107199001011234') })),
    ).toBeNull();
    expect(findUnmaskedPii('tel 13812341234.')).toEqual({ kind: 'phone', match: '13812341234' });
    expect(findUnmaskedPii('"120107199001011234"')).toEqual({
      kind: 'idNumber',
      match: '120107199001011234',
    });
    expect(findUnmaskedPii('u-1381234123412345678ab')).toBeNull();
  });
  it('does not take a digit run inside a hex id for a phone, but still finds a phone next to one', () => {
    expect(findUnmaskedPii('"userId":"u-17350883685da002121a23ee"')).toBeNull();
    expect(findUnmaskedPii('"_id":"0f17350883685aa002121a23ee000000"')).toBeNull();
    expect(findUnmaskedPii('"u-17350883685da002121a23ee","phone":"13912345678"')).toEqual({
      kind: 'phone',
      match: '13912345678',
    });
    expect(findUnmaskedPii('电话13912345678')).toEqual({ kind: 'phone', match: '13912345678' });
  });
});

/**
 * Issue 8, hole 2: personal numbers typed into free text, in the spellings
 * people use. [typed, masked]; a negative has masked === typed.
 */
const SPELLINGS: readonly (readonly [string, string])[] = [
  // Mobile numbers.
  ['13812345678', '138****5678'],
  ['138 1234 5678', '138****5678'],
  ['138-1234-5678', '138****5678'],
  ['138 - 1234 - 5678', '138****5678'],
  ['138.1234.5678', '138****5678'],
  ['138\u30001234\u30005678', '138****5678'], // full-width spaces
  ['1381234 5678', '138****5678'],
  ['+86 13812345678', '+86 138****5678'],
  ['+86-138-1234-5678', '+86-138****5678'],
  ['(+86)13812345678', '(+86)138****5678'],
  ['+8613812345678', '+86138****5678'],
  ['008613812345678', '0086138****5678'],
  ['１３８１２３４５６７８', '138****5678'],
  ['１３８－１２３４－５６７８', '138****5678'],
  ['电话13812345678谢谢', '电话138****5678谢谢'],
  ['Tel13812345678', 'Tel138****5678'],
  ['abc13812345678xyz', 'abc138****5678xyz'],
  ['请打138 1234 5678或139-8765-4321', '请打138****5678或139****4321'],
  // Landlines with the area code.
  ['022-2532 1234', '022****1234'],
  ['022 25321234', '022****1234'],
  ['(022)25321234', '022****1234'],
  ['（０２２）２５３２１２３４', '022****1234'],
  ['02225321234', '022****1234'],
  ['0571-88881234', '057*****1234'],
  ['座机022-25321234转801', '座机022****1234转801'],
  // ID numbers.
  ['120101199001011234', '120101********1234'],
  ['ID120101199001011234', 'ID120101********1234'],
  ['身份证120101199001011234', '身份证120101********1234'],
  ['身份证号：12010119900101123X。', '身份证号：120101********123X。'],
  ['12010119900101123x', '120101********123x'],
  ['１２０１０１１９９００１０１１２３４', '120101********1234'],
  ['１２０１０１１９９００１０１１２３Ｘ', '120101********123X'],
  ['120101 19900101 1234', '120101********1234'],
  ['120101 1990 0101 1234', '120101********1234'],
  ['120101-19900101-1234', '120101********1234'],
  ['120101900101123', '120101******123'],
  ['老身份证120101900101123号', '老身份证120101******123号'],
  // Not personal numbers: left exactly as typed.
  ['2026-12-02', '2026-12-02'],
  ['2026年12月2日', '2026年12月2日'],
  ['14:00-15:00', '14:00-15:00'],
  ['1400-1500', '1400-1500'],
  ['3号楼2单元501', '3号楼2单元501'],
  ['12345', '12345'],
  ['1,200元', '1,200元'],
  ['120.5平方米', '120.5平方米'],
  ['1990-2026', '1990-2026'],
  ['1381234567890', '1381234567890'], // 13 digits: a longer number, not a phone
  ['20261202143000', '20261202143000'], // 14 digits: an order-number-like run
  ['6222021234567890123', '6222021234567890123'], // 19 digits: not an ID (bank cards are not in scope)
  ['120101991301123', '120101991301123'], // 15 digits with month 13: not an old ID
  ['0f17350883685aa002121a23ee000000', '0f17350883685aa002121a23ee000000'], // document id
  ['u-17350883685da002121a23ee', 'u-17350883685da002121a23ee'], // user id
  ['2026-03-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z'],
  ['1764633600000', '1764633600000'], // epoch milliseconds
  [
    '时间2026-12-02 14:00-15:00，3号楼2单元501，费用1,200元',
    '时间2026-12-02 14:00-15:00，3号楼2单元501，费用1,200元',
  ],
];

describe('maskPiiInText: phones and ID numbers inside free text', () => {
  it.each(SPELLINGS)('%s → %s', (typed, masked) => {
    expect(maskPiiInText(typed)).toBe(masked);
  });

  it('the scanner finds exactly what the mask changes, and nothing once masked', () => {
    for (const [typed, masked] of SPELLINGS) {
      if (typed === masked) expect(findUnmaskedPii(typed)).toBeNull();
      else expect(findUnmaskedPii(typed)).not.toBeNull();
      expect(findUnmaskedPii(masked)).toBeNull();
    }
  });

  it('masking is idempotent and leaves text without numbers alone', () => {
    for (const [, masked] of SPELLINGS) expect(maskPiiInText(masked)).toBe(masked);
    expect(maskPiiInText('家中老人腿脚不便，想请社工上门看看')).toBe('家中老人腿脚不便，想请社工上门看看');
    expect(maskPiiInText('')).toBe('');
  });

  it('names the kind it found', () => {
    expect(findUnmaskedPii('座机(022)25321234')).toEqual({ kind: 'landline', match: '(022)25321234' });
    expect(findUnmaskedPii('ID120101 19900101 1234')).toEqual({
      kind: 'idNumber',
      match: '120101 19900101 1234',
    });
    expect(findUnmaskedPii('１３８－１２３４－５６７８')).toEqual({
      kind: 'phone',
      match: '１３８－１２３４－５６７８',
    });
  });
});
