/**
 * The start-up check of required settings (issue 16, item 4) in a built
 * function, through the emulator with a real-looking environment id: with
 * SGZ_AUDIT_SALT missing, every call answers `internal` and the function logs
 * one JSON line naming the setting; nothing is written (no audit entry
 * hashed with a development salt).
 */
import { DEMO_ADMIN_OPENIDS, useTestCloud } from '../helpers/cloud';

const cloud = useTestCloud({
  functions: ['stations'],
  // Not the emulator's local-sgz-… id: the functions behave as in a real environment.
  functionEnv: {
    TCB_ENV: 'sgz-prod-1a2b3c',
    SCF_NAMESPACE: 'sgz-prod-1a2b3c',
    SGZ_ADMIN_OPENIDS: DEMO_ADMIN_OPENIDS.join(','),
  },
});

describe('a function in a real environment without a required setting', () => {
  it('refuses every call with internal and logs the missing setting, writing nothing', async () => {
    const before = cloud.counts();
    for (const openid of ['demo-resident-1', null]) {
      expect(await cloud.callAs(openid, 'stations', { action: 'listStations' })).toEqual({
        ok: false,
        error: { code: 'internal', message: expect.any(String) },
      });
    }
    expect(cloud.counts()).toEqual(before);
    // The function's stderr reaches the emulator's log asynchronously: wait (bounded) for both lines.
    const missingLines = () => cloud.logs.filter((l) => l.includes('"missing-settings"'));
    for (let i = 0; i < 50 && missingLines().length < 2; i++) await new Promise((r) => setTimeout(r, 50));
    const lines = missingLines();
    expect(lines).toHaveLength(2);
    const line = JSON.parse(lines[0]!.slice(lines[0]!.indexOf('{'))) as Record<string, unknown>;
    expect(line).toMatchObject({ level: 'error', function: 'stations', settings: ['SGZ_AUDIT_SALT'] });
  });
});
