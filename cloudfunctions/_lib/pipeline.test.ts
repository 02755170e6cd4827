import { z } from 'zod';
import { AppError } from '../../shared/src/errors';
import type { Access, AuthzContext } from './authz';
import { defineAction, type ActionContext } from './context';
import type { Cloud, DB } from './db';
import { makeCreateHandler } from './pipeline';

// The pipeline with fake platform parts: no SDK, no emulator. The fake cloud
// only answers getWXContext(); the fake db is an opaque token.
const fakeDb = { fake: 'db' } as unknown as DB;

const setup = (
  opts: { openid?: string; authorize?: (key: string, ctx: AuthzContext) => Promise<Access> } = {},
) => {
  const logs: string[] = [];
  const seen: { input?: unknown; ctx?: ActionContext; authz?: { key: string; ctx: AuthzContext } } = {};
  const authorize = jest.fn(
    opts.authorize ??
      (async (key: string, ctx: AuthzContext): Promise<Access> => {
        seen.authz = { key, ctx };
        return { action: key, role: 'resident', scope: 'public', caller: null } as Access;
      }),
  );
  const createHandler = makeCreateHandler({
    getCloud: () =>
      ({ getWXContext: () => ({ OPENID: opts.openid ?? '', APPID: 'wx-test' }) }) as unknown as Cloud,
    getDb: () => fakeDb,
    authorize,
    log: (line) => logs.push(line),
    clock: () => new Date('2026-04-01T00:00:00Z'),
  });
  const echo = defineAction({
    schema: z
      .object({
        name: z.string({ invalid_type_error: '名称必须是文字' }).max(5, '名称太长了'),
        stationId: z.string().optional(),
      })
      .strict(),
    handle: async (input, ctx) => {
      seen.input = input;
      seen.ctx = ctx;
      return { hello: input.name };
    },
  });
  const boom = defineAction({
    schema: z.object({}).strict(),
    handle: async () => {
      throw new Error('connect ECONNREFUSED 10.0.0.1 for resident 13812345678');
    },
  });
  const refuse = defineAction({
    schema: z.object({}).strict(),
    handle: async () => {
      throw new AppError('not-found', '没有找到该社工站');
    },
  });
  const main = createHandler('demo', { echo, boom, refuse });
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
    expect(JSON.parse(logs[0])).toEqual({
      level: 'error',
      function: 'demo',
      action: 'boom',
      requestId: 'req-9',
      error: 'connect ECONNREFUSED 10.0.0.1 for resident ***',
    });
    expect(logs[0]).not.toMatch(/\d{11}/);
  });

  it('logs nothing of the event when parsing fails', async () => {
    const { main, logs } = setup();
    await main({ action: 'echo', name: 13812345678 });
    expect(logs).toEqual([]);
  });
});
