import { z } from 'zod';
import type { ActionKey } from '../../shared/src/auth/permissions';
import { action, defineContract } from '../../shared/src/contracts/define';
import { AppError } from '../../shared/src/errors';
import type { Access, AuthzContext, Authorized } from './authz';
import { defineAction, type ActionContext } from './context';
import type { Cloud, DB } from './db';
import { makeCreateHandler, nestedDeeperThan } from './pipeline';

// The pipeline with fake platform parts: no SDK, no emulator. The fake cloud
// only answers getWXContext(); the fake db records audit entries.
const added: Array<{ collection: string; data: Record<string, unknown> }> = [];
const fakeDb = {
  fake: 'db',
  serverDate: () => 'SERVER_DATE',
  collection: (collection: string) => ({
    add: async ({ data }: { data: Record<string, unknown> }) => {
      added.push({ collection, data });
      return { _id: 'x' };
    },
  }),
} as unknown as DB;
beforeEach(() => {
  added.length = 0;
});

// Permission keys of a demo function (not rows of the real table).
const key = (k: string) => k as ActionKey;
const demo = defineContract('demo', {
  echo: action<{ hello: string }>()({
    input: z
      .object({
        name: z.string({ invalid_type_error: '名称必须是文字' }).max(5, '名称太长了'),
        stationId: z.string().optional(),
      })
      .strict(),
    permission: key('demo.echo'),
  }),
  boom: action<never>()({ input: z.object({}).strict(), permission: key('demo.boom') }),
  refuse: action<never>()({ input: z.object({}).strict(), permission: key('other.refuseRow') }),
  peek: action<{ seen: string }>()({
    input: z.object({ recordId: z.string() }).strict(),
    permission: key('demo.peek'),
    audit: 'personal-read',
    auditTarget: 'recordId',
  }),
});

const setup = (
  opts: {
    openid?: string;
    scope?: Access['scope'];
    authorize?: (key: string, ctx: AuthzContext) => Promise<Authorized>;
    env?: Record<string, string | undefined>;
  } = {},
) => {
  const logs: string[] = [];
  const seen: { input?: unknown; ctx?: ActionContext; authz?: { key: string; ctx: AuthzContext } } = {};
  const authorize = jest.fn(
    opts.authorize ??
      (async (key: string, ctx: AuthzContext): Promise<Authorized> => {
        seen.authz = { key, ctx };
        return {
          access: { action: key, role: 'resident', scope: opts.scope ?? 'public', caller: null },
          account: null,
        };
      }),
  );
  const createHandler = makeCreateHandler({
    getCloud: () =>
      ({ getWXContext: () => ({ OPENID: opts.openid ?? '', APPID: 'wx-test' }) }) as unknown as Cloud,
    getDb: () => fakeDb,
    authorize,
    log: (line) => logs.push(line),
    clock: () => new Date('2026-04-01T00:00:00Z'),
    env: opts.env ?? {},
  });
  const echo = defineAction({
    contract: demo.actions.echo,
    handle: async (input, ctx) => {
      seen.input = input;
      seen.ctx = ctx;
      return { hello: input.name };
    },
  });
  const boom = defineAction({
    contract: demo.actions.boom,
    handle: async () => {
      throw new Error('connect ECONNREFUSED 10.0.0.1 for resident 13812345678');
    },
  });
  const refuse = defineAction({
    contract: demo.actions.refuse,
    handle: async () => {
      throw new AppError('not-found', '没有找到该社工站');
    },
  });
  const peek = defineAction({
    contract: demo.actions.peek,
    handle: async (input) => ({ seen: input.recordId }),
  });
  const main = createHandler(demo, { echo, boom, refuse, peek });
  return { main, logs, seen, authorize };
};

describe('createHandler pipeline', () => {
  it('routes by action and answers {ok:true,data}', async () => {
    const { main, seen } = setup({ openid: 'o-1' });
    await expect(main({ action: 'echo', name: '塘沽' }, { request_id: 'r-1' })).resolves.toEqual({
      ok: true,
      data: { hello: '塘沽' },
    });
    expect(seen.input).toEqual({ name: '塘沽' });
    expect(seen.ctx).toMatchObject({
      openid: 'o-1',
      appid: 'wx-test',
      requestId: 'r-1',
      functionName: 'demo',
      action: 'echo',
      db: fakeDb,
    });
    expect(seen.ctx?.now.toISOString()).toBe('2026-04-01T00:00:00.000Z');
    expect(seen.authz).toMatchObject({
      key: 'demo.echo',
      ctx: { openid: 'o-1', requestId: 'r-1', db: fakeDb },
    });
    expect(seen.ctx?.access).toMatchObject({ role: 'resident', scope: 'public' });
  });

  it.each([[undefined], [null], ['echo'], [[{ action: 'echo' }]]])(
    'refuses a non-object event %j',
    async (event) => {
      const { main, authorize } = setup();
      const out = await main(event);
      expect(out).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
      expect(authorize).not.toHaveBeenCalled();
    },
  );

  it.each([
    [{}],
    [{ action: 'nope' }],
    [{ action: 'toString' }],
    [{ action: '__proto__' }],
    [{ action: { $gt: '' } }],
  ])('refuses an unknown action %j', async (event) => {
    const { main, authorize } = setup();
    await expect(main(event)).resolves.toEqual({
      ok: false,
      error: {
        code: 'invalid-argument',
        message: '不支持的操作，请更新小程序后再试',
        details: { field: 'action' },
      },
    });
    expect(authorize).not.toHaveBeenCalled();
  });

  it('answers the schema message and field on bad input, before authorizing', async () => {
    const { main, authorize } = setup({ openid: 'o-1' });
    await expect(main({ action: 'echo', name: { $gt: '' } })).resolves.toEqual({
      ok: false,
      error: { code: 'invalid-argument', message: '名称必须是文字', details: { field: 'name' } },
    });
    await expect(main({ action: 'echo', name: '一二三四五六' })).resolves.toMatchObject({
      error: { message: '名称太长了' },
    });
    await expect(main({ action: 'echo', name: 'a', extra: 1 })).resolves.toMatchObject({
      error: { code: 'invalid-argument', details: { field: 'extra' } },
    });
    expect(authorize).not.toHaveBeenCalled();
  });

  it('strips identity keys: the event cannot claim an OPENID or a role', async () => {
    const { main, seen } = setup({ openid: 'real-openid' });
    const out = await main({
      action: 'echo',
      name: 'x',
      openid: 'attacker',
      OPENID: 'attacker',
      _openid: 'attacker',
      unionid: 'u',
      appid: 'a',
      role: 'district_admin',
      createdBy: 'attacker',
      userInfo: { openId: 'attacker' },
    });
    expect(out).toEqual({ ok: true, data: { hello: 'x' } });
    expect(seen.ctx?.openid).toBe('real-openid');
    expect(seen.authz?.ctx.openid).toBe('real-openid');
  });

  it('keeps stationId: it is a legitimate input of some actions', async () => {
    const { main, seen } = setup({ openid: 'o' });
    await main({ action: 'echo', name: 'x', stationId: 'st-tanggu' });
    expect(seen.input).toEqual({ name: 'x', stationId: 'st-tanggu' });
  });

  it('strips a spoofed stationId from actions that do not take one', async () => {
    const { main } = setup({ openid: 'o' });
    await expect(main({ action: 'refuse', stationId: 'st-other' })).resolves.toMatchObject({
      error: { code: 'not-found' },
    });
    await expect(main({ action: 'refuse', other: 'x' })).resolves.toMatchObject({
      error: { code: 'invalid-argument' },
    });
  });

  it('gives a null openid when the WeChat context has none (timer, HTTP trigger)', async () => {
    const { main, seen } = setup({ openid: '' });
    await main({ action: 'echo', name: 'x' });
    expect(seen.authz?.ctx.openid).toBeNull();
  });

  it('turns an authorization AppError into its wire error and never runs the action', async () => {
    const { main, seen } = setup({
      openid: 'o',
      authorize: async () => {
        throw new AppError('permission-denied', '您没有权限进行此操作');
      },
    });
    await expect(main({ action: 'echo', name: 'x' })).resolves.toEqual({
      ok: false,
      error: { code: 'permission-denied', message: '您没有权限进行此操作' },
    });
    expect(seen.input).toBeUndefined();
  });

  it('passes an AppError from the action through', async () => {
    const { main } = setup({ openid: 'o' });
    await expect(main({ action: 'refuse' })).resolves.toEqual({
      ok: false,
      error: { code: 'not-found', message: '没有找到该社工站' },
    });
  });

  it('recognises an AppError from another copy of shared/ by its shape', async () => {
    const foreign = Object.assign(new Error('请稍后'), { name: 'AppError', code: 'resource-exhausted' });
    const { main } = setup({
      authorize: async () => {
        throw foreign;
      },
    });
    await expect(main({ action: 'echo', name: 'x' })).resolves.toEqual({
      ok: false,
      error: { code: 'resource-exhausted', message: '请稍后' },
    });
  });

  it('turns anything else into internal, with no stack or message leaked, and logs without input values', async () => {
    const { main, logs } = setup({ openid: 'o' });
    const out = await main({ action: 'boom' }, { request_id: 'req-9' });
    expect(out).toEqual({ ok: false, error: { code: 'internal', message: '系统繁忙，请稍后再试' } });
    expect(JSON.stringify(out)).not.toMatch(/ECONNREFUSED|at |\.ts/);
    expect(logs).toHaveLength(1);
    const line = JSON.parse(logs[0]) as Record<string, unknown>;
    expect(line).toMatchObject({
      level: 'error',
      function: 'demo',
      action: 'boom',
      requestId: 'req-9',
      error: 'connect ECONNREFUSED 10.0.0.1 for resident ***',
    });
    // The stack stays in the server log (frames only: the first line repeats the message).
    expect(String(line.stack)).toMatch(/^at .*pipeline\.test\.ts:\d+/);
    expect(logs[0]).not.toMatch(/\d{11}/);
  });

  it('authorizes with the permission row the contract declares, not a name built from the function', async () => {
    const { main, seen } = setup({ openid: 'o' });
    await main({ action: 'refuse' });
    expect(seen.authz?.key).toBe('other.refuseRow');
  });

  it('refuses a handler table that does not match its contract', () => {
    const createHandler = makeCreateHandler({
      getCloud: () => ({}) as Cloud,
      getDb: () => fakeDb,
      authorize: async () => ({ access: {} as Access, account: null }),
    });
    const wrong = defineAction({
      contract: demo.actions.boom,
      handle: async () => ({ hello: 'x' }) as never,
    });
    expect(() =>
      createHandler(demo, {
        echo: wrong as never,
        boom: wrong,
        refuse: wrong as never,
        peek: wrong as never,
      }),
    ).toThrow(/echo/);
  });

  it("audits a personal read beyond one's own scope, once, with the declared target", async () => {
    const { main } = setup({ openid: 'o', scope: 'station' });
    await expect(main({ action: 'peek', recordId: 'rec-1' }, { request_id: 'req-a' })).resolves.toEqual({
      ok: true,
      data: { seen: 'rec-1' },
    });
    expect(added).toEqual([
      {
        collection: 'audit_log',
        data: expect.objectContaining({
          action: 'demo.peek',
          targetId: 'rec-1',
          outcome: 'ok',
          requestId: 'req-a',
        }),
      },
    ]);
  });

  it.each([['own'], ['public']] as const)('does not audit a personal read with scope %s', async (scope) => {
    const { main } = setup({ openid: 'o', scope });
    await main({ action: 'peek', recordId: 'rec-1' });
    expect(added).toEqual([]);
  });

  it('does not audit a read that failed', async () => {
    const { main } = setup({ openid: 'o', scope: 'station' });
    await main({ action: 'peek', recordId: 5 });
    expect(added).toEqual([]);
  });

  it('refuses an event nested deeper than the limit before parsing or authorizing', async () => {
    const { main, authorize } = setup({ openid: 'o' });
    let deep: Record<string, unknown> = {};
    const root = deep;
    for (let i = 0; i < 100_000; i++) {
      const next = {};
      deep.a = next;
      deep = next;
    }
    await expect(main({ action: 'echo', name: root })).resolves.toMatchObject({
      ok: false,
      error: { code: 'invalid-argument' },
    });
    expect(authorize).not.toHaveBeenCalled();
    expect(nestedDeeperThan({ a: [{ b: 1 }] }, 3)).toBe(false);
    expect(nestedDeeperThan({ a: [{ b: {} }] }, 3)).toBe(true);
  });

  it('logs nothing of the event when parsing fails', async () => {
    const { main, logs } = setup();
    await main({ action: 'echo', name: 13812345678 });
    expect(logs).toEqual([]);
  });
});

describe('required settings (issue 16): checked once per cold start in a real environment', () => {
  const REAL = {
    TCB_ENV: 'sgz-prod-1a2b3c',
    SGZ_AUDIT_SALT: 'a-long-random-salt',
    SGZ_ADMIN_OPENIDS: 'o-admin',
  };

  it('refuses every call with internal and one JSON log line naming the missing setting', async () => {
    const { SGZ_AUDIT_SALT: _omitted, ...env } = REAL;
    const { main, logs, authorize, seen } = setup({ openid: 'o-1', env });
    for (const requestId of ['r-1', 'r-2']) {
      await expect(main({ action: 'echo', name: '塘沽' }, { request_id: requestId })).resolves.toEqual({
        ok: false,
        error: { code: 'internal', message: expect.any(String) },
      });
    }
    expect(authorize).not.toHaveBeenCalled();
    expect(seen.input).toBeUndefined();
    expect(added).toEqual([]);
    expect(logs).toHaveLength(2);
    const line = JSON.parse(logs[0]!) as Record<string, unknown>;
    expect(line).toMatchObject({
      level: 'error',
      function: 'demo',
      requestId: 'r-1',
      error: 'missing-settings',
      settings: ['SGZ_AUDIT_SALT'],
    });
    expect(String(line.message)).toContain('SGZ_AUDIT_SALT');
  });

  it('treats a blank value as missing', async () => {
    const { main, logs } = setup({ openid: 'o-1', env: { ...REAL, SGZ_ADMIN_OPENIDS: '  ' } });
    await expect(main({ action: 'echo', name: 'a' })).resolves.toMatchObject({ error: { code: 'internal' } });
    expect(JSON.parse(logs[0]!)).toMatchObject({ settings: ['SGZ_ADMIN_OPENIDS'] });
  });

  it('runs normally in a real environment with every required setting', async () => {
    const { main, logs } = setup({ openid: 'o-1', env: REAL });
    await expect(main({ action: 'echo', name: 'a' })).resolves.toEqual({ ok: true, data: { hello: 'a' } });
    expect(logs).toEqual([]);
  });

  it('does not require them on the emulator (local-sgz-…) or with no environment id (unit tests)', async () => {
    for (const env of [{ TCB_ENV: 'local-sgz-emulator' }, {}]) {
      const { main } = setup({ openid: 'o-1', env });
      await expect(main({ action: 'echo', name: 'a' })).resolves.toMatchObject({ ok: true });
    }
  });

  it('reads SCF_NAMESPACE when TCB_ENV is absent', async () => {
    const { main } = setup({ openid: 'o-1', env: { SCF_NAMESPACE: 'sgz-prod-1a2b3c' } });
    await expect(main({ action: 'echo', name: 'a' })).resolves.toMatchObject({ error: { code: 'internal' } });
  });
});
