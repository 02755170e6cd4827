import ExcelJS from 'exceljs';
import { AppError } from '../../../shared/src/errors';
import {
  ROSTER_FIELDS,
  ROSTER_HEADERS,
  isBlankRow,
  normalizeText,
  type RosterCell,
  type RosterField,
  type RosterSheetRow,
} from '../../../shared/src/domain/roster-sheet';
import { ROSTER_LIMITS, ROSTER_MESSAGES } from '../../../shared/src/domain/roster';
import { inspectZip } from './zip';

/**
 * The exceljs side of the roster: the template workbook, and reading an
 * uploaded one into plain rows of {@link RosterCell} for the pure checks in
 * shared/src/domain/roster.ts. Nothing here knows what a valid row is.
 */

/** Name of the data sheet (the template's and the one looked for first in an upload). */
export const ROSTER_SHEET = '花名册';
/** Name of the instructions sheet (never read as data). */
export const GUIDE_SHEET = '填写说明';

const COLUMN_WIDTHS: Record<RosterField, number> = {
  name: 10,
  sex: 6,
  birth: 16,
  idNumber: 22,
  phone: 15,
  community: 14,
  address: 30,
  householdHead: 12,
  relationship: 12,
  categories: 34,
  livingSituation: 12,
  riskTier: 10,
  notes: 30,
};

/** The allowed values the template lists (from the person domain). */
export interface TemplateVocabulary {
  sexes: readonly string[];
  categories: readonly string[];
  /** Categories recorded only with a consent on file (said in the guide). */
  consentCategories: readonly string[];
  livingSituations: readonly string[];
  riskTiers: readonly string[];
  defaultRiskTier: string;
  relationships: readonly string[];
  /** The station's 社区/村 list (empty: the station keeps none, any name goes). */
  communities: readonly string[];
}

const colLetter = (index: number): string => {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
};

// exceljs 4.4 writes worksheet-level data validations over a range
// (`ws.dataValidations.add('B2:B5001', …)`) but its typings do not declare
// the property; this guard finds it without a cast to any.
interface RangeValidations {
  add(range: string, validation: ExcelJS.DataValidation): void;
}
const rangeValidationsOf = (ws: ExcelJS.Worksheet): RangeValidations | null => {
  const dv: unknown = Reflect.get(ws, 'dataValidations');
  return typeof dv === 'object' && dv !== null && typeof Reflect.get(dv, 'add') === 'function'
    ? {
        add: (range, validation) => {
          Reflect.apply(Reflect.get(dv, 'add') as (...a: unknown[]) => unknown, dv, [range, validation]);
        },
      }
    : null;
};

/**
 * Builds the template: sheet 花名册 with the headers (frozen, widths set, ID
 * and phone columns formatted as text so Excel keeps all 18 digits, drop-down
 * lists where one value is chosen), and sheet 填写说明 with the allowed values
 * and an example. `now` stamps the workbook (no clock read here).
 */
export async function buildTemplate(vocab: TemplateVocabulary, now: Date): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '社工站小程序';
  wb.created = now;
  wb.modified = now;
  const ws = wb.addWorksheet(ROSTER_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = ROSTER_FIELDS.map((f) => ({ header: ROSTER_HEADERS[f], key: f, width: COLUMN_WIDTHS[f] }));
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  header.height = 32;
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8F3EC' } };
  });
  ws.getCell('A1').note = '必填';
  const lastRow = ROSTER_LIMITS.maxRows + 1;
  const col = (f: RosterField) => colLetter(ROSTER_FIELDS.indexOf(f));
  // Text format: an 18-digit ID typed into a General cell keeps only 15 digits.
  for (const f of ['idNumber', 'phone', 'birth'] as const) ws.getColumn(f).numFmt = '@';

  const guide = wb.addWorksheet(GUIDE_SHEET);
  guide.columns = [
    { header: '项目', key: 'item', width: 18 },
    { header: '可填写的内容', key: 'values', width: 80 },
  ];
  guide.getRow(1).font = { bold: true };
  const lists: Array<[string, readonly string[], RosterField | null]> = [
    ['性别', vocab.sexes, 'sex'],
    ['居住状况', vocab.livingSituations, 'livingSituation'],
    ['风险等级', vocab.riskTiers, 'riskTier'],
    ['与户主关系', vocab.relationships, 'relationship'],
    ['服务对象类别', vocab.categories, null],
    ['社区/村', vocab.communities, 'community'],
  ];
  const validations = rangeValidationsOf(ws);
  // One row per list on the guide, the values across columns C…, so the
  // drop-down lists can point at them (a literal list is capped at 255 characters).
  lists.forEach(([label, values, field], i) => {
    const r = i + 2;
    guide.getCell(`A${r}`).value = label;
    guide.getCell(`B${r}`).value =
      values.length > 0 ? values.join('、') : '（本站未设置列表，可直接填写名称）';
    values.forEach((v, j) => {
      guide.getCell(`${colLetter(j + 2)}${r}`).value = v;
    });
    if (field && validations && values.length > 0) {
      validations.add(`${col(field)}2:${col(field)}${lastRow}`, {
        type: 'list',
        allowBlank: true,
        formulae: [`${GUIDE_SHEET}!$C$${r}:$${colLetter(values.length + 1)}$${r}`],
        showErrorMessage: true,
        errorStyle: 'warning',
        errorTitle: '请从列表中选择',
        error: `请填写：${values.join('、')}`,
      });
    }
  });
  const notes: Array<[string, string]> = [
    ['姓名', '必填。每人一行；同一户的人各占一行，填写相同的"户主/联系人"和"住址"即归为一户。'],
    [
      '身份证号',
      '18 位（最后一位可以是 X）或旧的 15 位。请保持本列为"文本"格式，否则 Excel 会把后几位变成 0。没有身份证号时请填写出生日期或年份，以便区分同名的人。',
    ],
    ['出生日期或年份', '如 1950-03-01、1950/3/1 或 1950；填了身份证号的可以不填。'],
    ['联系电话', '11 位手机号，或带区号的座机号（如 022-25321234）。'],
    [
      '服务对象类别',
      `可填多个，用"、"分隔。其中 ${vocab.consentCategories.join('、')} 属于敏感信息，需先录入本人（或监护人）的书面或口头同意，导入时会先不登记这些类别，待补录同意书后再登记。`,
    ],
    ['风险等级', `不填默认为"${vocab.defaultRiskTier}"。`],
    [
      '导入',
      `一次最多 ${ROSTER_LIMITS.maxRows} 行、文件不超过 ${ROSTER_LIMITS.maxBytes / 1024 / 1024} MB。同一文件重复导入不会产生重复档案。`,
    ],
  ];
  const start = lists.length + 3;
  guide.getCell(`A${start}`).value = '填写要求';
  guide.getCell(`A${start}`).font = { bold: true };
  notes.forEach(([item, text], i) => {
    guide.getCell(`A${start + 1 + i}`).value = item;
    const cell = guide.getCell(`B${start + 1 + i}`);
    cell.value = text;
    cell.alignment = { wrapText: true, vertical: 'top' };
  });
  const ab = await wb.xlsx.writeBuffer();
  return Buffer.from(ab);
}

// ------------------------------------------------------------------ reading

/** Day shown by an exceljs date (exceljs builds dates from the serial number in UTC). */
const dayOf = (d: Date): string | null => (Number.isNaN(d.getTime()) ? null : d.toISOString().slice(0, 10));

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** An exceljs cell value reduced to a {@link RosterCell}. */
export function toRosterCell(value: unknown): RosterCell {
  if (value === null || value === undefined) return { kind: 'empty' };
  if (typeof value === 'number')
    return Number.isFinite(value) ? { kind: 'number', value } : { kind: 'empty' };
  if (typeof value === 'string')
    return value.trim() === '' ? { kind: 'empty' } : { kind: 'text', text: value };
  if (typeof value === 'boolean') return { kind: 'text', text: value ? 'TRUE' : 'FALSE' };
  if (value instanceof Date) {
    const day = dayOf(value);
    return day ? { kind: 'date', day } : { kind: 'empty' };
  }
  if (isRecord(value)) {
    if (Array.isArray(value.richText)) {
      const text = value.richText.map((r: unknown) => (isRecord(r) ? String(r.text ?? '') : '')).join('');
      return text.trim() === '' ? { kind: 'empty' } : { kind: 'text', text };
    }
    if ('formula' in value || 'sharedFormula' in value) return toRosterCell(value.result);
    if ('hyperlink' in value) return toRosterCell(value.text);
    if (typeof value.error === 'string') return { kind: 'error', text: value.error };
  }
  return { kind: 'empty' };
}

/** What an uploaded workbook holds, reduced to rows. */
export interface ReadSheet {
  sheetName: string;
  /** Non-blank rows from the top (the header is among the first ones), in order. */
  rows: RosterSheetRow[];
}

/** Unpacked size past which a workbook is refused before exceljs inflates it. */
const MAX_UNPACKED_BYTES = 64 * 1024 * 1024;

/**
 * Opens an uploaded file: refuses what is not an .xlsx (old .xls, encrypted,
 * anything else, a zip bomb) with a Chinese message, loads it with exceljs,
 * picks the sheet (花名册, else the first sheet but 填写说明), and returns its
 * non-blank rows. Refuses more than {@link ROSTER_LIMITS.maxRows} data rows
 * (counted after the first row, the header being at the top).
 */
export async function readWorkbook(buf: Buffer): Promise<ReadSheet> {
  const verdict = inspectZip(buf);
  if (verdict.kind === 'ole') throw new AppError('invalid-argument', ROSTER_MESSAGES.oldOrEncrypted);
  if (verdict.kind !== 'zip') throw new AppError('invalid-argument', ROSTER_MESSAGES.notXlsx);
  if (verdict.uncompressedBytes > MAX_UNPACKED_BYTES)
    throw new AppError('invalid-argument', ROSTER_MESSAGES.tooBig);
  const wb = new ExcelJS.Workbook();
  try {
    // A copy as a plain ArrayBuffer (exceljs types its input as one; jszip reads it as is).
    await wb.xlsx.load(new Uint8Array(buf).buffer);
  } catch {
    throw new AppError('invalid-argument', ROSTER_MESSAGES.notXlsx);
  }
  const sheets = wb.worksheets.filter((s) => normalizeText(s.name) !== GUIDE_SHEET);
  const ws = sheets.find((s) => normalizeText(s.name) === ROSTER_SHEET) ?? sheets[0];
  if (!ws) throw new AppError('invalid-argument', ROSTER_MESSAGES.noData);
  const rows: RosterSheetRow[] = [];
  // The header is row 1 in the template; a title row or two above it is
  // tolerated, so the limit allows for a few rows beyond the data.
  const maxRows = ROSTER_LIMITS.maxRows + 10;
  let tooMany = false;
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (tooMany) return;
    const cells: RosterCell[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(toRosterCell(row.getCell(c).value));
    if (isBlankRow(cells)) return;
    rows.push({ row: rowNumber, cells });
    if (rows.length > maxRows) tooMany = true;
  });
  if (tooMany) throw new AppError('invalid-argument', ROSTER_MESSAGES.tooManyRows);
  return { sheetName: ws.name, rows };
}
