/**
 * Bringing a station's existing roster (花名册, an Excel sheet) into the
 * service-user files (issue 9, part 5): the check of every row, duplicates
 * within the file and against the station's files, the counts and the
 * Chinese error list of the preview. Pure: the roster cloud function reads
 * the workbook (./roster-sheet.ts cells) and the database, this file decides.
 *
 * A row becomes a {@link RosterRecord}: the fields of a person
 * ({@link NewPerson} of ./person.ts, built by `buildPersonDoc` at import) plus
 * the household it belongs to. Target categories that need a separate consent
 * (CATEGORY_CONSENTS) are never imported from a sheet, because no consent is
 * on file for a person the station is only now entering: the row is imported
 * without them and flagged, and the worker records the consent at the door
 * and adds the category then.
 */
import { maskPiiInText } from '../masking';
import { personNameField } from '../schemas/fields';
import { HOUSEHOLD_RELATIONSHIPS, MAX_ADDRESS_CHARS, MAX_COMMUNITY_CHARS } from './household';
import {
  ID_NUMBER_MESSAGES,
  birthDateOfIdNumber,
  idNumberProblem,
  sexOfIdNumber,
  toIdNumber18,
  type IdNumberProblem,
} from './id-number';
import {
  CATEGORY_CONSENTS,
  LIVING_SITUATIONS,
  MAX_NOTES_CHARS,
  SEXES,
  TARGET_CATEGORIES,
  personDedupKey,
  type LivingSituation,
  type Sex,
  type TargetCategory,
} from './person';
import { RISK_TIERS, type RiskTier } from './risk';
import {
  MIN_BIRTH_YEAR,
  ROSTER_FIELD_LABELS,
  cellText,
  parseBirth,
  readHeader,
  readIdCell,
  readPhoneCell,
  splitList,
  type ColumnMap,
  type RosterCell,
  type RosterField,
  type RosterSheetRow,
} from './roster-sheet';

export * from './roster-sheet';

/** Limits of one import. */
export const ROSTER_LIMITS = {
  /** Data rows per file. */
  maxRows: 5000,
  /** Bytes per uploaded file. */
  maxBytes: 2 * 1024 * 1024,
  /** Issues returned by a preview (the counts always cover every row). */
  maxIssuesShown: 500,
  /** Hours a preview may be imported after it was made. */
  previewHours: 24,
} as const;

/** Messages of a refused file (the whole file, not one row). */
export const ROSTER_MESSAGES = {
  notXlsx: '文件不是 Excel（.xlsx）格式，请用小程序提供的花名册模板填写后保存为 .xlsx 再上传',
  oldOrEncrypted:
    '这是旧版 .xls 文件或设置了密码的 Excel 文件，请在 Excel 中"另存为".xlsx 格式（不设密码）后再上传',
  tooBig: `文件超过 ${ROSTER_LIMITS.maxBytes / 1024 / 1024} MB，请删去图片和无关的工作表，或分成几个文件分别导入`,
  tooManyRows: `一次最多导入 ${ROSTER_LIMITS.maxRows} 行，请把花名册分成几个文件分别导入`,
  noData: '表格中没有需要导入的人员，请在"花名册"工作表的表头下方逐行填写后再上传',
  fileMissing: '没有找到上传的文件，可能已过期，请重新选择文件上传',
  fileElsewhere: '文件不在本站的花名册上传目录中，请在小程序中重新选择文件上传',
  previewExpired: '预览已过期或不存在，请重新上传花名册并预览',
  hasInvalid:
    '花名册中有填写错误的行，按"全部导入"方式不会导入任何人。请修改后重新上传，或选择"只导入正确的行"',
} as const;

/** Default risk tier of a row that leaves it blank (said in the template's guide). */
export const DEFAULT_ROSTER_RISK: RiskTier = '一般';
/** Default living situation of a row that leaves it blank. */
export const DEFAULT_ROSTER_LIVING: LivingSituation = '其他';

/** What can be wrong with a row (errors) or worth saying about it (notices). */
export type RosterIssueCode =
  | 'name-missing'
  | 'name-invalid'
  | 'sex-unknown'
  | 'sex-mismatch'
  | 'birth-invalid'
  | 'birth-range'
  | 'birth-mismatch'
  | 'birth-needed'
  | 'id-lost-digits'
  | `id-${IdNumberProblem}`
  | 'phone-invalid'
  | 'category-unknown'
  | 'living-unknown'
  | 'risk-unknown'
  | 'relationship-unknown'
  | 'community-unknown'
  | 'community-needed'
  | 'household-head-invalid'
  | 'too-long'
  | 'cell-error'
  | 'duplicate-in-file'
  /** Notice: the station already has this person's file; the row is skipped. */
  | 'existing'
  /** Notice: categories left out until a consent is recorded. */
  | 'consent-needed';

/** One problem (or notice) of one row, in Chinese, with the row number as Excel shows it. */
export interface RosterIssue {
  row: number;
  field: RosterField | null;
  code: RosterIssueCode;
  message: string;
}

/** A row as it will be imported. */
export interface RosterRecord {
  row: number;
  name: string;
  sex: Sex | null;
  birthDate: string | null;
  birthYear: number | null;
  /** 18-digit form (an old 15-digit number is upgraded). */
  idNumber: string | null;
  phone: string | null;
  community: string | null;
  address: string | null;
  householdHead: string | null;
  relationship: string | null;
  /** Categories imported (none that needs a consent). */
  categories: TargetCategory[];
  /** Categories in the sheet left out until a consent is recorded. */
  withheld: TargetCategory[];
  livingSituation: LivingSituation;
  risk: RiskTier;
  notes: string | null;
}

/** What became of one row. */
export interface RosterRowOutcome {
  row: number;
  status: 'valid' | 'invalid' | 'existing';
  /** Null for an invalid row. */
  record: RosterRecord | null;
  errors: RosterIssue[];
  notices: RosterIssue[];
  /** The station's file this row duplicates (status `existing`). */
  existingId: string | null;
}

/** What a check needs besides the row. */
export interface RosterContext {
  /** Beijing day of the check (births after it are refused). */
  today: string;
  /** The station's 社区/村 list; empty: any name up to the length limit. */
  communities: readonly string[];
}

/** Longest text per free field, characters. */
const MAX_CHARS: Partial<Record<RosterField, number>> = {
  community: MAX_COMMUNITY_CHARS,
  address: MAX_ADDRESS_CHARS,
  notes: MAX_NOTES_CHARS,
};

/** Value quoted in a message: short, with any phone or ID number in it masked. */
const quote = (s: string): string => {
  const chars = Array.from(s);
  const short = chars.length > 12 ? `${chars.slice(0, 12).join('')}…` : s;
  return maskPiiInText(short) ?? '';
};

const nameSchema = personNameField('姓名', 20);
/** A name as typed, without the spaces people put between Chinese characters (`张 三` → `张三`). */
const nameText = (s: string): string => s.replace(/(?<=\p{Script=Han})\s+(?=\p{Script=Han})/gu, '');
const headSchema = personNameField('户主/联系人', 20);

const CATEGORY_ALIASES: Readonly<Record<string, TargetCategory>> = {
  残疾: '残疾/重残',
  重残: '残疾/重残',
  残疾人: '残疾/重残',
  重度残疾: '残疾/重残',
  低保户: '低保',
  特困供养: '特困',
  特困人员: '特困',
  低收入户: '低收入',
  空巢老人: '空巢',
  独居老人: '独居',
  失能老人: '失能',
  高龄老人: '高龄',
  计生特殊家庭: '计生特殊',
  事实无人抚养: '事实无人抚养儿童',
};

/** A category as typed → one of TARGET_CATEGORIES, or null. */
export function categoryOf(text: string): TargetCategory | null {
  const t = text.replace(/\s/g, '');
  return (TARGET_CATEGORIES as readonly string[]).includes(t)
    ? (t as TargetCategory)
    : (CATEGORY_ALIASES[t] ?? null);
}

const pick = <T extends string>(list: readonly T[], text: string): T | null =>
  (list as readonly string[]).includes(text) ? (text as T) : null;

/**
 * Checks one data row: every field, in column order, with every problem
 * reported (a person fixing a row wants all of it at once). Returns the
 * record when there is no error; notices (categories withheld for consent)
 * ride along.
 */
export function checkRow(
  r: RosterSheetRow,
  columns: ColumnMap,
  ctx: RosterContext,
): { record: RosterRecord | null; errors: RosterIssue[]; notices: RosterIssue[] } {
  const errors: RosterIssue[] = [];
  const notices: RosterIssue[] = [];
  const cell = (f: RosterField): RosterCell | undefined => {
    const i = columns[f];
    return i === undefined ? undefined : r.cells[i];
  };
  const text = (f: RosterField): string => cellText(cell(f));
  const err = (field: RosterField | null, code: RosterIssueCode, message: string) =>
    errors.push({ row: r.row, field, code, message });
  for (const f of Object.keys(columns) as RosterField[]) {
    const c = cell(f);
    if (c?.kind === 'error')
      err(f, 'cell-error', `${ROSTER_FIELD_LABELS[f]}单元格是公式错误（${c.text}），请改为直接填写内容`);
  }
  const bad = (f: RosterField) => cell(f)?.kind === 'error';

  // 姓名
  let name: string | null = null;
  const rawName = nameText(text('name'));
  if (!rawName) err('name', 'name-missing', '姓名为空，请填写姓名');
  else if (!bad('name')) {
    const parsed = nameSchema.safeParse(rawName);
    if (parsed.success) name = parsed.data;
    else err('name', 'name-invalid', parsed.error.issues[0]?.message ?? '姓名格式不对，请修改');
  }

  // 身份证号 (checked before sex and birth, which it also tells)
  let idNumber: string | null = null;
  const id = readIdCell(cell('idNumber'));
  if (id.kind === 'lost-digits')
    err(
      'idNumber',
      'id-lost-digits',
      '身份证号被 Excel 存成了数字，后几位已变成 0，请把"身份证号"列设为文本格式后重新填写',
    );
  else if (id.kind === 'text' && !bad('idNumber')) {
    const problem = idNumberProblem(id.value, ctx.today);
    if (problem) err('idNumber', `id-${problem}`, ID_NUMBER_MESSAGES[problem]);
    else idNumber = toIdNumber18(id.value);
  }
  const idBirth = idNumber ? birthDateOfIdNumber(idNumber) : null;
  const idSex = idNumber ? sexOfIdNumber(idNumber) : null;

  // 性别
  let sex: Sex | null = idSex;
  const rawSex = text('sex');
  if (rawSex && !bad('sex')) {
    const s = pick(SEXES, rawSex.replace(/性$/, ''));
    if (!s) err('sex', 'sex-unknown', `性别"${quote(rawSex)}"无法识别，请填写"男"或"女"`);
    else if (idSex && s !== idSex) err('sex', 'sex-mismatch', '性别与身份证号不一致，请核对');
    else sex = s;
  }

  // 出生日期或年份
  let birthDate: string | null = idBirth;
  let birthYear: number | null = idBirth ? Number(idBirth.slice(0, 4)) : null;
  const rawBirth = text('birth');
  if (rawBirth && !bad('birth')) {
    const b = parseBirth(cell('birth'));
    if (!b)
      err('birth', 'birth-invalid', `出生日期"${quote(rawBirth)}"无法识别，请填写如 1950-03-01 或 1950`);
    else if (b.year < MIN_BIRTH_YEAR || (b.date ?? `${b.year}-01-01`) > ctx.today)
      err('birth', 'birth-range', `出生日期应在 ${MIN_BIRTH_YEAR} 年到今天之间，请核对`);
    else if (idBirth && (b.date ? b.date !== idBirth : b.year !== birthYear))
      err('birth', 'birth-mismatch', '出生日期与身份证号中的出生日期不一致，请核对');
    else if (!idBirth) {
      birthDate = b.date;
      birthYear = b.year;
    }
  }
  if (id.kind === 'empty' && !rawBirth)
    err('birth', 'birth-needed', '没有身份证号时请填写出生日期或年份，以便区分同名的人');

  // 联系电话
  let phone: string | null = null;
  const p = readPhoneCell(cell('phone'));
  if (p.kind === 'bad' && !bad('phone'))
    err('phone', 'phone-invalid', '联系电话格式不对，请填写 11 位手机号或带区号的座机号（如 022-25321234）');
  else if (p.kind === 'ok') phone = p.value;

  // Free text: 社区/村, 住址, 备注
  const free = (f: RosterField): string | null => {
    const v = text(f);
    if (!v || bad(f)) return null;
    const max = MAX_CHARS[f];
    if (max !== undefined && Array.from(v).length > max) {
      err(f, 'too-long', `${ROSTER_FIELD_LABELS[f]}超过 ${max} 个字，请精简`);
      return null;
    }
    return v;
  };
  let community = free('community');
  if (community && ctx.communities.length > 0 && !ctx.communities.includes(community)) {
    err(
      'community',
      'community-unknown',
      `社区/村"${quote(community)}"不在本站的社区/村列表中，请核对名称，或先在小程序中添加该社区/村`,
    );
    community = null;
  }
  const address = free('address');
  if (address && !community && !text('community'))
    err('community', 'community-needed', '填写了住址时请同时填写社区/村，以便建立家庭档案');
  const notes = free('notes');

  // 户主/联系人, 与户主关系
  let householdHead: string | null = null;
  const rawHead = nameText(text('householdHead'));
  if (rawHead && !bad('householdHead')) {
    const parsed = headSchema.safeParse(rawHead);
    if (parsed.success) householdHead = parsed.data;
    else
      err(
        'householdHead',
        'household-head-invalid',
        parsed.error.issues[0]?.message ?? '户主/联系人格式不对',
      );
  }
  let relationship: string | null = null;
  const rawRel = text('relationship');
  if (rawRel && !bad('relationship')) {
    relationship = pick(HOUSEHOLD_RELATIONSHIPS, rawRel === '本人' ? '户主' : rawRel);
    if (!relationship)
      err(
        'relationship',
        'relationship-unknown',
        `与户主关系"${quote(rawRel)}"无法识别，可填：${HOUSEHOLD_RELATIONSHIPS.join('、')}`,
      );
  } else if (householdHead && name && householdHead === name) relationship = '户主';

  // 服务对象类别
  const categories: TargetCategory[] = [];
  const rawCats = text('categories');
  if (rawCats && !bad('categories')) {
    for (const item of splitList(rawCats)) {
      const c = categoryOf(item);
      if (!c)
        err(
          'categories',
          'category-unknown',
          `服务对象类别"${quote(item)}"无法识别，请按《填写说明》中的类别填写，多个类别用"、"分隔`,
        );
      else if (!categories.includes(c)) categories.push(c);
    }
  }

  // 居住状况, 风险等级
  let livingSituation: LivingSituation = DEFAULT_ROSTER_LIVING;
  const rawLiving = text('livingSituation');
  if (rawLiving && !bad('livingSituation')) {
    const l = pick(LIVING_SITUATIONS, rawLiving);
    if (l) livingSituation = l;
    else
      err(
        'livingSituation',
        'living-unknown',
        `居住状况"${quote(rawLiving)}"无法识别，可填：${LIVING_SITUATIONS.join('、')}`,
      );
  }
  let risk: RiskTier = DEFAULT_ROSTER_RISK;
  const rawRisk = text('riskTier');
  if (rawRisk && !bad('riskTier')) {
    const t = pick(RISK_TIERS, rawRisk === '高' ? '高风险' : rawRisk);
    if (t) risk = t;
    else
      err('riskTier', 'risk-unknown', `风险等级"${quote(rawRisk)}"无法识别，可填：${RISK_TIERS.join('、')}`);
  }

  if (errors.length > 0 || !name) return { record: null, errors, notices };

  const withheld = categories.filter((c) => (CATEGORY_CONSENTS[c] ?? []).length > 0);
  if (withheld.length > 0) {
    notices.push({
      row: r.row,
      field: 'categories',
      code: 'consent-needed',
      message: `需补录同意书后再登记该类别：${withheld.join('、')}（本次导入先不登记）`,
    });
  }
  return {
    record: {
      row: r.row,
      name,
      sex,
      birthDate,
      birthYear,
      idNumber,
      phone,
      community,
      address,
      householdHead,
      relationship,
      categories: categories.filter((c) => !withheld.includes(c)),
      withheld,
      livingSituation,
      risk,
      notes,
    },
    errors,
    notices,
  };
}

/** The duplicate key of a record (the same as the files': ID number, else name and birth). */
export const recordKey = (r: Pick<RosterRecord, 'name' | 'idNumber' | 'birthDate' | 'birthYear'>): string =>
  personDedupKey(r);

/**
 * The household a record belongs to: rows with the same 户主/联系人 and 住址
 * (within one 社区/村) are one household. A household needs its 社区/村 and
 * 住址 (as one made in the app does); a row without them gets a file without
 * a household, to be placed later.
 */
export function householdKeyOf(
  r: Pick<RosterRecord, 'householdHead' | 'address' | 'community'>,
): string | null {
  if (!r.address || !r.community) return null;
  return `hh:${r.community}|${r.address.replace(/\s/g, '')}|${r.householdHead ?? ''}`;
}

/** Outcome of checking a whole sheet. */
export type RosterCheck =
  | { ok: true; headerRow: number; ignoredHeaders: string[]; rows: RosterRowOutcome[] }
  | { ok: false; message: string };

/**
 * Checks a sheet: finds the header, refuses an empty sheet or one with more
 * than {@link ROSTER_LIMITS.maxRows} data rows, checks every row, then marks
 * later rows that repeat an earlier valid one (same ID number, or same name
 * and birth) as invalid.
 */
export function checkRoster(rows: readonly RosterSheetRow[], ctx: RosterContext): RosterCheck {
  const header = readHeader(rows);
  if (!header.ok) return header;
  const data = rows.filter((r) => r.row > header.headerRow);
  if (data.length === 0) return { ok: false, message: ROSTER_MESSAGES.noData };
  if (data.length > ROSTER_LIMITS.maxRows) return { ok: false, message: ROSTER_MESSAGES.tooManyRows };
  const firstByKey = new Map<string, RosterRecord>();
  const outcomes = data.map((r): RosterRowOutcome => {
    const { record, errors, notices } = checkRow(r, header.columns, ctx);
    if (!record) return { row: r.row, status: 'invalid', record: null, errors, notices, existingId: null };
    const key = recordKey(record);
    const first = firstByKey.get(key);
    if (first) {
      const why = key.startsWith('id:') ? '身份证号相同' : '姓名和出生日期相同';
      return {
        row: r.row,
        status: 'invalid',
        record: null,
        errors: [
          {
            row: r.row,
            field: key.startsWith('id:') ? 'idNumber' : 'name',
            code: 'duplicate-in-file',
            message: `与第 ${first.row} 行是同一人（${why}），请删除重复的一行`,
          },
        ],
        notices: [],
        existingId: null,
      };
    }
    firstByKey.set(key, record);
    return { row: r.row, status: 'valid', record, errors, notices, existingId: null };
  });
  return { ok: true, headerRow: header.headerRow, ignoredHeaders: header.ignored, rows: outcomes };
}

/** A file of the station, as far as duplicates go. */
export interface ExistingPerson {
  _id: string;
  name: string;
  idNumber: string | null;
  birthDate: string | null;
  birthYear: number | null;
}

/** True when two births can be the same (both dates equal; else both years equal). */
const sameBirth = (
  a: Pick<ExistingPerson, 'birthDate' | 'birthYear'>,
  b: Pick<ExistingPerson, 'birthDate' | 'birthYear'>,
): boolean => {
  if (a.birthDate && b.birthDate) return a.birthDate === b.birthDate;
  const ya = a.birthYear ?? (a.birthDate ? Number(a.birthDate.slice(0, 4)) : null);
  const yb = b.birthYear ?? (b.birthDate ? Number(b.birthDate.slice(0, 4)) : null);
  return ya !== null && ya === yb;
};

/**
 * Marks valid rows that the station already has a file for (status
 * `existing`, skipped at import): the same ID number; else the same name with
 * a compatible birth, unless both carry different ID numbers (two people).
 */
export function markExisting(
  outcomes: readonly RosterRowOutcome[],
  existing: readonly ExistingPerson[],
): RosterRowOutcome[] {
  const byId = new Map<string, ExistingPerson>();
  const byName = new Map<string, ExistingPerson[]>();
  for (const e of existing) {
    const id = e.idNumber ? toIdNumber18(e.idNumber) : null;
    if (id) byId.set(id, e);
    byName.set(e.name, [...(byName.get(e.name) ?? []), e]);
  }
  return outcomes.map((o) => {
    const r = o.record;
    if (o.status !== 'valid' || !r) return o;
    let match: ExistingPerson | undefined;
    let why = '';
    if (r.idNumber && byId.has(r.idNumber)) {
      match = byId.get(r.idNumber);
      why = '身份证号相同';
    } else {
      match = (byName.get(r.name) ?? []).find(
        (e) => sameBirth(e, r) && !(r.idNumber && e.idNumber && toIdNumber18(e.idNumber) !== r.idNumber),
      );
      why = '姓名和出生日期相同';
    }
    if (!match) return o;
    return {
      ...o,
      status: 'existing' as const,
      existingId: match._id,
      notices: [
        {
          row: o.row,
          field: why === '身份证号相同' ? ('idNumber' as const) : ('name' as const),
          code: 'existing' as const,
          message: `本站已有此人的档案（${why}），导入时将跳过`,
        },
      ],
    };
  });
}

/** The counts of a preview. */
export interface RosterCounts {
  /** Data rows read (blank rows not counted). */
  rows: number;
  /** Rows that would become new files. */
  valid: number;
  /** Rows with errors (duplicates within the file included). */
  invalid: number;
  /** Rows the station already has a file for (skipped). */
  duplicates: number;
  /** Valid rows imported without categories that need a consent. */
  consentFlagged: number;
}

/** Counts of the outcomes. */
export function countOutcomes(outcomes: readonly RosterRowOutcome[]): RosterCounts {
  const c: RosterCounts = { rows: outcomes.length, valid: 0, invalid: 0, duplicates: 0, consentFlagged: 0 };
  for (const o of outcomes) {
    if (o.status === 'valid') c.valid += 1;
    else if (o.status === 'invalid') c.invalid += 1;
    else c.duplicates += 1;
    if (o.status === 'valid' && o.notices.some((n) => n.code === 'consent-needed')) c.consentFlagged += 1;
  }
  return c;
}

/** Every error and notice in row order (errors of a row before its notices). */
export const issuesOf = (outcomes: readonly RosterRowOutcome[]): RosterIssue[] =>
  outcomes.flatMap((o) => [...o.errors, ...o.notices]);
