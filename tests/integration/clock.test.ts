/**
 * The clock of the integration tier. `npm test` runs this tier again under
 * libfaketime at three faked instants (scripts/test-all.sh, tests/README.md);
 * these checks make sure such a run really is at the faked instant, in the
 * test process AND in the emulator's function workers (which start with a
 * clean environment), rather than silently on the real clock.
 */
import type { CreateRequestOutput } from '../../shared/src/contracts/requests';
import { fakeClockEnv, useTestCloud } from '../helpers/cloud';
import {
  CHILD_CARE,
  ok,
  REQUESTS_ENV,
  requestEvent,
  RESIDENT,
  seedRequestsFixtures,
} from './requests-fixtures';

const cloud = useTestCloud({ functions: ['requests'], functionEnv: REQUESTS_ENV });
beforeEach(() => seedRequestsFixtures(cloud));

/** Set by scripts/test-all.sh's fake-clock runs: the instant the faked clock started at (ISO). */
const FAKE_START = process.env.SGZ_FAKE_CLOCK_START;

describe('one clock for the tests and the functions', () => {
  it('a function stamps a request with the time this process reads', async () => {
    const before = Date.now();
    const out = ok(
      await cloud.callAs<CreateRequestOutput>(RESIDENT, 'requests', requestEvent({ itemId: CHILD_CARE })),
    );
    const after = Date.now();
    const stamped = Date.parse(out.request.createdAt);
    expect(stamped).toBeGreaterThanOrEqual(before - 1_000);
    expect(stamped).toBeLessThanOrEqual(after + 1_000);
  });

  it('hands libfaketime on to the function workers only when the clock is faked', () => {
    expect(fakeClockEnv({ PATH: '/bin', LD_PRELOAD: '/x.so' })).toEqual({});
    expect(
      fakeClockEnv({
        PATH: '/bin',
        LD_PRELOAD: '/f.so',
        FAKETIME: '+60',
        FAKETIME_SHARED: 'a b',
        HOME: '/h',
      }),
    ).toEqual({ LD_PRELOAD: '/f.so', FAKETIME: '+60', FAKETIME_SHARED: 'a b' });
  });

  (FAKE_START ? it : it.skip)('under a faked clock, this process runs at the faked instant', () => {
    const start = Date.parse(String(FAKE_START));
    expect(Number.isFinite(start)).toBe(true);
    // The tier started at `start` (libfaketime's offset is whole seconds) and
    // takes minutes; a run on the real clock would be days or months away.
    expect(Date.now()).toBeGreaterThanOrEqual(start - 2_000);
    expect(Date.now()).toBeLessThan(start + 60 * 60_000);
  });
});
