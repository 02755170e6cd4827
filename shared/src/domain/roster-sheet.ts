/**
 * Reading a station's roster (花名册) as people type it into Excel: the cell
 * values, the header row in any order and any width of characters, dates
 * stored as dates or as text, numbers stored as numbers. Pure: no exceljs
 * here (the roster cloud function turns exceljs values into {@link RosterCell}),
 * no clock (the caller passes today's Beijing day).
 */

/** One cell as the roster function hands it over (exceljs values reduced to what matters). */
export type RosterCell =
  | { kind: 'empty' }
  | { kind: 'text'; text: string }
  /** A number as Excel stored it (an ID number typed into a General cell ends up here, digits lost). */
  | { kind: 'number'; value: number }
  /** A date-formatted cell: the calendar day Excel shows (`YYYY-MM-DD`). */
  | { kind: 'date'; day: string }
  /** A formula error (#N/A, #REF!, …). */
  | { kind: 'error'; text: string };

/** One data row of the sheet: its row number as Excel shows it (1-based) and its cells by column index (0-based). */
export interface RosterSheetRow {
  row: number;
  cells: RosterCell[];
}

/** The fields of a roster row, in the template's column order. */
export const ROSTER_FIELDS = [
  'name',
  'sex',
  'birth',
  'idNumber',
  'phone',
  'community',
  'address',
  'householdHead',
  'relationship',
  'categories',
  'livingSituation',
  'riskTier',
  'notes',
] as const;
/** One of {@link ROSTER_FIELDS}. */
export type RosterField = (typeof ROSTER_FIELDS)[number];

/** The template's header per field (what the downloadable template says, `*` = required). */
export const ROSTER_HEADERS: Record<RosterField, string> = {
  name: '姓名*',
  sex: '性别',
  birth: '出生日期或年份',
  idNumber: '身份证号',
  phone: '联系电话',
  community: '社区/村',
  address: '住址',
  householdHead: '户主/联系人',
  relationship: '与户主关系',
  categories: '服务对象类别（可多选，用、分隔）',
  livingSituation: '居住状况',
  riskTier: '风险等级',
  notes: '备注',
};

/** Short Chinese name of each field, for messages (`身份证号` rather than the whole header). */
export const ROSTER_FIELD_LABELS: Record<RosterField, string> = {
  name: '姓名',
  sex: '性别',
  birth: '出生日期',
  idNumber: '身份证号',
  phone: '联系电话',
  community: '社区/村',
  address: '住址',
  householdHead: '户主/联系人',
  relationship: '与户主关系',
  categories: '服务对象类别',
  livingSituation: '居住状况',
  riskTier: '风险等级',
  notes: '备注',
};

/**
 * Other headers stations use for the same column (compared after
 * {@link headerKey}: no spaces, no `*`, no bracketed hint, half-width).
 */
const HEADER_ALIASES: Record<RosterField, readonly string[]> = {
  name: ['姓名', '名字', '服务对象姓名', '对象姓名'],
  sex: ['性别'],
  birth: ['出生日期或年份', '出生日期', '出生年月', '出生年月日', '出生年份', '出生年', '出生时间', '生日'],
  idNumber: ['身份证号', '身份证号码', '身份证', '公民身份号码', '证件号码', '身份证件号码'],
  phone: ['联系电话', '电话', '电话号码', '手机', '手机号', '手机号码', '联系方式'],
  community: ['社区/村', '社区', '村', '村/社区', '社区村', '所属社区', '村居', '所属村居'],
  address: ['住址', '地址', '家庭住址', '现住址', '居住地址', '家庭地址'],
  householdHead: ['户主/联系人', '户主', '联系人', '户主姓名', '户主或联系人'],
  relationship: ['与户主关系', '与户主的关系', '关系', '与联系人关系'],
  categories: ['服务对象类别', '类别', '对象类别', '人员类别', '服务类别'],
  livingSituation: ['居住状况', '居住情况', '居住状态'],
  riskTier: ['风险等级', '风险', '风险级别'],
  notes: ['备注', '说明', '其他'],
};

/**
 * Text as people type it, made comparable: Unicode NFKC (全角 letters, digits,
 * brackets and spaces become half-width), zero-width characters removed,
 * whitespace runs (line breaks in a cell included) made one space, trimmed.
 */
export function normalizeText(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[\u200B-\u200D\u2060\uFEFF]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A header made comparable: normalized, no spaces, no `*`, no bracketed hint such as `（可多选）`. */
export function headerKey(s: string): string {
  return normalizeText(s)
    .replace(/\([^)]*\)?/g, '')
    .replace(/[*\s]/g, '');
}

const ALIAS_INDEX: ReadonlyMap<string, RosterField> = new Map(
  ROSTER_FIELDS.flatMap((f) => [ROSTER_HEADERS[f], ...HEADER_ALIASES[f]].map((h) => [headerKey(h), f])),
);

/** The text of a cell as typed (numbers as Excel would show them in a General cell), '' when empty. */
export function cellText(cell: RosterCell | undefined): string {
  if (!cell) return '';
  switch (cell.kind) {
    case 'empty':
      return '';
    case 'text':
      return normalizeText(cell.text);
    case 'number':
      return Number.isInteger(cell.value) && Math.abs(cell.value) < 1e21
        ? BigInt(cell.value).toString()
        : String(cell.value);
    case 'date':
      return cell.day;
    case 'error':
      return cell.text;
  }
}

/** True when no cell of the row holds anything. */
export const isBlankRow = (cells: readonly RosterCell[]): boolean => cells.every((c) => cellText(c) === '');

/** Where each field's column is, found in the header row. */
export type ColumnMap = Partial<Record<RosterField, number>>;

/** Outcome of reading the header row. */
export type HeaderOutcome =
  | {
      ok: true;
      /** Row number of the header (1-based). */
      headerRow: number;
      columns: ColumnMap;
      /** Headers that name no known column (ignored; said in the preview). */
      ignored: string[];
    }
  | { ok: false; message: string };

/** How many rows from the top are searched for the header (a title row or two above it is common). */
export const HEADER_SEARCH_ROWS = 10;

/** Maps one row's cells to fields; null when it does not look like a header (no 姓名). */
function mapHeader(cells: readonly RosterCell[]): { columns: ColumnMap; ignored: string[]; twice: string[] } {
  const columns: ColumnMap = {};
  const ignored: string[] = [];
  const twice: string[] = [];
  cells.forEach((cell, i) => {
    const text = cellText(cell);
    if (!text) return;
    const field = ALIAS_INDEX.get(headerKey(text));
    if (!field) ignored.push(text);
    else if (columns[field] !== undefined) twice.push(text);
    else columns[field] = i;
  });
  return { columns, ignored, twice };
}

/**
 * Finds the header row among the first {@link HEADER_SEARCH_ROWS} rows: the
 * first one with a 姓名 column. Columns may come in any order; unknown ones
 * are ignored; a known one named twice is refused (which one holds the data?).
 */
export function readHeader(rows: readonly RosterSheetRow[]): HeaderOutcome {
  for (const r of rows.slice(0, HEADER_SEARCH_ROWS)) {
    const { columns, ignored, twice } = mapHeader(r.cells);
    if (columns.name === undefined) continue;
    if (twice.length > 0) {
      return {
        ok: false,
        message: `表头"${twice[0]}"重复出现，请只保留一列后再上传`,
      };
    }
    return { ok: true, headerRow: r.row, columns, ignored };
  }
  return {
    ok: false,
    message: '没有找到表头（需要有"姓名"一列），请使用小程序提供的花名册模板填写后再上传',
  };
}

// ------------------------------------------------------------------ dates

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** `YYYY-MM-DD` of a real calendar day, or null (2月30日 is not one). */
export function calendarDay(year: number, month: number, day: number): string | null {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return null;
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const t = new Date(Date.UTC(year, month - 1, day));
  if (t.getUTCFullYear() !== year || t.getUTCMonth() !== month - 1 || t.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

/** Excel's serial day number (1900 system, as exceljs reads it) → `YYYY-MM-DD`. */
export function excelSerialDay(serial: number): string {
  const t = new Date(Date.UTC(1899, 11, 30) + Math.floor(serial) * 86_400_000);
  return t.toISOString().slice(0, 10);
}

/** A birth as the roster gives it: a full date, or only the year. */
export interface SheetBirth {
  year: number;
  /** `YYYY-MM-DD` when the day is known. */
  date: string | null;
}

/** Earliest birth year accepted. */
export const MIN_BIRTH_YEAR = 1900;

/**
 * Reads a birth cell: a date cell, an Excel serial number, a year (1950),
 * `19500301`, or text such as `1950-03-01`, `1950/3/1`, `1950.3.1`,
 * `1950年3月1日`, `1950年3月`, `1950-03`. A month without a day keeps the
 * year only. Null when it is none of these or not a real day; a birth after
 * `today` or before {@link MIN_BIRTH_YEAR} is refused by the caller.
 */
export function parseBirth(cell: RosterCell | undefined): SheetBirth | null {
  if (!cell) return null;
  if (cell.kind === 'date') return { year: Number(cell.day.slice(0, 4)), date: cell.day };
  if (cell.kind === 'number') {
    const n = cell.value;
    if (!Number.isInteger(n)) return null;
    if (n >= 1000 && n <= 9999) return { year: n, date: null };
    if (n >= 10_000 && n <= 99_999) {
      const day = excelSerialDay(n);
      return { year: Number(day.slice(0, 4)), date: day };
    }
    return parseBirthText(String(n));
  }
  if (cell.kind !== 'text') return null;
  return parseBirthText(normalizeText(cell.text));
}

function parseBirthText(text: string): SheetBirth | null {
  const t = text.replace(/\s/g, '');
  let m = /^(\d{4})年?$/.exec(t);
  if (m) return { year: Number(m[1]), date: null };
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (m) {
    const date = calendarDay(Number(m[1]), Number(m[2]), Number(m[3]));
    return date ? { year: Number(m[1]), date } : null;
  }
  m = /^(\d{4})[-/.年](\d{1,2})(?:[-/.月](\d{1,2})日?|月)?$/.exec(t);
  if (m) {
    const year = Number(m[1]);
    const month = Number(m[2]);
    if (month < 1 || month > 12) return null;
    if (m[3] === undefined) return { year, date: null };
    const date = calendarDay(year, month, Number(m[3]));
    return date ? { year, date } : null;
  }
  return null;
}

// ------------------------------------------------------------ id and phone

/** How an ID number cell reads: the normalized text, or why it cannot be one. */
export type IdCellReading =
  | { kind: 'empty' }
  | { kind: 'text'; value: string }
  /** Excel kept it as a number with 16 or more digits (or in 1.2E+17 form): the last digits are gone. */
  | { kind: 'lost-digits' };

/**
 * Reads an ID number cell. Excel keeps 15 significant digits: an 18-digit
 * number typed into a General cell comes back as `120101199001011000` (or is
 * shown as `1.20101E+17`, which some people then copy as text). Such a cell
 * can never be right again, so it is reported as such, not as a bad checksum.
 * Spaces and dashes people put between groups are removed; `x` becomes `X`.
 */
export function readIdCell(cell: RosterCell | undefined): IdCellReading {
  if (!cell || cell.kind === 'empty') return { kind: 'empty' };
  if (cell.kind === 'number') {
    if (!Number.isSafeInteger(cell.value) || Math.abs(cell.value) >= 1e15) return { kind: 'lost-digits' };
    return { kind: 'text', value: String(cell.value) };
  }
  const text = cellText(cell);
  if (!text) return { kind: 'empty' };
  if (/^\d(\.\d+)?E\+?\d+$/i.test(text)) return { kind: 'lost-digits' };
  return { kind: 'text', value: text.replace(/[\s\-‐‑‒–—−]/g, '').toUpperCase() };
}

/** Outcome of reading a phone cell. */
export type PhoneReading = { kind: 'empty' } | { kind: 'ok'; value: string } | { kind: 'bad' };

/**
 * Reads a phone cell: a mainland mobile (`13812345678`, `+86 138 1234 5678`)
 * or a landline with its area code (`022-25321234`, `(022)25321234`). Kept
 * as digits, a landline as `区号-号码`. A landline stored as a number has
 * lost its leading 0 and is refused (the area code is then unknown).
 */
export function readPhoneCell(cell: RosterCell | undefined): PhoneReading {
  const raw = cell?.kind === 'number' ? String(cell.value) : cellText(cell);
  if (!raw) return { kind: 'empty' };
  const t = raw.replace(/[\s\-‐‑‒–—−()]/g, '').replace(/^(\+|00)?86(?=1[3-9]\d{9}$)/, '');
  if (/^1[3-9]\d{9}$/.test(t)) return { kind: 'ok', value: t };
  const m = /^(010|02\d|0[3-9]\d{2})([2-9]\d{6,7})$/.exec(t);
  if (m) return { kind: 'ok', value: `${m[1]}-${m[2]}` };
  return { kind: 'bad' };
}

/** Splits a multi-value cell (`低保、独居`, `低保,独居`, `低保；独居`, `低保 独居`) into its items. */
export function splitList(text: string): string[] {
  return normalizeText(text)
    .split(/[、,;，；\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}
