/**
 * Mutation test of the permission table: proves that the generated
 * permission test (tests/integration/accounts.matrix.ts) bites.
 *
 * For every cell of every row of the table (stations.*, accounts.*, and the
 * rows the requests function serves: serviceItems.*, slots.*, requests.*),
 * one at a time: an allowed cell is denied, a narrow cell (own/station/assigned) is
 * widened to `all`, a denied cell is granted `all`. The flip reaches the
 * functions through env SGZ_PERMISSION_FLIP, which _lib/authz.ts honours only
 * on the emulator's fake environment (TCB_ENV local-sgz-…), never in a real
 * one. Each flip gets a fresh emulator; the row's cases run against it; the
 * flip is "caught" when at least one case fails. A control run with no flip
 * must pass first, or the count would mean nothing.
 *
 * Equivalent mutants are reported apart, not run: widening `own` to `all`
 * on an action that has no target (whoAmI, updateProfile, recordConsent,
 * listMyConsents, acceptPrivacyNotice, redeemInvite, createRequest and
 * listMyRequests always act on the caller and nobody else) cannot change any
 * answer, so no test could catch it.
 *
 * Usage: npx tsx scripts/flip-permissions.ts [--only <key-prefix>[,<key-prefix>…]] [--json <file>]
 * Exit code: 0 when every flip was caught, 1 otherwise.
 */
import fs from 'fs';
import { PERMISSIONS } from '../shared/src/auth/permissions';
import { allFlips, formatFlip, type Flip } from '../shared/src/auth/flip';
import {
  MATRIX_PREFIXES,
  caseName,
  matrixCases,
  matrixKeys,
  runCase,
  targetKindOf,
} from '../tests/integration/accounts.matrix';
import { resetAndSeed, startAccountsCloud } from '../tests/integration/accounts.fixtures';

interface FlipReport {
  flip: string;
  caught: boolean;
  failures: string[];
}

async function runRow(key: string, env: Record<string, string>): Promise<string[]> {
  const cloud = await startAccountsCloud(env);
  try {
    await resetAndSeed(cloud);
    const failures: string[] = [];
    for (const c of matrixCases([key])) {
      const problems = await runCase(cloud, c);
      for (const p of problems) failures.push(`${caseName(c)}: ${p}`);
    }
    return failures;
  } finally {
    await cloud.stop();
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
  const jsonOut = args.includes('--json') ? args[args.indexOf('--json') + 1] : undefined;
  const prefixes = only ? only.split(',').filter(Boolean) : MATRIX_PREFIXES;

  // Control: the unflipped table must pass every covered row.
  const keys = matrixKeys().filter((k) => prefixes.some((p) => k.startsWith(p)));
  for (const key of keys) {
    const failures = await runRow(key, {});
    if (failures.length) {
      console.error(
        `control run failed on ${key} (fix the test or the code first):\n  ${failures.join('\n  ')}`,
      );
      process.exit(2);
    }
  }
  console.log(`control: ${keys.length} rows pass unflipped`);

  const everyFlip: Flip[] = allFlips(PERMISSIONS, prefixes);
  const isEquivalent = (f: Flip) => f.from === 'own' && f.to === 'all' && targetKindOf(f.key) === 'none';
  const equivalent = everyFlip.filter(isEquivalent);
  const flips = everyFlip.filter((f) => !isEquivalent(f));
  const reports: FlipReport[] = [];
  for (const flip of flips) {
    const wire = formatFlip(flip);
    const failures = await runRow(flip.key, { SGZ_PERMISSION_FLIP: wire });
    const caught = failures.length > 0;
    reports.push({ flip: `${wire} (was ${flip.from ?? 'deny'})`, caught, failures });
    console.log(
      `${caught ? 'caught ' : 'MISSED '} ${wire.padEnd(52)} was ${flip.from ?? 'deny'}${caught ? `  (${failures.length} failing case${failures.length > 1 ? 's' : ''})` : ''}`,
    );
  }
  const caught = reports.filter((r) => r.caught).length;
  const uncovered = Object.keys(PERMISSIONS).filter((k) => !MATRIX_PREFIXES.some((p) => k.startsWith(p)));
  console.log(`\nflips caught: ${caught}/${reports.length}`);
  console.log(
    `equivalent flips not run (own→all on actions without a target; no answer can change): ${equivalent.length}` +
      (equivalent.length ? `\n  ${equivalent.map((f) => formatFlip(f)).join('\n  ')}` : ''),
  );
  console.log(
    `rows of the table not covered by the matrix: ${uncovered.length ? uncovered.join(', ') : 'none'}`,
  );
  if (jsonOut)
    fs.writeFileSync(
      jsonOut,
      JSON.stringify(
        {
          caught,
          total: reports.length,
          reports,
          equivalent: equivalent.map((f) => formatFlip(f)),
          uncovered,
        },
        null,
        2,
      ),
    );
  process.exit(caught === reports.length ? 0 : 1);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(2);
});
