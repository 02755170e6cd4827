/**
 * The `setup` function (issue 16) through the real wx-server-sdk against the
 * emulator: it seeds the units and the 21 stations and runs the migrations;
 * run twice, the second run changes nothing (every collection compared
 * document by document, the audit entry of the call aside). The deploy
 * operator reaches it without an OPENID with the setup token only.
 */
import type { SetupReport } from '../../shared/src/contracts/setup';
import type { Result } from '../../shared/src/errors';
import { SEED_ADMIN_UNITS, SEED_STATIONS } from '../../shared/src/seed/districts';
import { seedDatabase } from '../../scripts/seed';
import { DEMO_ADMIN_OPENIDS, SEED_NOW, useTestCloud } from '../helpers/cloud';

const TOKEN = 'test-only-setup-token-0123456789abcdef';
const cloud = useTestCloud({ functions: ['setup'], seed: false, functionEnv: { SGZ_SETUP_TOKEN: TOKEN } });
const ADMIN = DEMO_ADMIN_OPENIDS[0]!;
const UNITS = SEED_ADMIN_UNITS.length;
const STATIONS = SEED_STATIONS.length;

const ok = <T>(r: Result<T>): T => {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`);
  return r.data;
};
const runSetup = (openid: string | null = ADMIN, extra: Record<string, unknown> = {}) =>
  cloud.callAs<SetupReport>(openid, 'setup', { action: 'runSetup', ...extra });

/** Every collection's documents (export order is the store's, stable), the audit log aside. */
const snapshot = (): Record<string, string> => {
  const db = cloud.emulator.app.db;
  return Object.fromEntries(
    db
      .listCollections()
      .filter((c) => c.name !== 'audit_log')
      .map((c) => [c.name, db.exportCollection(c.name)]),
  );
};

describe('runSetup', () => {
  it('seeds an empty environment, and a second run changes nothing', async () => {
    const first = ok(await runSetup());
    expect(first).toEqual({
      seedVersion: 1,
      adminUnits: { created: UNITS, updated: 0, unchanged: 0 },
      stations: { created: STATIONS, updated: 0, unchanged: 0 },
      migrationsApplied: [{ version: 1, name: 'meta-drop-last-run-at', changed: 0 }],
      migrationVersion: 1,
      changed: true,
    });
    const before = snapshot();
    const counts = cloud.counts();
    expect(counts).toMatchObject({ admin_units: UNITS, stations: STATIONS, meta: 1 });

    const second = ok(await runSetup());
    expect(second).toEqual({
      seedVersion: 1,
      adminUnits: { created: 0, updated: 0, unchanged: UNITS },
      stations: { created: 0, updated: 0, unchanged: STATIONS },
      migrationsApplied: [],
      migrationVersion: 1,
      changed: false,
    });
    expect(snapshot()).toEqual(before);
    expect(cloud.counts()).toEqual({ ...counts, audit_log: counts.audit_log! + 1 });
  });

  it('is the seed the emulator uses: after npm start’s seed, setup finds nothing to do', async () => {
    await seedDatabase(cloud.db, SEED_NOW, { demo: true });
    const before = snapshot();
    const out = ok(await runSetup());
    expect(out.changed).toBe(false);
    expect(out.stations).toEqual({ created: 0, updated: 0, unchanged: STATIONS });
    expect(snapshot()).toEqual(before);
  });

  it('restores a missing station, keeps an edited one, refreshes an unedited one of an older seed', async () => {
    ok(await runSetup());
    const stations = cloud.db.collection('stations');
    await stations.doc('st-haibin').remove();
    await stations.doc('st-dagu').update({ data: { phone: '022-25000000', updatedAt: new Date() } });
    const { data: tanggu } = (await stations.doc('st-tanggu').get()) as { data: Record<string, unknown> };
    await stations.doc('st-tanggu').update({ data: { seedVersion: 0, officialName: '旧名称' } });

    const out = ok(await runSetup());
    expect(out.stations).toEqual({ created: 1, updated: 1, unchanged: STATIONS - 2 });
    const read = async (id: string) =>
      ((await stations.doc(id).get()) as { data: Record<string, unknown> }).data;
    expect(await read('st-dagu')).toMatchObject({ phone: '022-25000000' });
    expect(await read('st-tanggu')).toEqual(tanggu);
    expect(ok(await runSetup()).changed).toBe(false);
  });

  it('migrates a database seeded before setup existed (meta/seed.lastRunAt goes), once', async () => {
    ok(await runSetup());
    await cloud.db
      .collection('meta')
      .doc('seed')
      .update({ data: { migrationVersion: 0, lastRunAt: new Date() } });
    const out = ok(await runSetup());
    expect(out.migrationsApplied).toEqual([{ version: 1, name: 'meta-drop-last-run-at', changed: 1 }]);
    const { data: meta } = (await cloud.db.collection('meta').doc('seed').get()) as {
      data: Record<string, unknown>;
    };
    expect(meta).not.toHaveProperty('lastRunAt');
    expect(meta.migrationVersion).toBe(1);
    expect(ok(await runSetup()).migrationsApplied).toEqual([]);
  });
});

describe('who may run it', () => {
  it('the deploy operator with the setup token and no OPENID', async () => {
    const out = ok(await runSetup(null, { setupToken: TOKEN }));
    expect(out.stations.created).toBe(STATIONS);
  });

  it('refuses a wrong token, writing only the denial', async () => {
    const res = await runSetup(null, { setupToken: `${TOKEN}x` });
    expect(res).toEqual({ ok: false, error: { code: 'permission-denied', message: '您没有权限进行此操作' } });
    expect(cloud.counts()).toEqual({ audit_log: 1 });
  });

  it('refuses a call without OPENID or token, and a resident (with or without a token)', async () => {
    expect(await runSetup(null)).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(await runSetup('demo-resident-1')).toMatchObject({
      ok: false,
      error: { code: 'permission-denied' },
    });
    // With an OPENID the token is not a way in: the strict input refuses the unknown key.
    expect(await runSetup('demo-resident-1', { setupToken: TOKEN })).toMatchObject({
      ok: false,
      error: { code: 'invalid-argument' },
    });
    expect(cloud.counts().stations ?? 0).toBe(0);
  });

  it('refuses bad input in Chinese and writes nothing', async () => {
    const res = await runSetup(ADMIN, { version: 2 });
    expect(res).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    if (!res.ok) expect(res.error.message).toMatch(/[\u4e00-\u9fff]/);
    expect(cloud.counts().stations ?? 0).toBe(0);
  });
});
