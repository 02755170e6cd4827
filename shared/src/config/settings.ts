/**
 * Every setting a deployment needs, in one place (issue 16, item 4).
 *
 * - `function`: an environment variable of cloud functions (set by
 *   `npm run deploy` from the operator's environment; values are never
 *   committed). `functions` names the functions that read it (`*`: every
 *   function, because `_lib/` reads it).
 * - `client`: a `TARO_APP_*` value baked into the mini-program at build time
 *   (client/.env.production).
 * - `operator`: read by the deploy and upload commands on the operator's
 *   machine only; never sent to a function.
 * - `code`: a constant in the code, reviewed before release.
 *
 * `required`: a real environment cannot run without it. Every cloud function
 * checks its required `function` settings once per cold start (the pipeline,
 * cloudfunctions/_lib/pipeline.ts) and refuses every call while one is
 * missing, instead of falling back to a development constant. The README's
 * settings table is generated from this list (`npx tsx scripts/settings-table.ts --write`;
 * a unit test compares).
 *
 * Pure: no process.env here; callers pass the environment.
 */

/** Where a setting lives. */
export type SettingKind = 'function' | 'client' | 'operator' | 'code';

/** One deployment setting. */
export interface Setting {
  /** The environment variable (or constant) name. */
  readonly name: string;
  readonly kind: SettingKind;
  /** What it means, for the operator (English, one or two sentences). */
  readonly meaning: string;
  /** The value used when it is unset (null: none; for a required setting, none in a real environment). */
  readonly default: string | null;
  /** True: a real environment must set it (functions refuse to run without it). */
  readonly required: boolean;
  /** True: a secret (never printed, never committed). */
  readonly secret: boolean;
  /** For `function` settings: the functions that read it (`*` = all). */
  readonly functions?: readonly string[] | '*';
}

/** All settings. Add a new one here when code starts reading a new variable (a unit test scans the functions). */
export const SETTINGS: readonly Setting[] = [
  // Cloud function environment (set by npm run deploy).
  {
    name: 'SGZ_AUDIT_SALT',
    kind: 'function',
    meaning:
      'Salt of the hashed OPENID in audit_log. A long random secret, the same in every function, never changed (a new salt makes old entries unmatched).',
    default: null,
    required: true,
    secret: true,
    functions: '*',
  },
  {
    name: 'SGZ_ADMIN_OPENIDS',
    kind: 'function',
    meaning:
      'Comma-separated OPENIDs that are district administrators by configuration (the first admin, who then invites the staff).',
    default: null,
    required: true,
    secret: false,
    functions: '*',
  },
  {
    name: 'SGZ_ROSTER_ID_KEY',
    kind: 'function',
    meaning:
      'HMAC key of the ids an Excel roster import gives persons and households. Set once, never changed (a new key makes re-imports create new ids).',
    default: null,
    required: true,
    secret: true,
    functions: ['roster'],
  },
  {
    name: 'SGZ_SETUP_TOKEN',
    kind: 'function',
    meaning:
      'Token the deploy operator passes to the setup function when invoking it without a WeChat identity (npm run deploy). At least 32 characters.',
    default: null,
    required: true,
    secret: true,
    functions: ['setup'],
  },
  {
    name: 'SGZ_TPL_REQUEST_STATUS',
    kind: 'function',
    meaning:
      'Subscribe-message template id (订阅消息模板 ID) for "request status changed"; empty: no messages are sent.',
    default: '',
    required: false,
    secret: false,
    functions: ['requests'],
  },
  {
    name: 'SGZ_TPL_REQUEST_STATUS_PAGE',
    kind: 'function',
    meaning: 'Page the status message opens (id=<requestId> is appended).',
    default: 'subpackages/resident/request-detail/index',
    required: false,
    secret: false,
    functions: ['requests'],
  },
  {
    name: 'SGZ_MINIPROGRAM_STATE',
    kind: 'function',
    meaning: 'Which mini-program version the message opens: developer, trial or formal.',
    default: 'formal',
    required: false,
    secret: false,
    functions: ['requests', 'reminders'],
  },
  {
    name: 'SGZ_TPL_QUOTA_REMINDER',
    kind: 'function',
    meaning:
      'Subscribe-message template id for the monthly "quotas behind pace" reminder to station heads (1st of the month, 09:00 Beijing); empty: no reminders are sent.',
    default: '',
    required: false,
    secret: false,
    functions: ['reminders'],
  },
  {
    name: 'SGZ_TPL_QUOTA_REMINDER_PAGE',
    kind: 'function',
    meaning: "Page the quota reminder opens (the head's station dashboard).",
    default: 'subpackages/head/index/index',
    required: false,
    secret: false,
    functions: ['reminders'],
  },
  {
    name: 'SGZ_LEDGER_PAGE_SIZE',
    kind: 'function',
    meaning: 'Rows per database page when the 台账 export reads records (10–999; lower only to test paging).',
    default: '999',
    required: false,
    secret: false,
    functions: ['ledger'],
  },
  {
    name: 'SGZ_BOOKING_DAYS_AHEAD',
    kind: 'function',
    meaning: 'Booking horizon in Beijing days (1–60).',
    default: '14',
    required: false,
    secret: false,
    functions: ['requests'],
  },
  {
    name: 'SGZ_MAX_OPEN_REQUESTS',
    kind: 'function',
    meaning: 'Most open requests one resident may have (1–50).',
    default: '5',
    required: false,
    secret: false,
    functions: ['requests'],
  },
  {
    name: 'SGZ_VISIT_INTERVALS',
    kind: 'function',
    meaning: 'Days between home visits for 高风险, 重点 and 一般 files.',
    default: '7,30,90',
    required: false,
    secret: false,
    functions: ['files', 'roster'],
  },
  // Mini-program build (client/.env.production).
  {
    name: 'TARO_APP_CLOUD_ENV',
    kind: 'client',
    meaning: 'CloudBase environment id the mini-program calls (the same as --env of npm run deploy).',
    default: null,
    required: true,
    secret: false,
  },
  {
    name: 'TARO_APP_TPL_REQUEST_STATUS',
    kind: 'client',
    meaning:
      'The same template id as SGZ_TPL_REQUEST_STATUS, so the app asks residents to subscribe; empty: it does not ask.',
    default: '',
    required: false,
    secret: false,
  },
  // Operator's machine (deploy and upload commands).
  {
    name: 'TENCENTCLOUD_SECRETID',
    kind: 'operator',
    meaning:
      'API key id of a Tencent Cloud sub-account allowed to manage the environment (CLOUDBASE_SECRET_ID is accepted too).',
    default: null,
    required: true,
    secret: true,
  },
  {
    name: 'TENCENTCLOUD_SECRETKEY',
    kind: 'operator',
    meaning: 'The key of that API key id (CLOUDBASE_SECRET_KEY is accepted too).',
    default: null,
    required: true,
    secret: true,
  },
  {
    name: 'TENCENTCLOUD_SESSIONTOKEN',
    kind: 'operator',
    meaning: 'Session token, only with temporary credentials.',
    default: '',
    required: false,
    secret: true,
  },
  {
    name: 'SGZ_WEAPP_APPID',
    kind: 'operator',
    meaning: 'The mini-program appid (wx + 16 hex) that npm run upload:weapp uploads to.',
    default: null,
    required: true,
    secret: false,
  },
  {
    name: 'SGZ_WEAPP_PRIVATE_KEY_PATH',
    kind: 'operator',
    meaning:
      'Path of the code-upload key (代码上传密钥, private.<appid>.key) downloaded from the mini-program admin console; kept outside the repository.',
    default: null,
    required: true,
    secret: true,
  },
  // Constants in the code.
  {
    name: 'DISTRICT_SERVICE_LINE',
    kind: 'code',
    meaning:
      "The district's service line offered when a station publishes no phone (shared/src/domain/station.ts). Set the real number and demo: false before release.",
    default: '022-00000000 (demo)',
    required: true,
    secret: false,
  },
];

/** Emulator environment ids start so (never a real CloudBase id): `local-sgz-emulator`. */
export const EMULATOR_ENV_PREFIX = 'local-sgz-';

/** The CloudBase environment a function runs in (TCB_ENV, else SCF_NAMESPACE), or null outside one. */
export function currentEnvId(env: Record<string, string | undefined>): string | null {
  const id = (env.TCB_ENV || env.SCF_NAMESPACE || '').trim();
  return id === '' ? null : id;
}

/** True inside the local emulator (its fake environment ids). */
export function isEmulatorEnvId(envId: string | null): boolean {
  return envId !== null && envId.startsWith(EMULATOR_ENV_PREFIX);
}

/**
 * True when running in a real CloudBase environment: an environment id is
 * set and it is not the emulator's. (Unit tests run with no environment id:
 * not real, so that they need no secrets.)
 */
export function isRealEnv(env: Record<string, string | undefined>): boolean {
  const id = currentEnvId(env);
  return id !== null && !isEmulatorEnvId(id);
}

const appliesTo = (s: Setting, functionName: string): boolean =>
  s.kind === 'function' && (s.functions === '*' || (s.functions ?? []).includes(functionName));

/** The `function` settings that function `functionName` reads. */
export function functionSettings(functionName: string): Setting[] {
  return SETTINGS.filter((s) => appliesTo(s, functionName));
}

/** Names of the required settings of `functionName` that are missing (unset or blank) in `env`. */
export function missingRequiredSettings(
  functionName: string,
  env: Record<string, string | undefined>,
): string[] {
  return functionSettings(functionName)
    .filter((s) => s.required && (env[s.name] ?? '').trim() === '')
    .map((s) => s.name);
}

/** The settings table of the README (markdown), generated from {@link SETTINGS}. */
export function renderSettingsTable(): string {
  const where = (s: Setting): string =>
    s.kind === 'function'
      ? `function env (${s.functions === '*' ? 'all functions' : (s.functions ?? []).join(', ')})`
      : s.kind === 'client'
        ? 'client build'
        : s.kind === 'operator'
          ? "operator's shell"
          : 'code';
  const cell = (text: string): string => text.replace(/\|/g, '\\|');
  const rows = SETTINGS.map(
    (s) =>
      `| \`${s.name}\` | ${where(s)} | ${s.required ? 'yes' : 'no'} | ${
        s.default === null ? '—' : s.default === '' ? '(empty)' : `\`${cell(s.default)}\``
      } | ${cell(s.meaning)}${s.secret ? ' **Secret.**' : ''} |`,
  );
  return ['| setting | where | required | default | meaning |', '|---|---|---|---|---|', ...rows].join('\n');
}
