/**
 * Timer triggers (定时触发器): a function's `config.json` `triggers`, as WeChat DevTools uploads them and
 * CloudBase runs them: `[{ "name": "monthly", "type": "timer", "config": "0 0 9 1 * * *" }]`.
 *
 * CloudBase's cron has seven fields — second minute hour day month weekday year — and runs in UTC+8
 * (Asia/Shanghai), whatever the function's own TZ. The form is checked here (exactly seven fields,
 * CloudBase's ranges and wildcards `, - * /`), then handed to croner 10 (which also knows the seconds and
 * year fields) with `timezone: 'Asia/Shanghai'` to compute the next run. Day and weekday both given are
 * OR-ed, as CloudBase documents and croner does by default.
 *
 * The scheduler keeps its own clock (`now`, injectable) and timer (clamped to setTimeout's 24.8-day
 * limit); tests drive it with `runDue()` after moving an injected clock.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Cron } from 'croner';
import { MAX_TRIGGERS_PER_FUNCTION, TIMER_TIMEZONE } from './unverified';

/** One timer trigger of one function. */
export interface TimerTrigger {
  functionName: string;
  name: string;
  /** The 7-field CloudBase cron, as written in config.json. */
  config: string;
}

/** The event CloudBase hands a function fired by a timer trigger (SCF's timer event). */
export interface TimerEvent {
  Type: 'Timer';
  TriggerName: string;
  /** The scheduled instant in UTC, `YYYY-MM-DDTHH:mm:ssZ`. */
  Time: string;
  /** The trigger's attached message (config.json has no field for it: always empty). */
  Message: string;
}

/** A trigger configuration problem found at start-up; the message names the function and the trigger. */
export class TriggerConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TriggerConfigError';
  }
}

/** Trigger names: a letter, then letters, digits, `-` and `_`, at most 60 characters (CloudBase's rule). */
export const TRIGGER_NAME_RE = /^[A-Za-z][A-Za-z0-9_-]{0,59}$/;

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

/** The seven fields in order, with CloudBase's ranges (weekday 0 = Sunday) and the names each accepts. */
const FIELDS: readonly { label: string; min: number; max: number; names?: string[]; namesFrom?: number }[] = [
  { label: 'second', min: 0, max: 59 },
  { label: 'minute', min: 0, max: 59 },
  { label: 'hour', min: 0, max: 23 },
  { label: 'day of month', min: 1, max: 31 },
  { label: 'month', min: 1, max: 12, names: MONTHS, namesFrom: 1 },
  { label: 'day of week', min: 0, max: 6, names: WEEKDAYS, namesFrom: 0 },
  { label: 'year', min: 1970, max: 2099 },
];

/** Reads one value of a field (a number or, for month and weekday, a name); null when not allowed. */
function fieldValue(raw: string, f: (typeof FIELDS)[number]): number | null {
  if (/^\d+$/.test(raw)) {
    const n = Number(raw);
    return n >= f.min && n <= f.max ? n : null;
  }
  const i = f.names?.indexOf(raw.toUpperCase()) ?? -1;
  return i >= 0 ? i + (f.namesFrom ?? 0) : null;
}

/** Why one field is not CloudBase's form, or null. Parts: `*`, `a`, `a-b`, each optionally `/step`. */
function fieldProblem(field: string, f: (typeof FIELDS)[number]): string | null {
  for (const part of field.split(',')) {
    const m = /^([^/]+)(?:\/(\d+))?$/.exec(part);
    if (!m) return `"${part}" is not a value, a range or a step`;
    const [, base, step] = m;
    if (step !== undefined && Number(step) < 1) return `step "${step}" must be at least 1`;
    if (base === '*') continue;
    const ends = base.split('-');
    if (ends.length > 2) return `"${base}" is not a value or a range`;
    const values = ends.map((e) => fieldValue(e, f));
    if (values.some((v) => v === null))
      return `"${base}" is outside ${f.min}–${f.max}${f.names ? ` (or ${f.names[0]}–${f.names[f.names.length - 1]})` : ''}`;
    if (values.length === 2 && (values[0] as number) > (values[1] as number))
      return `range "${base}" runs backwards`;
  }
  return null;
}

/**
 * CloudBase's `a/step` ("from a, every step": `1/10` in minutes = 1, 11, 21, …) is croner's
 * `a-max/step`; croner refuses the short form. Other parts pass as they are.
 */
function forCroner(field: string, f: (typeof FIELDS)[number]): string {
  return field
    .split(',')
    .map((part) => {
      const m = /^([^*/-]+)\/(\d+)$/.exec(part);
      return m ? `${fieldValue(m[1], f)}-${f.max}/${m[2]}` : part;
    })
    .join(',');
}

/** Checks a CloudBase cron expression; returns the croner job (paused) that computes its runs. */
export function parseCloudBaseCron(expr: string): Cron {
  if (typeof expr !== 'string') throw new Error('the cron expression must be a string');
  const fields = expr.trim().split(/\s+/);
  if (fields.length !== 7 || expr.trim() === '') {
    throw new Error(
      `"${expr}" has ${expr.trim() === '' ? 0 : fields.length} fields; CloudBase's cron has exactly 7: second minute hour day month weekday year`,
    );
  }
  fields.forEach((field, i) => {
    const problem = fieldProblem(field, FIELDS[i]);
    if (problem) throw new Error(`"${expr}": ${FIELDS[i].label} field: ${problem}`);
  });
  try {
    return new Cron(fields.map((f, i) => forCroner(f, FIELDS[i])).join(' '), {
      timezone: TIMER_TIMEZONE,
      paused: true,
    });
  } catch (err) {
    throw new Error(`"${expr}": ${(err as Error).message}`);
  }
}

/**
 * The timer triggers of one function from its parsed config.json (`undefined` = no config.json).
 * Throws TriggerConfigError naming the function and the trigger.
 */
export function triggersOf(functionName: string, config: unknown): TimerTrigger[] {
  const bad = (what: string) => new TriggerConfigError(`function ${functionName}: config.json ${what}`);
  if (config === undefined) return [];
  if (typeof config !== 'object' || config === null || Array.isArray(config))
    throw bad('is not a JSON object');
  const list = (config as { triggers?: unknown }).triggers;
  if (list === undefined) return [];
  if (!Array.isArray(list)) throw bad('"triggers" must be an array');
  if (list.length > MAX_TRIGGERS_PER_FUNCTION)
    throw bad(`has ${list.length} triggers; CloudBase supports ${MAX_TRIGGERS_PER_FUNCTION} per function`);
  const seen = new Set<string>();
  return list.map((t, i) => {
    if (typeof t !== 'object' || t === null) throw bad(`trigger #${i + 1} is not an object`);
    const { name, type, config: cron } = t as Record<string, unknown>;
    if (typeof name !== 'string' || !TRIGGER_NAME_RE.test(name))
      throw bad(
        `trigger #${i + 1}: name ${JSON.stringify(name)} must start with a letter and use only letters, digits, - and _ (at most 60)`,
      );
    if (seen.has(name)) throw bad(`has two triggers named ${name}`);
    seen.add(name);
    if (type !== 'timer')
      throw bad(`trigger ${name}: type ${JSON.stringify(type)} is not "timer" (the only type)`);
    if (typeof cron !== 'string')
      throw bad(`trigger ${name}: "config" must be the cron expression (a string)`);
    try {
      parseCloudBaseCron(cron);
    } catch (err) {
      throw bad(`trigger ${name}: invalid cron ${(err as Error).message}`);
    }
    return { functionName, name, config: cron };
  });
}

/**
 * Every timer trigger under `functionsDir` (one folder per function, `config.json` beside `index.js`).
 * A config.json that is not JSON, or a bad trigger, is a start-up error naming the function.
 */
export function loadTriggers(functionsDir: string): TimerTrigger[] {
  let names: string[];
  try {
    names = fs
      .readdirSync(functionsDir, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
  } catch {
    return [];
  }
  const out: TimerTrigger[] = [];
  for (const name of names) {
    const file = path.join(functionsDir, name, 'config.json');
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      continue; // no config.json: no triggers
    }
    let config: unknown;
    try {
      config = JSON.parse(text);
    } catch (err) {
      throw new TriggerConfigError(
        `function ${name}: config.json is not valid JSON (${(err as Error).message})`,
      );
    }
    out.push(...triggersOf(name, config));
  }
  return out;
}

/** The event a timer sends for a run scheduled at `at`. */
export function timerEvent(triggerName: string, at: Date): TimerEvent {
  return {
    Type: 'Timer',
    TriggerName: triggerName,
    Time: `${at.toISOString().slice(0, 19)}Z`,
    Message: '',
  };
}

/** `at` as Beijing wall time `YYYY-MM-DD HH:mm:ss` (for the listing). */
export function beijingWallTime(at: Date): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: TIMER_TIMEZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).format(at);
}

/** A trigger as listed by the admin API. */
export interface TriggerListing {
  function: string;
  name: string;
  type: 'timer';
  config: string;
  /** Next run in UTC (ISO), null when the cron has no future run (a past year). */
  nextRun: string | null;
  /** The same instant as Beijing wall time. */
  nextRunBeijing: string | null;
}

/** What one firing did. */
export interface FiringOutcome {
  trigger: TimerTrigger;
  event: TimerEvent;
  ok: boolean;
  result?: unknown;
  error?: { code: string; message: string };
}

/** Settings of a TriggerScheduler. */
export interface SchedulerOptions {
  triggers: TimerTrigger[];
  /** Runs the function with the timer event (no OPENID); rejects when the function fails. */
  invoke: (functionName: string, event: TimerEvent) => Promise<unknown>;
  /** Clock in ms (default Date.now; tests inject one). */
  now?: () => number;
  log?: (line: string) => void;
}

/** setTimeout's largest delay (about 24.8 days); a monthly trigger waits in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Schedules timer triggers and fires them (also on demand). */
export class TriggerScheduler {
  private readonly jobs = new Map<string, { trigger: TimerTrigger; cron: Cron; next: Date | null }>();
  private readonly now: () => number;
  private readonly log: (line: string) => void;
  private timer: NodeJS.Timeout | null = null;
  private running = false;

  constructor(private readonly opts: SchedulerOptions) {
    this.now = opts.now ?? Date.now;
    this.log = opts.log ?? (() => undefined);
    const from = new Date(this.now());
    for (const t of opts.triggers) {
      const cron = parseCloudBaseCron(t.config);
      this.jobs.set(keyOf(t.functionName, t.name), { trigger: t, cron, next: cron.nextRun(from) });
    }
  }

  /** Every trigger with its next run. */
  list(): TriggerListing[] {
    return [...this.jobs.values()].map(({ trigger, next }) => ({
      function: trigger.functionName,
      name: trigger.name,
      type: 'timer',
      config: trigger.config,
      nextRun: next ? next.toISOString() : null,
      nextRunBeijing: next ? beijingWallTime(next) : null,
    }));
  }

  /** Whether the function has a trigger of that name. */
  has(functionName: string, name: string): boolean {
    return this.jobs.has(keyOf(functionName, name));
  }

  /** Start firing on schedule (a real timer; idempotent). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.arm();
  }

  /** Stop firing on schedule. */
  stop(): void {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /**
   * Fire every trigger whose next run is at or before `now()`, once each: runs missed while the
   * emulator was stopped or asleep are not replayed, the one firing carries the latest scheduled
   * instant that has passed. Then the next runs are computed from `now()`.
   */
  async runDue(): Promise<FiringOutcome[]> {
    const nowMs = this.now();
    const due = [...this.jobs.values()].filter((j) => j.next && j.next.getTime() <= nowMs);
    const fired = due.map((j) => {
      const at = latestRun(j.cron, j.next as Date, nowMs);
      j.next = j.cron.nextRun(new Date(nowMs));
      return this.fire(j.trigger, at);
    });
    return Promise.all(fired);
  }

  /** Fire one trigger now (the admin route), without changing its schedule. Null: no such trigger. */
  async fireNow(functionName: string, name: string): Promise<FiringOutcome | null> {
    const job = this.jobs.get(keyOf(functionName, name));
    if (!job) return null;
    return this.fire(job.trigger, new Date(Math.floor(this.now() / 1000) * 1000));
  }

  private async fire(trigger: TimerTrigger, at: Date): Promise<FiringOutcome> {
    const event = timerEvent(trigger.name, at);
    const tag = `[trigger:${trigger.functionName}/${trigger.name}]`;
    try {
      const result = await this.opts.invoke(trigger.functionName, event);
      this.log(`${tag} fired for ${event.Time} (${beijingWallTime(at)} Beijing): ok`);
      return { trigger, event, ok: true, result };
    } catch (err) {
      const e = err as { code?: unknown; message?: unknown };
      const error = { code: String(e.code ?? 'FUNCTIONS_EXECUTE_FAIL'), message: String(e.message ?? err) };
      this.log(`${tag} fired for ${event.Time}: failed: ${error.message}`);
      return { trigger, event, ok: false, error };
    }
  }

  private arm(): void {
    if (!this.running) return;
    if (this.timer) clearTimeout(this.timer);
    const nexts = [...this.jobs.values()]
      .map((j) => j.next?.getTime())
      .filter((t): t is number => t !== undefined);
    if (!nexts.length) return;
    const delay = Math.max(0, Math.min(MAX_TIMER_MS, Math.min(...nexts) - this.now()));
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.runDue().finally(() => this.arm());
    }, delay);
    this.timer.unref();
  }
}

const keyOf = (fn: string, name: string) => `${fn}\u0000${name}`;

/**
 * The latest scheduled instant at or before `nowMs` (croner's previousRuns is exclusive at second
 * precision, hence the reference one second later), never earlier than the pending `next`.
 */
function latestRun(cron: Cron, next: Date, nowMs: number): Date {
  const [prev] = cron.previousRuns(1, new Date(nowMs + 1000));
  return prev && prev.getTime() <= nowMs && prev.getTime() >= next.getTime() ? prev : next;
}
