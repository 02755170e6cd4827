import { idNumberCheckChar } from './id-number';
import {
  ROSTER_FIELDS,
  ROSTER_HEADERS,
  ROSTER_LIMITS,
  ROSTER_MESSAGES,
  checkRoster,
  countOutcomes,
  householdKeyOf,
  issuesOf,
  markExisting,
  type RosterCell,
  type RosterContext,
  type RosterField,
  type RosterSheetRow,
} from './roster';

/** A valid 18-digit ID number for a birth day and a sequence (odd: 男). */
const idFor = (day: string, seq = 123): string => {
  const first17 = `120107${day.replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
};
/** The same number with a wrong check character. */
const badCheck = (id: string): string => id.slice(0, 17) + (id[17] === '0' ? '1' : '0');

const ctx: RosterContext = { today: '2026-04-01', communities: [] };
const header: RosterSheetRow = {
  row: 1,
  cells: ROSTER_FIELDS.map((f) => ({ kind: 'text', text: ROSTER_HEADERS[f] })),
};
type RowInput = Partial<Record<RosterField, string | number | RosterCell>>;
const toCell = (v: string | number | RosterCell | undefined): RosterCell =>
  v === undefined
    ? { kind: 'empty' }
    : typeof v === 'string'
      ? v === ''
        ? { kind: 'empty' }
        : { kind: 'text', text: v }
      : typeof v === 'number'
        ? { kind: 'number', value: v }
        : v;
const row = (n: number, input: RowInput): RosterSheetRow => ({
  row: n,
  cells: ROSTER_FIELDS.map((f) => toCell(input[f])),
});
const ok = { name: '张三', idNumber: idFor('1950-03-01') };

/** Error codes of one row checked alone. */
const codesOf = (input: RowInput, c: RosterContext = ctx): string[] => {
  const res = checkRoster([header, row(2, input)], c);
  if (!res.ok) throw new Error(res.message);
  return res.rows[0]!.errors.map((e) => e.code);
};

describe('checkRoster: one row', () => {
  it.each<[string, RowInput, string[]]>([
    ['a full valid row', { ...ok, sex: '男', phone: '13812345678', categories: '独居、高龄' }, []],
    ['ID only', ok, []],
    ['spaced and full-width name', { ...ok, name: ' 张　三 ' }, []],
    ['birth year without ID', { name: '李四', birth: '1948' }, []],
    ['missing name', { idNumber: ok.idNumber }, ['name-missing']],
    ['name with digits', { ...ok, name: '张三3' }, ['name-invalid']],
    ['bad checksum', { ...ok, idNumber: badCheck(ok.idNumber) }, ['id-checksum']],
    ['17 digits', { ...ok, idNumber: ok.idNumber.slice(0, 17) }, ['id-format']],
    ['ID stored as a number', { ...ok, idNumber: 120107195003011000 }, ['id-lost-digits']],
    ['ID date 1950-02-30', { ...ok, idNumber: '120107195002301230' }, ['id-birth-date']],
    ['old 15-digit ID', { ...ok, idNumber: '120107500301123' }, []],
    ['sex not 男/女', { ...ok, sex: '未知' }, ['sex-unknown']],
    ['sex against the ID', { ...ok, sex: '女' }, ['sex-mismatch']],
    ['birth unreadable', { ...ok, birth: '三月' }, ['birth-invalid']],
    ['birth in the future', { name: '王五', birth: '2030-01-01' }, ['birth-range']],
    ['birth against the ID', { ...ok, birth: '1951-03-01' }, ['birth-mismatch']],
    ['birth year matching the ID', { ...ok, birth: 1950 }, []],
    ['no ID and no birth', { name: '赵六' }, ['birth-needed']],
    ['bad phone', { ...ok, phone: '12345' }, ['phone-invalid']],
    ['landline lost its 0', { ...ok, phone: 2225321234 }, ['phone-invalid']],
    ['unknown category', { ...ok, categories: '独居、五保' }, ['category-unknown']],
    ['unknown living situation', { ...ok, livingSituation: '养老院' }, ['living-unknown']],
    ['unknown risk tier', { ...ok, riskTier: '很高' }, ['risk-unknown']],
    ['unknown relationship', { ...ok, relationship: '表哥' }, ['relationship-unknown']],
    ['address too long', { ...ok, community: '新港社区', address: '路'.repeat(101) }, ['too-long']],
    ['address without 社区/村', { ...ok, address: '新港路1号' }, ['community-needed']],
    ['address with 社区/村', { ...ok, community: '新港社区', address: '新港路1号' }, []],
    ['formula error', { ...ok, phone: { kind: 'error', text: '#REF!' } }, ['cell-error']],
    [
      'several problems at once, in column order',
      { sex: '不详', idNumber: badCheck(ok.idNumber), categories: '五保' },
      ['name-missing', 'id-checksum', 'sex-unknown', 'category-unknown'],
    ],
  ])('%s', (_name, input, codes) => {
    expect(codesOf(input)).toEqual(codes);
  });

  it('refuses a 社区/村 outside the station list only when the station keeps one', () => {
    expect(codesOf({ ...ok, community: '新港社区' }, { ...ctx, communities: ['新港社区'] })).toEqual([]);
    expect(codesOf({ ...ok, community: '外星村' }, { ...ctx, communities: ['新港社区'] })).toEqual([
      'community-unknown',
    ]);
    expect(codesOf({ ...ok, community: '外星村' })).toEqual([]);
  });

  it('drops spaces between Chinese characters of a name', () => {
    const res = checkRoster([header, row(2, { ...ok, name: '欧阳 　小 明' })], ctx);
    if (!res.ok) throw new Error(res.message);
    expect(res.rows[0]!.record?.name).toBe('欧阳小明');
  });

  it('fills sex and birth from the ID, upgrades a 15-digit ID and defaults risk and living', () => {
    const res = checkRoster([header, row(2, { name: '张三', idNumber: '120107500301123' })], ctx);
    if (!res.ok) throw new Error(res.message);
    expect(res.rows[0]!.record).toMatchObject({
      sex: '男',
      birthDate: '1950-03-01',
      birthYear: 1950,
      idNumber: '12010719500301123' + idNumberCheckChar('12010719500301123'),
      risk: '一般',
      livingSituation: '其他',
    });
  });

  it('withholds categories that need consent and says so', () => {
    const res = checkRoster([header, row(2, { ...ok, categories: '低保、独居、残疾' })], ctx);
    if (!res.ok) throw new Error(res.message);
    const o = res.rows[0]!;
    expect(o.status).toBe('valid');
    expect(o.record?.categories).toEqual(['独居']);
    expect(o.record?.withheld).toEqual(['低保', '残疾/重残']);
    expect(o.notices.map((n) => n.message)).toEqual([
      '需补录同意书后再登记该类别：低保、残疾/重残（本次导入先不登记）',
    ]);
    expect(countOutcomes(res.rows).consentFlagged).toBe(1);
  });

  it('never quotes a phone or ID number typed into another column', () => {
    const res = checkRoster([header, row(2, { name: '张三', birth: '13812345678' })], ctx);
    if (!res.ok) throw new Error(res.message);
    expect(res.rows[0]!.errors[0]!.message).not.toContain('13812345678');
  });
});

describe('checkRoster: the sheet', () => {
  it('refuses a sheet without data rows and one with too many', () => {
    expect(checkRoster([header], ctx)).toEqual({ ok: false, message: ROSTER_MESSAGES.noData });
    const many = Array.from({ length: ROSTER_LIMITS.maxRows + 1 }, (_, i) =>
      row(i + 2, { name: '张三', birth: '1950' }),
    );
    expect(checkRoster([header, ...many], ctx)).toEqual({ ok: false, message: ROSTER_MESSAGES.tooManyRows });
  });

  it('marks later repeats within the file invalid, by ID and by name + birth', () => {
    const res = checkRoster(
      [
        header,
        row(2, ok),
        row(3, { name: '李四', birth: '1948-05-06' }),
        row(4, { ...ok, name: '张叁' }),
        row(5, { name: '李四', birth: '1948/5/6' }),
        row(6, { name: '李四', birth: '1949' }),
      ],
      ctx,
    );
    if (!res.ok) throw new Error(res.message);
    expect(res.rows.map((r) => r.status)).toEqual(['valid', 'valid', 'invalid', 'invalid', 'valid']);
    expect(issuesOf(res.rows).map((i) => [i.row, i.code, i.message])).toEqual([
      [4, 'duplicate-in-file', '与第 2 行是同一人（身份证号相同），请删除重复的一行'],
      [5, 'duplicate-in-file', '与第 3 行是同一人（姓名和出生日期相同），请删除重复的一行'],
    ]);
  });
});

describe('markExisting', () => {
  const res = checkRoster(
    [
      header,
      row(2, ok),
      row(3, { name: '李四', birth: '1948-05-06' }),
      row(4, { name: '王五', idNumber: idFor('1960-01-01', 124) }),
      row(5, { name: '赵六', birth: '1970' }),
    ],
    ctx,
  );
  if (!res.ok) throw new Error(res.message);

  it('matches by ID number, else by name and a compatible birth, never across different IDs', () => {
    const marked = markExisting(res.rows, [
      { _id: 'p-1', name: '张三丰', idNumber: ok.idNumber, birthDate: null, birthYear: null },
      { _id: 'p-2', name: '李四', idNumber: null, birthDate: null, birthYear: 1948 },
      {
        _id: 'p-3',
        name: '王五',
        idNumber: idFor('1960-01-01', 126),
        birthDate: '1960-01-01',
        birthYear: 1960,
      },
      { _id: 'p-4', name: '赵六', idNumber: null, birthDate: '1971-02-03', birthYear: 1971 },
    ]);
    expect(marked.map((o) => [o.status, o.existingId])).toEqual([
      ['existing', 'p-1'],
      ['existing', 'p-2'],
      ['valid', null],
      ['valid', null],
    ]);
    expect(countOutcomes(marked)).toEqual({
      rows: 4,
      valid: 2,
      invalid: 0,
      duplicates: 2,
      consentFlagged: 0,
    });
    expect(issuesOf(marked).map((i) => i.message)).toEqual([
      '本站已有此人的档案（身份证号相同），导入时将跳过',
      '本站已有此人的档案（姓名和出生日期相同），导入时将跳过',
    ]);
  });
});

describe('householdKeyOf', () => {
  const at = { community: '新港社区', householdHead: '张三', address: '新港路1号' };
  it('groups by 户主/联系人 and 住址 within a 社区/村, ignoring spaces in the address', () => {
    expect(householdKeyOf({ ...at, address: '新港路 1 号' })).toBe(householdKeyOf(at));
    expect(householdKeyOf({ ...at, address: '新港路2号' })).not.toBe(householdKeyOf(at));
    expect(householdKeyOf({ ...at, householdHead: '李四' })).not.toBe(householdKeyOf(at));
    expect(householdKeyOf({ ...at, community: '大港社区' })).not.toBe(householdKeyOf(at));
  });
  it('needs a 社区/村 and an address', () => {
    expect(householdKeyOf({ ...at, address: null })).toBeNull();
    expect(householdKeyOf({ ...at, community: null })).toBeNull();
  });
});
