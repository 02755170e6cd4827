/**
 * `loadQuotaPolicy(db, year)` (cloudfunctions/_lib/quota-policy.ts) through the
 * real wx-server-sdk against the emulator: the policy in force for a year, or
 * the notice's defaults.
 */
import { loadQuotaPolicy } from '../../cloudfunctions/_lib/quota-policy';
import { COLLECTIONS } from '../../shared/src/collections';
import { defaultQuotaPolicy } from '../../shared/src/domain/quota-policy';
import { useTestCloud } from '../helpers/cloud';

const cloud = useTestCloud({ functions: [], seed: false });

const policies = () => cloud.db.collection(COLLECTIONS.quotaPolicies);
const store = async (id: string, effectiveFrom: string, completedCases: number) => {
  const p = defaultQuotaPolicy(Number(effectiveFrom.slice(0, 4)));
  await policies().add({
    data: {
      _id: id,
      ...p,
      effectiveFrom,
      targets: { ...p.targets, completedCases },
      updatedAt: new Date('2026-01-05T02:00:00Z'),
      updatedBy: 'u-district',
    },
  });
};

describe('loadQuotaPolicy', () => {
  it('no stored policy: the defaults for that year', async () => {
    expect(await loadQuotaPolicy(cloud.db, 2026)).toEqual({
      policy: defaultQuotaPolicy(2026),
      source: 'default',
      id: null,
    });
  });

  it('the latest effectiveFrom on or before 31 December; earlier years keep theirs or the defaults', async () => {
    await store('qp-2024', '2024-01-01', 3);
    await store('qp-2026a', '2026-01-01', 4);
    await store('qp-2026b', '2026-06-01', 5);
    await store('qp-2027', '2027-01-01', 6);
    const at = async (year: number) => {
      const r = await loadQuotaPolicy(cloud.db, year);
      return [r.source, r.id, r.policy.targets.completedCases];
    };
    expect(await at(2023)).toEqual(['default', null, 2]);
    expect(await at(2025)).toEqual(['stored', 'qp-2024', 3]);
    expect(await at(2026)).toEqual(['stored', 'qp-2026b', 5]);
    expect(await at(2027)).toEqual(['stored', 'qp-2027', 6]);
    expect(await at(2031)).toEqual(['stored', 'qp-2027', 6]);
    // Bookkeeping fields are not part of the policy.
    expect(Object.keys((await loadQuotaPolicy(cloud.db, 2026)).policy).sort()).toEqual([
      'effectiveFrom',
      'referralClosuresCount',
      'targets',
      'visitIntervals',
    ]);
  });

  it('a malformed stored policy: the defaults, flagged and logged, never a failure', async () => {
    await policies().add({
      data: { _id: 'qp-bad', effectiveFrom: '2026-01-01', targets: { completedCases: 'two' } },
    });
    const errors: string[] = [];
    const spy = jest.spyOn(console, 'error').mockImplementation((line: string) => void errors.push(line));
    try {
      expect(await loadQuotaPolicy(cloud.db, 2026)).toEqual({
        policy: defaultQuotaPolicy(2026),
        source: 'invalid-stored',
        id: 'qp-bad',
      });
    } finally {
      spy.mockRestore();
    }
    expect(errors.map((l) => JSON.parse(l))).toEqual([
      { level: 'error', event: 'quota-policy-invalid', id: 'qp-bad', year: 2026, using: 'defaults' },
    ]);
  });

  it('refuses a year that is not one', async () => {
    await expect(loadQuotaPolicy(cloud.db, 20260)).rejects.toThrow(RangeError);
  });
});
