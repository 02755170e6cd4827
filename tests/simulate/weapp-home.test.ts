/**
 * @jest-environment jsdom
 *
 * The BUILT weapp (client/dist/weapp) in miniprogram-simulate: the closest thing
 * to a phone that runs here. Loads Taro's compiled home page with WeChat's own
 * template compiler, answers `wx.cloud.callFunction` with the district seed, checks
 * that the stations render and that tapping one navigates to its page.
 *
 * Build first: `npm run build:weapp -w client` (the test script does).
 */
/// <reference lib="dom" />
import fs from 'node:fs';
import path from 'node:path';
import { SEED_STATIONS, type StationGroup, type StationSummary } from '@sgz/shared';

const WEAPP = path.resolve(__dirname, '../../client/dist/weapp');
const built =
  fs.existsSync(path.join(WEAPP, 'app.json')) && fs.existsSync(path.join(WEAPP, 'pages/index/index.js'));
if (!built) {
  console.warn(
    `weapp-home: ${WEAPP} is missing, so this test is skipped. Build it with: npm run build:weapp -w client`,
  );
}
const describeBuilt = built ? describe : describe.skip;

// ---------------------------------------------------------------------------
// What the stations cloud function would answer, from the shared seed.

const summary = (s: (typeof SEED_STATIONS)[number]): StationSummary => ({
  id: s.id,
  officialName: s.officialName,
  unitName: s.unitName,
  unitKind: s.unitKind,
  specialty: s.specialty,
});

function listStations(event: { query?: string }) {
  const query = (event.query ?? '').trim();
  const matching = SEED_STATIONS.filter((s) => !query || s.officialName.includes(query));
  const groups: StationGroup[] = (
    [
      ['street', '街道'],
      ['township', '镇'],
    ] as const
  )
    .map(([kind, label]) => ({
      kind,
      label,
      items: matching.filter((s) => s.unitKind === kind).map(summary),
    }))
    .filter((g) => g.items.length > 0);
  return { ok: true, data: { groups, total: matching.length, nextOffset: null } };
}

const callFunction = jest.fn(
  async ({ name, data }: { name: string; data: { action: string; query?: string } }) => {
    if (name === 'stations' && data.action === 'listStations')
      return { errMsg: 'cloud.callFunction:ok', result: listStations(data) };
    return {
      errMsg: 'cloud.callFunction:ok',
      result: { ok: false, error: { code: 'invalid-argument', message: '未知操作' } },
    };
  },
);
const navigateTo = jest.fn((opts: { url: string; success?: (r: unknown) => void }) => {
  opts.success?.({ errMsg: 'navigateTo:ok' });
});

// ---------------------------------------------------------------------------
// Shims between miniprogram-simulate (components only) and a whole Taro app.

type Def = Record<string, unknown> & { data?: Record<string, unknown>; options?: Record<string, unknown> };
interface SimComponent {
  dom: HTMLElement;
  instance: Record<string, unknown>;
  attach(parent: Element): void;
  querySelectorAll(selector: string): SimComponent[];
  dispatchEvent(name: string, detail?: unknown): void;
}
interface Simulate {
  load(componentPath: string, tagName?: string, options?: Record<string, unknown>): string;
  render(id: string, props?: Record<string, unknown>): SimComponent;
}

/** Polls (real timers) until `check` returns a value; no fixed sleeps. */
async function until<T>(
  what: string,
  check: () => T | undefined | null | false,
  timeoutMs = 15000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describeBuilt('built weapp home page (miniprogram-simulate)', () => {
  let simulate: Simulate;
  const g = globalThis as unknown as Record<string, unknown>;

  beforeAll(() => {
    const storage = new Map<string, unknown>();
    g.wx = {
      cloud: { init: jest.fn(), callFunction },
      navigateTo,
      switchTab: jest.fn(),
      getLocation: jest.fn((o: { fail?: (e: unknown) => void }) =>
        o.fail?.({ errMsg: 'getLocation:fail auth deny' }),
      ),
      getStorageSync: (k: string) => storage.get(k) ?? '',
      setStorageSync: (k: string, v: unknown) => storage.set(k, v),
      getSystemInfoSync: () => ({
        platform: 'devtools',
        windowWidth: 375,
        windowHeight: 667,
        pixelRatio: 2,
        SDKVersion: '3.7.0',
        language: 'zh_CN',
      }),
      getWindowInfo: () => ({ windowWidth: 375, windowHeight: 667, pixelRatio: 2 }),
      getAppBaseInfo: () => ({ SDKVersion: '3.7.0', language: 'zh_CN' }),
      getDeviceInfo: () => ({ platform: 'devtools' }),
      canIUse: () => true,
      nextTick: (fn: () => void) => setTimeout(fn, 0),
      onAppRoute: () => undefined,
      getMenuButtonBoundingClientRect: () => ({
        top: 24,
        height: 32,
        left: 280,
        right: 367,
        width: 87,
        bottom: 56,
      }),
    };
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    simulate = require('miniprogram-simulate') as Simulate;

    // j-component renders virtual hosts empty: Taro's `comp` asks for one.
    const register = g.Component as (def: Def) => void;
    g.Component = (def: Def) => register({ ...def, options: { ...(def.options ?? {}), virtualHost: false } });

    // A Page is a component whose lifecycle we drive (onLoad → onShow → onReady).
    g.Page = (def: Def) => {
      const methods: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(def)) if (typeof value === 'function') methods[key] = value;
      (g.Component as (d: Def) => void)({ data: def.data ?? {}, methods });
    };
    let appDef: Def | undefined;
    g.App = (def: Def) => {
      appDef = def;
    };
    g.getApp = () => appDef;
    g.getCurrentPages = () => [];

    // The app bundle: runtime, vendors, taro, common and app itself (app.js requires the rest).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require(path.join(WEAPP, 'app.js'));
    if (!appDef) throw new Error('app.js did not call App()');
    (appDef.onLaunch as (o: unknown) => void).call(appDef, {
      path: 'pages/index/index',
      query: {},
      scene: 1001,
    });
    (appDef.onShow as ((o: unknown) => void) | undefined)?.call(appDef, {
      path: 'pages/index/index',
      query: {},
      scene: 1001,
    });
  });

  it('renders the district stations from the cloud function and opens a station on tap', async () => {
    const id = simulate.load(path.join(WEAPP, 'pages/index/index'), 'home-page', { rootPath: WEAPP });
    const page = simulate.render(id);
    page.attach(document.createElement('parent-wrapper'));
    const instance = page.instance as Record<string, (...a: unknown[]) => void> & { route?: string };
    instance.route = 'pages/index/index';
    instance.onLoad!.call(instance, {});
    instance.onShow?.call(instance);
    instance.onReady?.call(instance);

    await until('the station list', () =>
      page.dom.textContent?.includes(SEED_STATIONS[SEED_STATIONS.length - 1]!.officialName),
    );
    const text = page.dom.textContent ?? '';
    for (const s of SEED_STATIONS) expect(text).toContain(s.officialName);
    expect(text).toContain('街道（16 个）');
    expect(text).toContain('镇（5 个）');
    expect(callFunction).toHaveBeenCalledWith(
      expect.objectContaining({
        name: 'stations',
        data: expect.objectContaining({ action: 'listStations', offset: 0 }),
      }),
    );

    // Tap the row of 新城镇 (the row is the element whose class marks a station item).
    const target = SEED_STATIONS.find((s) => s.unitName === '新城镇')!;
    const rows = page.querySelectorAll('.sgz-station-item');
    const row = rows.find((r) => r.dom.textContent?.includes(target.officialName));
    expect(row).toBeDefined();
    row!.dispatchEvent('tap');

    // WeChat's accessibility attributes reach the phone (client/config/weapp-aria): the row is a
    // button for the screen reader, the finder a search region (Taro's templates used to drop them).
    const wxml = fs.readFileSync(path.join(WEAPP, 'base.wxml'), 'utf8');
    const bound = (attr: string): string => {
      const m = new RegExp(`<view [^>]*${attr}="\\{\\{i\\.(p\\d+)`).exec(wxml);
      if (!m) throw new Error(`base.wxml: the view template does not bind ${attr}`);
      return m[1]!;
    };
    const roleKey = bound('aria-role');
    expect(bound('aria-label')).toBeTruthy();
    /** The data node Taro sent for the element with class `cls` (the template reads it as `i`). */
    const nodeWith = (cls: string): Record<string, unknown> | undefined => {
      const walk = (v: unknown): Record<string, unknown> | undefined => {
        if (!v || typeof v !== 'object') return undefined;
        const o = v as Record<string, unknown>;
        if (typeof o.cl === 'string' && o.cl.split(' ').includes(cls)) return o;
        for (const c of Object.values(o)) {
          const found = walk(c);
          if (found) return found;
        }
        return undefined;
      };
      return walk(page.instance.data);
    };
    expect(nodeWith('sgz-station-item')?.[roleKey]).toBe('button');
    expect(nodeWith('finder__search')?.[roleKey]).toBe('search');
    await until('wx.navigateTo', () => navigateTo.mock.calls.length > 0);
    expect(navigateTo.mock.calls[0]![0]).toMatchObject({ url: `/pages/station/index?id=${target.id}` });
  });
});
