import { findUnmaskedPii, mask, maskIdNumber, maskName, maskPhone } from './masking';

describe('mask', () => {
  it('keeps the first 3 and last 4 digits of a mobile number', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
    expect(maskPhone(' 13812341234 ')).toBe('138****1234');
  });
  it('keeps the first 6 and last 4 characters of an ID number', () => {
    expect(maskIdNumber('12010719900101123X')).toBe('120107********123X');
    expect(maskIdNumber('120107199001011234')).toHaveLength(18);
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
