/**
 * Timer triggers: config.json `triggers` parsed at start (a bad one names its function), CloudBase's
 * 7-field cron scheduled in Beijing time, the timer event with no OPENID, the admin listing and
 * `POST /__admin/triggers/<fn>/<trigger>/fire`. Every clock here is injected (or jest's fake one):
 * nothing depends on the wall clock.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp } from '../src';
import {
  TriggerScheduler,
  loadTriggers,
  parseCloudBaseCron,
  triggersOf,
  type TimerEvent,
  type TimerTrigger,
} from '../src/functions/triggers';
import { request, sdk, startEmulator } from './helpers';

const TIMER_FIXTURES = path.join(__dirname, 'fixtures', 'timer-functions');
const ms = (iso: string) => Date.parse(iso);

describe('CloudBase cron (7 fields: second minute hour day month weekday year)', () => {
  it.each([
    '*/5 * * * * * *',
    '0 0 2 1 * * *',
    '0 15 10 * * MON-FRI *',
    '0 0 10,14,16 * * * *',
    '0 */30 9-17 * * * *',
    '0 0 12 * * WED *',
    '0 1/10 * * * * *',
    '0 0 9 1 JAN-DEC 0-6 2026-2099',
  ])('accepts the documented form %s', (expr) => {
    expect(() => parseCloudBaseCron(expr)).not.toThrow();
  });

  it('reads `a/step` as CloudBase does: from a, every step', () => {
    const from = new Date('2026-12-01T01:00:30Z'); // 09:00:30 Beijing
    expect(
      parseCloudBaseCron('0 1/10 * * * * *')
        .nextRuns(3, from)
        .map((d) => d.toISOString()),
    ).toEqual(['2026-12-01T01:01:00.000Z', '2026-12-01T01:11:00.000Z', '2026-12-01T01:21:00.000Z']);
    expect(
      parseCloudBaseCron('0 0 9 * * MON/2 *')
        .nextRuns(2, from)
        .map((d) => d.toISOString()),
    ).toEqual([
      '2026-12-02T01:00:00.000Z', // Wednesday
      '2026-12-04T01:00:00.000Z', // Friday
    ]);
  });

  it.each<[string, RegExp]>([
    ['0 0 9 1 * *', /has 6 fields; CloudBase's cron has exactly 7/],
    ['0 9 1 * *', /has 5 fields/],
    ['0 0 9 1 * * * *', /has 8 fields/],
    ['', /has 0 fields/],
    ['0 0 24 * * * *', /hour field: "24" is outside 0–23/],
    ['0 0 9 1 * 7 *', /day of week field: "7" is outside 0–6 \(or SUN–SAT\)/],
    ['0 0 9 1 13 * *', /month field: "13" is outside 1–12/],
    ['0 0 9 1 * * 2100', /year field: "2100" is outside 1970–2099/],
    ['0 0 9 0 * * *', /day of month field: "0" is outside 1–31/],
    ['0 0 17-9 * * * *', /hour field: range "17-9" runs backwards/],
    ['0 0 9 ? * * *', /day of month field: "\?" is outside/],
    ['0 0 9 L * * *', /day of month field: "L" is outside/],
    ['0 */0 * * * * *', /minute field: step "0" must be at least 1/],
  ])('refuses %j', (expr, message) => {
    expect(() => parseCloudBaseCron(expr)).toThrow(message);
  });
});

describe('config.json triggers', () => {
  const trig = (t: Record<string, unknown>) => ({
    triggers: [{ name: 'monthly', type: 'timer', config: '0 0 9 1 * * *', ...t }],
  });

  it('reads the form WeChat DevTools uploads; no config or no triggers is none', () => {
    expect(triggersOf('reminders', trig({}))).toEqual([
      { functionName: 'reminders', name: 'monthly', config: '0 0 9 1 * * *' },
    ]);
    expect(triggersOf('files', { timeout: 20 })).toEqual([]);
    expect(triggersOf('files', undefined)).toEqual([]);
    expect(loadTriggers(TIMER_FIXTURES)).toEqual([
      { functionName: 'failing', name: 'nightly', config: '0 30 7 * * * *' },
      { functionName: 'ticker', name: 'monthly', config: '0 0 9 1 * * *' },
    ]);
  });

  it.each<[unknown, RegExp]>([
    [
      trig({ config: '0 0 9 1 * *' }),
      /^function reminders: config.json trigger monthly: invalid cron "0 0 9 1 \* \*" has 6 fields/,
    ],
    [
      trig({ name: '1st' }),
      /^function reminders: config.json trigger #1: name "1st" must start with a letter/,
    ],
    [trig({ name: 'a'.repeat(61) }), /name "a{61}" must start with a letter/],
    [trig({ type: 'cos' }), /trigger monthly: type "cos" is not "timer"/],
    [trig({ config: 5 }), /trigger monthly: "config" must be the cron expression/],
    [{ triggers: {} }, /"triggers" must be an array/],
    [
      { triggers: [trig({}).triggers[0], { ...trig({}).triggers[0], name: 'again' }] },
      /has 2 triggers; CloudBase supports 1 per function/,
    ],
    [[1], /is not a JSON object/],
  ])('refuses %j, naming the function', (config, message) => {
    expect(() => triggersOf('reminders', config)).toThrow(message);
  });

  describe('at start-up', () => {
    let dir: string;
    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sgz-triggers-'));
      fs.mkdirSync(path.join(dir, 'reminders'));
      fs.mkdirSync(path.join(dir, '_lib')); // a folder without config.json is not a function with triggers
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('an invalid cron stops createApp with an error naming the function', () => {
      fs.writeFileSync(
        path.join(dir, 'reminders', 'config.json'),
        JSON.stringify(trig({ config: '0 0 25 1 * * *' })),
      );
      expect(() => createApp({ dataDir: null, functionsDir: dir, log: () => undefined })).toThrow(
        /function reminders: config.json trigger monthly: invalid cron "0 0 25 1 \* \* \*": hour field/,
      );
    });

    it('a config.json that is not JSON too', () => {
      fs.writeFileSync(path.join(dir, 'reminders', 'config.json'), '{ "triggers": [ // comment\n] }');
      expect(() => createApp({ dataDir: null, functionsDir: dir, log: () => undefined })).toThrow(
        /^function reminders: config.json is not valid JSON/,
      );
    });
  });
});

describe('TriggerScheduler (injected clock)', () => {
  const monthly: TimerTrigger = { functionName: 'reminders', name: 'monthly', config: '0 0 9 1 * * *' };
  const morning: TimerTrigger = { functionName: 'cleanup', name: 'morning', config: '0 30 7 * * * *' };

  const setup = (startIso: string, triggers: TimerTrigger[] = [monthly, morning]) => {
    let now = ms(startIso);
    const calls: [string, TimerEvent][] = [];
    const s = new TriggerScheduler({
      triggers,
      invoke: async (fn, event) => {
        calls.push([fn, event]);
        return { ok: true };
      },
      now: () => now,
    });
    return { s, calls, setNow: (iso: string) => void (now = ms(iso)) };
  };

  it('computes next runs in Beijing time, across the UTC day boundary', () => {
    // 06:00 Beijing on 1 Dec = 22:00 UTC on 30 Nov.
    const { s } = setup('2026-11-30T22:00:00Z');
    expect(s.list()).toEqual([
      {
        function: 'reminders',
        name: 'monthly',
        type: 'timer',
        config: '0 0 9 1 * * *',
        nextRun: '2026-12-01T01:00:00.000Z', // 09:00 Beijing, 1 Dec
        nextRunBeijing: '2026-12-01 09:00:00',
      },
      {
        function: 'cleanup',
        name: 'morning',
        type: 'timer',
        config: '0 30 7 * * * *',
        nextRun: '2026-11-30T23:30:00.000Z', // 07:30 Beijing on 1 Dec is still 30 Nov in UTC
        nextRunBeijing: '2026-12-01 07:30:00',
      },
    ]);
    // New Year's midnight in Beijing is 16:00 UTC on 31 Dec.
    const ny = setup('2026-06-01T00:00:00Z', [{ functionName: 'f', name: 'ny', config: '0 0 0 1 1 * *' }]);
    expect(ny.s.list()[0]!.nextRun).toBe('2026-12-31T16:00:00.000Z');
    // A year field in the past: no next run.
    const past = setup('2026-06-01T00:00:00Z', [
      { functionName: 'f', name: 'once', config: '0 0 0 1 1 * 2026' },
    ]);
    expect(past.s.list()[0]!.nextRun).toBeNull();
  });

  it('fires what is due when the clock reaches it, with the timer event, then moves on', async () => {
    const { s, calls, setNow } = setup('2026-11-30T22:00:00Z');
    expect(await s.runDue()).toEqual([]);
    setNow('2026-11-30T23:29:59.999Z');
    expect(await s.runDue()).toEqual([]);
    setNow('2026-11-30T23:30:00Z');
    const fired = await s.runDue();
    expect(fired.map((f) => [f.trigger.name, f.ok])).toEqual([['morning', true]]);
    expect(calls).toEqual([
      ['cleanup', { Type: 'Timer', TriggerName: 'morning', Time: '2026-11-30T23:30:00Z', Message: '' }],
    ]);
    expect(s.list().find((t) => t.name === 'morning')!.nextRunBeijing).toBe('2026-12-02 07:30:00');
    setNow('2026-12-01T01:00:00Z');
    await s.runDue();
    expect(calls.at(-1)).toEqual([
      'reminders',
      { Type: 'Timer', TriggerName: 'monthly', Time: '2026-12-01T01:00:00Z', Message: '' },
    ]);
    expect(s.list()[0]!.nextRunBeijing).toBe('2027-01-01 09:00:00');
  });

  it('missed runs are not replayed: one firing for the latest passed run, then the next from now', async () => {
    const { s, calls, setNow } = setup('2026-11-30T22:00:00Z', [monthly]);
    setNow('2027-03-15T00:00:00Z'); // asleep through the runs of Dec, Jan, Feb and Mar
    await s.runDue();
    expect(calls).toHaveLength(1);
    expect(calls[0]![1].Time).toBe('2027-03-01T01:00:00Z');
    expect(s.list()[0]!.nextRunBeijing).toBe('2027-04-01 09:00:00');
  });

  it('fireNow runs one trigger at once and leaves its schedule alone; unknown is null', async () => {
    const { s, calls } = setup('2026-12-15T03:04:05.678Z');
    const out = await s.fireNow('reminders', 'monthly');
    expect(out?.event).toEqual({
      Type: 'Timer',
      TriggerName: 'monthly',
      Time: '2026-12-15T03:04:05Z',
      Message: '',
    });
    expect(calls).toHaveLength(1);
    expect(s.list()[0]!.nextRunBeijing).toBe('2027-01-01 09:00:00');
    expect(await s.fireNow('reminders', 'nope')).toBeNull();
    expect(await s.fireNow('nope', 'monthly')).toBeNull();
  });

  it('a failing function is reported, and the schedule goes on', async () => {
    const s = new TriggerScheduler({
      triggers: [monthly],
      invoke: async () => {
        throw Object.assign(new Error('function reminders failed: boom'), { code: 'FUNCTIONS_EXECUTE_FAIL' });
      },
      now: () => ms('2026-12-01T01:00:00Z'),
    });
    expect(await s.fireNow('reminders', 'monthly')).toMatchObject({
      ok: false,
      error: { code: 'FUNCTIONS_EXECUTE_FAIL', message: 'function reminders failed: boom' },
    });
  });

  describe('on a (fake) timer', () => {
    beforeEach(() => jest.useFakeTimers({ now: ms('2026-12-31T20:00:00Z') })); // 04:00 Beijing, 1 Jan 2027
    afterEach(() => jest.useRealTimers());

    it('fires at the scheduled instant, also a month away (beyond setTimeout’s 24.8-day limit)', async () => {
      const times: string[] = [];
      const s = new TriggerScheduler({
        triggers: [monthly],
        invoke: async (_fn, e) => void times.push(e.Time),
      });
      s.start();
      await jest.advanceTimersByTimeAsync(ms('2027-01-01T00:59:59Z') - Date.now());
      expect(times).toEqual([]);
      await jest.advanceTimersByTimeAsync(1_000);
      expect(times).toEqual(['2027-01-01T01:00:00Z']);
      await jest.advanceTimersByTimeAsync(ms('2027-02-01T01:00:00Z') - Date.now()); // 31 days
      expect(times).toEqual(['2027-01-01T01:00:00Z', '2027-02-01T01:00:00Z']);
      s.stop();
      await jest.advanceTimersByTimeAsync(ms('2027-03-01T02:00:00Z') - Date.now());
      expect(times).toHaveLength(2);
    });
  });
});

describe('through the emulator', () => {
  let clock = ms('2026-11-30T22:00:00Z');
  let emu: Awaited<ReturnType<typeof startEmulator>>;
  beforeAll(async () => {
    emu = await startEmulator({ functionsDir: TIMER_FIXTURES, now: () => clock });
  });
  afterAll(async () => {
    await emu.stop();
  });

  it('lists the triggers with their next run', async () => {
    const r = await request(emu.url, { path: '/__admin/triggers' });
    expect(r.status).toBe(200);
    expect(r.json()).toEqual({
      triggers: [
        expect.objectContaining({
          function: 'failing',
          name: 'nightly',
          nextRunBeijing: '2026-12-01 07:30:00',
        }),
        expect.objectContaining({ function: 'ticker', name: 'monthly', nextRun: '2026-12-01T01:00:00.000Z' }),
      ],
    });
  });

  it('POST /__admin/triggers/<fn>/<trigger>/fire reaches the function with the timer event and no OPENID', async () => {
    clock = ms('2026-12-02T08:15:00Z');
    const r = await request(emu.url, { method: 'POST', path: '/__admin/triggers/ticker/monthly/fire' });
    expect(r.status).toBe(200);
    const event = { Type: 'Timer', TriggerName: 'monthly', Time: '2026-12-02T08:15:00Z', Message: '' };
    expect(r.json()).toEqual({
      function: 'ticker',
      trigger: 'monthly',
      event,
      ok: true,
      result: { event, openid: '', source: 'wx_trigger' },
    });
    const ticks = await sdk().database().collection('ticks').where({ time: '2026-12-02T08:15:00Z' }).count();
    expect(ticks.total).toBe(1);
  });

  it('a failing function answers 502 with the error; an unknown trigger 404', async () => {
    const failed = await request(emu.url, { method: 'POST', path: '/__admin/triggers/failing/nightly/fire' });
    expect(failed.status).toBe(502);
    expect(failed.json()).toMatchObject({
      ok: false,
      error: { code: 'FUNCTIONS_EXECUTE_FAIL', message: expect.stringContaining('nightly cleanup failed') },
    });
    const missing = await request(emu.url, { method: 'POST', path: '/__admin/triggers/ticker/weekly/fire' });
    expect(missing.status).toBe(404);
    expect(missing.json()).toEqual({ error: 'function ticker has no timer trigger weekly' });
    const wrongMethod = await request(emu.url, { path: '/__admin/triggers/ticker/monthly/fire' });
    expect(wrongMethod.status).toBe(404);
  });

  it('on schedule: app.triggers.runDue() at the injected instant invokes the real function', async () => {
    clock = ms('2027-01-01T01:00:00Z');
    const fired = await emu.app.triggers.runDue();
    expect(fired.map((f) => [f.trigger.functionName, f.ok, f.event.Time])).toEqual([
      ['failing', false, '2026-12-31T23:30:00Z'], // 07:30 Beijing on 1 Jan, the latest passed
      ['ticker', true, '2027-01-01T01:00:00Z'],
    ]);
    expect(emu.captured.lines).toContainEqual(
      expect.stringMatching(
        /^\[trigger:ticker\/monthly\] fired for 2027-01-01T01:00:00Z \(2027-01-01 09:00:00 Beijing\): ok$/,
      ),
    );
  });
});
