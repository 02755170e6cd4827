import { execFile } from 'child_process';
import fs from 'fs';
import path from 'path';
import { promisify } from 'util';
import { COLLECTIONS } from '../../shared/src/collections';
import { functionSettings } from '../../shared/src/config/settings';
import { applyPlan, functionSpec, type Manager } from './apply';
import {
  buildPlan,
  compoundIndexName,
  envIdProblem,
  formatPlan,
  indexName,
  parseIndexKey,
  readPlanInputs,
  ROOT,
  type PlanInputs,
} from './plan';
import { credentialsFrom, parseDeployArgs } from '../deploy';

const run = promisify(execFile);

/** Function folders as the build sees them, listed independently of the plan code. */
const functionFolders = (): string[] =>
  fs
    .readdirSync(path.join(ROOT, 'cloudfunctions'))
    .filter(
      (d) => !d.startsWith('_') && fs.existsSync(path.join(ROOT, 'cloudfunctions', d, 'src', 'index.ts')),
    )
    .sort();
const indexes = JSON.parse(fs.readFileSync(path.join(ROOT, 'emulator', 'indexes.json'), 'utf8')) as Record<
  string,
  string[]
>;
const production = JSON.parse(fs.readFileSync(path.join(ROOT, 'database', 'indexes.json'), 'utf8')) as Record<
  string,
  Array<{ keys: string[]; unique?: boolean }>
>;

/** The operator's settings, all present (fake values). */
const FULL_ENV: Record<string, string> = {
  SGZ_AUDIT_SALT: 'test-salt',
  SGZ_ADMIN_OPENIDS: 'o-admin',
  SGZ_ROSTER_ID_KEY: 'test-key',
  SGZ_SETUP_TOKEN: 'test-only-setup-token-0123456789abcdef',
};

describe('npm run deploy -- --dry-run (a child process with the network and the manager blocked)', () => {
  let stdout = '';
  beforeAll(async () => {
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_OPTIONS: `--require ${path.join(__dirname, 'no-network.cjs')}`,
    };
    const res = await run('npx', ['tsx', 'scripts/deploy.ts', '--env', 'sgz-test-1a2b3c', '--dry-run'], {
      cwd: ROOT,
      env,
    });
    stdout = res.stdout;
  }, 60_000);

  it('prints a plan with every function folder, with its configuration', () => {
    for (const fn of functionFolders()) {
      const config = JSON.parse(
        fs.readFileSync(path.join(ROOT, 'cloudfunctions', fn, 'config.json'), 'utf8'),
      ) as {
        timeout: number;
      };
      expect(stdout).toContain(`function ${fn}  Nodejs16.13, timeout ${config.timeout} s`);
      for (const s of functionSettings(fn)) expect(stdout).toMatch(new RegExp(`env ${s.name}: `));
    }
  });

  it('prints every collection of the code, every index the emulator uses and every production index', () => {
    for (const c of Object.values(COLLECTIONS)) expect(stdout).toContain(`collection ${c}  rule `);
    for (const [c, fields] of Object.entries(indexes)) {
      for (const f of fields) {
        const unique = (production[c] ?? []).some((i) => i.unique && i.keys.length === 1 && i.keys[0] === f);
        if (!unique) expect(stdout).toContain(`index ${c}.${indexName(f)} (${f} asc)`);
      }
    }
    for (const [c, list] of Object.entries(production)) {
      for (const i of list) {
        const keys = i.keys.map((k) => parseIndexKey(k)!);
        expect(stdout).toContain(`index ${c}.${compoundIndexName(keys, i.unique === true)} (`);
      }
    }
    expect(stdout).toContain('index users.idx_openid_unique (openid asc, unique)');
    expect(stdout).toContain('index stations.idx_location_geo (location 2dsphere)');
  });

  it('names the missing required settings and sends nothing', () => {
    expect(stdout).toMatch(/Missing required settings \(a real deploy stops here\): .*SGZ_AUDIT_SALT/);
    expect(stdout).toContain('Dry run: nothing was sent.');
    expect(stdout).not.toContain('Problems in the code');
  });
});

describe('buildPlan', () => {
  const inputs = (): PlanInputs => JSON.parse(JSON.stringify(readPlanInputs())) as PlanInputs;

  it('is clean on the repository with every setting set', () => {
    const plan = buildPlan('sgz-test-1a2b3c', inputs(), FULL_ENV);
    expect(plan.problems).toEqual([]);
    expect(plan.missing).toEqual([]);
    expect(plan.functions.map((f) => f.name)).toEqual(functionFolders());
    expect(plan.collections.map((c) => c.name)).toEqual(Object.values(COLLECTIONS).sort());
    expect(plan.setup).toEqual({ function: 'setup', action: 'runSetup' });
  });

  it('never puts a value into the plan or its text', () => {
    const text = formatPlan(buildPlan('sgz-test-1a2b3c', inputs(), FULL_ENV));
    for (const v of Object.values(FULL_ENV)) expect(text).not.toContain(v);
    expect(text).toContain('env SGZ_AUDIT_SALT: set (secret)');
  });

  it('finds a rule or an index for a collection the code does not have, and a collection without a rule', () => {
    const i = inputs();
    i.rules.ghosts = { read: false, write: false };
    i.indexes.phantoms = ['x'];
    i.productionIndexes.wraiths = [{ keys: ['a'] }];
    i.productionIndexes.visits = [{ keys: ['stationId:sideways'] }];
    delete i.rules.visits;
    expect(buildPlan('sgz-test-1a2b3c', i, FULL_ENV).problems).toEqual([
      'emulator/indexes.json: phantoms is not a collection of shared/src/collections.ts',
      'database/security-rules.json: ghosts is not a collection of shared/src/collections.ts',
      'database/indexes.json: wraiths is not a collection of shared/src/collections.ts',
      'database/security-rules.json has no rule for visits',
      'database/indexes.json: visits: bad index {"keys":["stationId:sideways"]}',
    ]);
  });

  it('checks config.json: timeout, memory, timer triggers as CloudBase writes them', () => {
    const i = inputs();
    i.functions.stations!.config = {
      timeout: 1000,
      memorySize: 300,
      triggers: [
        { name: 'nightly', type: 'timer', config: '0 0 2 * * * *' },
        { name: 'bad', type: 'timer', config: '0 2 * * *' },
        { name: 'web', type: 'http', config: '' },
      ],
    };
    const plan = buildPlan('sgz-test-1a2b3c', i, FULL_ENV);
    expect(plan.problems).toEqual([
      'cloudfunctions/stations/config.json: timeout 1000 is not 1–900 seconds',
      'cloudfunctions/stations/config.json: memorySize 300 is not one of 64, 128, 256, 512, 1024, 2048, 3072',
      'cloudfunctions/stations/config.json: trigger bad: config "0 2 * * *" is not a 7-field cron (second minute hour day month weekday year)',
      'cloudfunctions/stations/config.json: trigger {"name":"web","type":"http","config":""} needs a name and type "timer"',
    ]);
    expect(plan.functions.find((f) => f.name === 'stations')!.triggers).toEqual([
      { name: 'nightly', type: 'timer', config: '0 0 2 * * * *' },
    ]);
  });

  it('lists the required settings missing from the operator environment', () => {
    const { SGZ_ROSTER_ID_KEY: _a, SGZ_SETUP_TOKEN: _b, ...env } = FULL_ENV;
    expect(buildPlan('sgz-test-1a2b3c', inputs(), { ...env, SGZ_AUDIT_SALT: ' ' }).missing).toEqual([
      'SGZ_AUDIT_SALT',
      'SGZ_ROSTER_ID_KEY',
      'SGZ_SETUP_TOKEN',
    ]);
  });

  it('refuses a setup token too short for the setup function to accept', () => {
    expect(buildPlan('sgz-test-1a2b3c', inputs(), { ...FULL_ENV, SGZ_SETUP_TOKEN: 'short' }).missing).toEqual(
      ['SGZ_SETUP_TOKEN (at least 32 characters)'],
    );
  });

  it('refuses the emulator id and malformed ids', () => {
    expect(envIdProblem('prod-1a2b3c4d')).toBeNull();
    expect(envIdProblem('local-sgz-emulator')).toMatch(/emulator/);
    expect(envIdProblem('Prod 1')).toMatch(/expected a CloudBase environment id/);
  });
});

/** An in-memory CloudBase, recording every call. */
function fakeManager() {
  const calls: string[] = [];
  const collections = new Map<string, Set<string>>();
  const rules = new Map<string, string>();
  const functions = new Map<string, unknown>();
  let setupAnswer = { ok: true, data: { changed: true } };
  const m: Manager = {
    database: {
      async createCollectionIfNotExists(name) {
        calls.push(`createCollectionIfNotExists ${name}`);
        if (collections.has(name)) return { IsCreated: false };
        collections.set(name, new Set(['_id_']));
        return { IsCreated: true };
      },
      async describeCollection(name) {
        return { Indexes: [...(collections.get(name) ?? [])].map((Name) => ({ Name })) };
      },
      async updateCollection(name, info) {
        calls.push(`updateCollection ${name} ${info.CreateIndexes.map((i) => i.IndexName).join(',')}`);
        for (const i of info.CreateIndexes) collections.get(name)!.add(i.IndexName);
      },
    },
    permission: {
      async describeResourcePermission({ resources }) {
        return {
          PermissionList: resources
            .filter((r) => rules.has(r))
            .map((r) => ({ Resource: r, Permission: 'CUSTOM', SecurityRule: rules.get(r) })),
        };
      },
      async modifyResourcePermission(o) {
        calls.push(`modifyResourcePermission ${o.resource}`);
        rules.set(o.resource, o.securityRule);
      },
    },
    functions: {
      async listAllFunctions() {
        return [...functions.keys()].map((FunctionName) => ({ FunctionName }));
      },
      async createFunction({ func }) {
        calls.push(`createFunction ${func.name}`);
        functions.set(func.name, func);
      },
      async updateFunctionCode({ func }) {
        calls.push(`updateFunctionCode ${func.name}`);
      },
      async updateFunctionConfig(func) {
        calls.push(`updateFunctionConfig ${func.name}`);
        functions.set(func.name, func);
      },
      async invokeFunction(name, params) {
        calls.push(`invokeFunction ${name} ${JSON.stringify(params)}`);
        return { RetMsg: JSON.stringify(setupAnswer) };
      },
    },
  };
  return {
    m,
    calls,
    functions,
    failSetup() {
      setupAnswer = { ok: false, data: { changed: false } };
    },
  };
}

describe('applyPlan (fake manager: no network)', () => {
  const plan = () => buildPlan('sgz-test-1a2b3c', readPlanInputs(), FULL_ENV);
  const opts = { env: FULL_ENV, functionRootPath: '/x/cloudfunctions' };

  it('creates what is missing, and a second run changes only the function code and configuration', async () => {
    const f = fakeManager();
    const first = await applyPlan(plan(), f.m, opts);
    const totalIndexes = plan().collections.reduce((n, c) => n + c.indexes.length, 0);
    expect(totalIndexes).toBeGreaterThan(Object.values(indexes).flat().length);
    const collections = Object.values(COLLECTIONS).length;
    expect(first.changes.filter((c) => c.startsWith('collection '))).toHaveLength(collections);
    expect(first.changes.filter((c) => c.startsWith('index '))).toHaveLength(totalIndexes);
    expect(first.changes.filter((c) => c.startsWith('rule '))).toHaveLength(collections);
    expect(first.changes.filter((c) => / created$/.test(c))).toHaveLength(functionFolders().length);
    expect(first.setup).toEqual({ changed: true });

    f.calls.length = 0;
    const second = await applyPlan(plan(), f.m, opts);
    expect(second.changes).toEqual(
      functionFolders().map((n) => `function ${n} code and configuration updated`),
    );
    expect(
      f.calls.filter((c) => /^(updateCollection|modifyResourcePermission|createFunction)/.test(c)),
    ).toEqual([]);
  });

  it('sends each function only its own variables, from the operator environment', async () => {
    const f = fakeManager();
    await applyPlan(plan(), f.m, { ...opts, env: { ...FULL_ENV, SGZ_BOOKING_DAYS_AHEAD: '21' } });
    const vars = (n: string) =>
      Object.keys((f.functions.get(n) as { envVariables: object }).envVariables).sort();
    expect(vars('stations')).toEqual(['SGZ_ADMIN_OPENIDS', 'SGZ_AUDIT_SALT']);
    expect(vars('setup')).toEqual(['SGZ_ADMIN_OPENIDS', 'SGZ_AUDIT_SALT', 'SGZ_SETUP_TOKEN']);
    expect(vars('requests')).toEqual(['SGZ_ADMIN_OPENIDS', 'SGZ_AUDIT_SALT', 'SGZ_BOOKING_DAYS_AHEAD']);
    expect(functionSpec(plan().functions[0]!, FULL_ENV)).toMatchObject({
      handler: 'index.main',
      installDependency: true,
    });
  });

  it('stops before sending anything when a required setting is missing', async () => {
    const f = fakeManager();
    const { SGZ_AUDIT_SALT: _s, ...env } = FULL_ENV;
    await expect(
      applyPlan(buildPlan('sgz-test-1a2b3c', readPlanInputs(), env), f.m, { ...opts, env }),
    ).rejects.toThrow('required settings missing from your environment (nothing was sent): SGZ_AUDIT_SALT');
    expect(f.calls).toEqual([]);
  });

  it('fails loudly when setup answers an error', async () => {
    const f = fakeManager();
    f.failSetup();
    await expect(applyPlan(plan(), f.m, opts)).rejects.toThrow(/setup.runSetup failed/);
  });
});

describe('command line', () => {
  it('parses the flags and refuses nonsense', () => {
    expect(parseDeployArgs(['--env', 'prod-1a2b', '--dry-run'])).toMatchObject({
      envId: 'prod-1a2b',
      dryRun: true,
    });
    expect(() => parseDeployArgs(['--dry-run'])).toThrow('--env <envId> is required');
    expect(() => parseDeployArgs(['--env'])).toThrow('--env needs a value');
    expect(() => parseDeployArgs(['--env', 'x', '--force'])).toThrow('unknown argument --force');
  });

  it('takes credentials from TENCENTCLOUD_* or CLOUDBASE_*, and names what is missing', () => {
    expect(credentialsFrom({ CLOUDBASE_SECRET_ID: 'a', CLOUDBASE_SECRET_KEY: 'b' })).toEqual({
      secretId: 'a',
      secretKey: 'b',
    });
    expect(credentialsFrom({ TENCENTCLOUD_SECRETID: 'a' })).toEqual({
      missing: ['TENCENTCLOUD_SECRETKEY (or CLOUDBASE_SECRET_KEY)'],
    });
  });
});
