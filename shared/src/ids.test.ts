import { CLIENT_ID_PATTERN, isClientId } from './ids';

describe('client-made ids (one strict pattern)', () => {
  it.each(['rqmiabc12345xyz0123', 'req-matrix-1-abc123', 'e2e-other-1764633600000', 'A1234567'])(
    'accepts %s',
    (id) => expect(isClientId(id)).toBe(true),
  );
  it.each([
    '__proto__',
    'a.__proto__.x',
    '_id',
    'req_1234567',
    '-leading-dash',
    'short1',
    'x'.repeat(65),
    'req 1234567',
    'req$12345678',
    '请求12345678',
    '',
  ])('refuses %j', (id) => expect(CLIENT_ID_PATTERN.test(id)).toBe(false));
});
