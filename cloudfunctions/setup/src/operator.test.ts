import { MIN_SETUP_TOKEN_CHARS, checkSetupToken } from './operator';

const TOKEN = 'x'.repeat(MIN_SETUP_TOKEN_CHARS);

describe('the deploy operator token', () => {
  it('matches the configured token only', () => {
    expect(checkSetupToken(TOKEN, TOKEN)).toBe('ok');
    expect(checkSetupToken(TOKEN, ` ${TOKEN}\n`)).toBe('ok');
    expect(checkSetupToken(TOKEN.slice(1), TOKEN)).toBe('mismatch');
    expect(checkSetupToken(`${TOKEN}x`, TOKEN)).toBe('mismatch');
    expect(checkSetupToken('', TOKEN)).toBe('mismatch');
  });

  it('refuses anything but a string', () => {
    for (const given of [undefined, null, 1, { $ne: '' }, [TOKEN]]) {
      expect(checkSetupToken(given, TOKEN)).toBe('mismatch');
    }
  });

  it('is closed while no token (or a short one) is configured, whatever is sent', () => {
    expect(checkSetupToken('', undefined)).toBe('not-configured');
    expect(checkSetupToken('', '')).toBe('not-configured');
    expect(checkSetupToken('short', 'short')).toBe('not-configured');
  });
});
