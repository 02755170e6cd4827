import fs from 'fs';
import path from 'path';
import { ORPHAN_GRACE_MS, staleHolders } from './orphans';

describe('staleHolders', () => {
  const now = new Date('2026-03-02T02:00:00Z');
  const ago = (ms: number) => new Date(now.getTime() - ms);
  it('keeps holders within the grace period, returns older ones and ones with no time', () => {
    const heldAt = {
      young: ago(ORPHAN_GRACE_MS - 1),
      edge: ago(ORPHAN_GRACE_MS),
      old: ago(ORPHAN_GRACE_MS + 1).toISOString(),
      junk: 'not a date',
    };
    expect(staleHolders(['young', 'edge', 'old', 'junk', 'legacy'], heldAt, now)).toEqual([
      'old',
      'junk',
      'legacy',
    ]);
  });
  it('is well past the function timeout, so a live call is never taken for a crashed one', () => {
    const config = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'config.json'), 'utf8')) as {
      timeout: number;
    };
    expect(config.timeout).toBeGreaterThan(0);
    expect(ORPHAN_GRACE_MS).toBeGreaterThanOrEqual(config.timeout * 1000 * 3);
  });
});
