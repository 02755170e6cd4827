/**
 * Fixtures of the roster integration tests (and of the roster rows of the
 * permission matrix, which is why nothing here uses jest globals): rosters
 * written with exceljs as a station would fill them, uploads through the real
 * wx-server-sdk, a 5,000-row roster with known bad rows, and the metric lines
 * the function logs.
 */
import ExcelJS from 'exceljs';
import type * as Cloud from 'wx-server-sdk';
import { COLLECTIONS } from '../../shared/src/collections';
import { idNumberCheckChar } from '../../shared/src/domain/id-number';
import { ROSTER_FIELDS, ROSTER_HEADERS, type RosterField } from '../../shared/src/domain/roster';
import { rosterUploadPath } from '../../shared/src/schemas/roster';
import type { DB } from '../../scripts/seed';

/** The SDK as the test process has it (initialised by databaseFor when the emulator started). */
export function sdk(): typeof Cloud {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded after the emulator set its environment
  return require('wx-server-sdk') as typeof Cloud;
}

let uploads = 0;
/** Uploads `content` as the phone would (wx.cloud.uploadFile) into the station's roster folder; returns the fileID. */
export async function uploadRoster(stationId: string, content: Buffer, name?: string): Promise<string> {
  uploads += 1;
  const path = rosterUploadPath(
    stationId,
    name ?? `t-${uploads}-${Math.random().toString(36).slice(2, 8)}.xlsx`,
  );
  const res = await sdk().uploadFile({ cloudPath: path, fileContent: content });
  return res.fileID;
}

/** True when the file is still in storage. */
export async function stillStored(fileID: string): Promise<boolean> {
  const res = await sdk().getTempFileURL({ fileList: [fileID] });
  return !!res && res.fileList[0]?.status === 0;
}

/** A cell as written into the sheet: text, a number (as Excel stores one), a date, or nothing. */
export type SheetValue = string | number | Date | null | undefined;
/** A row by field. */
export type SheetRow = Partial<Record<RosterField, SheetValue>>;

/**
 * Writes a roster workbook: sheet 花名册 with `headers` (default: the
 * template's, in its order) and one row per entry, below `titleRows` rows
 * of title text.
 */
export async function rosterXlsx(
  rows: readonly SheetRow[],
  opts: { headers?: Array<[RosterField | null, string]>; titleRows?: string[]; sheetName?: string } = {},
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(opts.sheetName ?? '花名册');
  for (const t of opts.titleRows ?? []) ws.addRow([t]);
  const headers = opts.headers ?? ROSTER_FIELDS.map((f): [RosterField, string] => [f, ROSTER_HEADERS[f]]);
  ws.addRow(headers.map(([, h]) => h));
  for (const r of rows) {
    ws.addRow(headers.map(([f]) => (f ? (r[f] ?? null) : '无关内容')));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A valid 18-digit ID number of a Binhai resident born on `day`, sequence `seq` (odd: 男). */
export function idFor(day: string, seq: number): string {
  const first17 = `120116${day.replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}

/** The same number with a wrong check character. */
export const withBadCheck = (id: string): string => id.slice(0, 17) + (id[17] === '0' ? '1' : '0');

/** Deterministic pseudo-random numbers (mulberry32), so the generated roster is the same on every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES = Array.from('王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗');
const GIVEN = Array.from('秀英桂兰玉珍凤芝淑华建国志强德明春梅海燕丽娟振华永福金凤');
const COMMUNITIES = ['新港社区', '大沽社区', '渤海村', '新城社区'];
/** Categories that need no consent (kept out of the big roster so every notice is an error). */
const PLAIN_CATEGORIES = ['独居', '空巢', '高龄', '留守老人', '其他'];

/** The kinds of bad row in the generated roster, each with the one error it must give. */
export const BAD_KINDS = [
  'name-missing',
  'id-checksum',
  'category-unknown',
  'phone-invalid',
  'duplicate-in-file',
  'id-lost-digits',
  'sex-unknown',
  'birth-invalid',
  'risk-unknown',
  'living-unknown',
] as const;
/** One of {@link BAD_KINDS}. */
export type BadKind = (typeof BAD_KINDS)[number];

/** A generated roster: its rows and the exact errors (row number as Excel shows it, code). */
export interface GeneratedRoster {
  rows: SheetRow[];
  expected: Array<{ row: number; code: BadKind; message: string }>;
  /** Excel row numbers of the valid rows. */
  validRows: number[];
}

/**
 * `total` rows (header in row 1, data from row 2), every tenth row bad, the
 * bad kinds taking turns, each bad row with exactly one error. Valid rows
 * have unique ID numbers; most form households of one to three people.
 */
export function generateRoster(total: number, seed = 7): GeneratedRoster {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const rows: SheetRow[] = [];
  const expected: GeneratedRoster['expected'] = [];
  const validRows: number[] = [];
  let household = 0;
  let head = '';
  let bad = 0;
  for (let i = 0; i < total; i++) {
    const excelRow = i + 2;
    const year = 1930 + (i % 40);
    const day = `${year}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
    const seq = 100 + Math.floor(i / 480); // unique with the day (i % 480 cycles the days)
    const id = idFor(day, seq);
    const name = pick(SURNAMES) + pick(GIVEN) + (rnd() < 0.5 ? pick(GIVEN) : '');
    if (i % 5 === 0) {
      household += 1;
      head = name;
    }
    const row: SheetRow = {
      name,
      sex: Number(id[16]) % 2 === 1 ? '男' : '女',
      birth: rnd() < 0.3 ? new Date(`${day}T00:00:00Z`) : rnd() < 0.5 ? day : undefined,
      idNumber: id,
      phone: rnd() < 0.7 ? `13${String(100000000 + i * 7919).slice(-9)}` : undefined,
      community: COMMUNITIES[household % COMMUNITIES.length],
      address: `第${household}号楼${(household % 6) + 1}门`,
      householdHead: head,
      relationship: pick(['户主', '配偶', '子女', '父母']),
      categories: rnd() < 0.8 ? `${pick(PLAIN_CATEGORIES)}、${pick(PLAIN_CATEGORIES)}` : undefined,
      livingSituation: pick(['独居', '与配偶', '与子女']),
      riskTier: pick(['高风险', '重点', '一般']),
      notes: rnd() < 0.2 ? '需要定期探访' : undefined,
    };
    if (i % 10 === 9) {
      const kind = BAD_KINDS[bad % BAD_KINDS.length]!;
      bad += 1;
      let message = '';
      switch (kind) {
        case 'name-missing':
          row.name = undefined;
          message = '姓名为空，请填写姓名';
          break;
        case 'id-checksum':
          row.idNumber = withBadCheck(id);
          message = '身份证号最后一位校验码不对，可能有数字填错了，请核对后重新填写';
          break;
        case 'category-unknown':
          row.categories = '独居、五保户';
          message = '服务对象类别"五保户"无法识别，请按《填写说明》中的类别填写，多个类别用"、"分隔';
          break;
        case 'phone-invalid':
          row.phone = '1234567';
          message = '联系电话格式不对，请填写 11 位手机号或带区号的座机号（如 022-25321234）';
          break;
        case 'duplicate-in-file': {
          // The ID of the row before this one (always a valid row: i % 10 === 8).
          const earlier = rows[i - 1]!;
          row.idNumber = earlier.idNumber;
          row.birth = undefined;
          row.sex = earlier.sex;
          message = `与第 ${excelRow - 1} 行是同一人（身份证号相同），请删除重复的一行`;
          break;
        }
        case 'id-lost-digits':
          row.idNumber = Number(id.slice(0, 17)) * 10; // an 18-digit number: Excel keeps 15 digits
          message = '身份证号被 Excel 存成了数字，后几位已变成 0，请把"身份证号"列设为文本格式后重新填写';
          break;
        case 'sex-unknown':
          row.sex = '不详';
          message = '性别"不详"无法识别，请填写"男"或"女"';
          break;
        case 'birth-invalid':
          row.birth = '去年春天';
          message = '出生日期"去年春天"无法识别，请填写如 1950-03-01 或 1950';
          break;
        case 'risk-unknown':
          row.riskTier = '特高';
          message = '风险等级"特高"无法识别，可填：高风险、重点、一般';
          break;
        case 'living-unknown':
          row.livingSituation = '敬老院';
          message = '居住状况"敬老院"无法识别，可填：独居、与配偶、与子女、机构、其他';
          break;
      }
      expected.push({ row: excelRow, code: kind, message });
    } else validRows.push(excelRow);
    rows.push(row);
  }
  return { rows, expected, validRows };
}

/** Awaits an SDK call (typed `Promise | void | string` for the legacy callback style). */
export async function run<T>(call: Promise<T> | void | string): Promise<T> {
  if (!call || typeof call === 'string') throw new Error('wx-server-sdk call returned no promise');
  return call;
}

/** Documents in a collection (0 when it does not exist yet). */
export async function countOf(db: DB, collection: string): Promise<number> {
  try {
    const res = await run(db.collection(collection).count());
    return res.total;
  } catch {
    return 0;
  }
}

/** Persons, households and previews: what an import may write. */
export async function writtenCounts(db: DB): Promise<Record<string, number>> {
  return {
    persons: await countOf(db, COLLECTIONS.persons),
    households: await countOf(db, COLLECTIONS.households),
    previews: await countOf(db, COLLECTIONS.rosterPreviews),
  };
}

/** The metric lines (JSON) the roster function logged, parsed. */
export function metricLines(logs: readonly string[]): Array<Record<string, unknown>> {
  return logs.flatMap((line) => {
    const i = line.indexOf('{"level":"info","metric":"roster"');
    if (i < 0) return [];
    try {
      return [JSON.parse(line.slice(i)) as Record<string, unknown>];
    } catch {
      return [];
    }
  });
}

let previews = 0;
/**
 * Inserts a preview of one valid row at `stationId` (as previewRoster would
 * have stored it), importable for a day; returns its id.
 */
export async function addRosterPreview(db: DB, stationId: string): Promise<string> {
  previews += 1;
  const id = `rp-fixture-${previews}-${Math.random().toString(36).slice(2, 8)}`;
  const now = new Date();
  const record = {
    row: 2,
    name: '张三',
    sex: null,
    birthDate: null,
    birthYear: 1900 + (previews % 120),
    idNumber: null,
    phone: null,
    community: null,
    address: null,
    householdHead: null,
    relationship: null,
    categories: [],
    withheld: [],
    livingSituation: '其他',
    risk: '一般',
    notes: null,
  };
  await run(
    db.collection(COLLECTIONS.rosterPreviews).add({
      data: [
        {
          _id: `${id}~0`,
          kind: 'rows',
          previewId: id,
          stationId,
          createdAt: now,
          index: 0,
          records: [record],
        },
        {
          _id: id,
          kind: 'preview',
          stationId,
          createdBy: 'u-fixture',
          createdAt: now,
          expiresAt: new Date(now.getTime() + 86_400_000),
          counts: { rows: 1, valid: 1, invalid: 0, duplicates: 0, consentFlagged: 0 },
          households: 0,
          issuesTotal: 0,
          chunks: 1,
          status: 'previewed',
          result: null,
          importedAt: null,
        },
      ],
    }),
  );
  return id;
}
