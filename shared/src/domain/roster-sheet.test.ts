import {
  cellText,
  headerKey,
  normalizeText,
  parseBirth,
  readHeader,
  readIdCell,
  readPhoneCell,
  splitList,
  type RosterCell,
} from './roster-sheet';

const t = (text: string): RosterCell => ({ kind: 'text', text });
const n = (value: number): RosterCell => ({ kind: 'number', value });
const empty: RosterCell = { kind: 'empty' };

describe('normalizeText / headerKey', () => {
  it.each([
    ['  张　三 ', '张 三'],
    ['ＡＢＣ１２３', 'ABC123'],
    ['王\u200b五', '王五'],
    ['李\n四', '李 四'],
  ])('%j → %j', (raw, want) => expect(normalizeText(raw)).toBe(want));

  it.each([
    ['姓名*', '姓名'],
    [' 姓 名 ', '姓名'],
    ['服务对象类别（可多选，用、分隔）', '服务对象类别'],
    ['服务对象类别(可多选)', '服务对象类别'],
    ['社区／村', '社区/村'],
  ])('header %j → %j', (raw, want) => expect(headerKey(raw)).toBe(want));
});

describe('readHeader', () => {
  const row = (r: number, ...texts: string[]) => ({ row: r, cells: texts.map((x) => (x ? t(x) : empty)) });

  it('maps the template header', () => {
    const h = readHeader([row(1, '姓名*', '性别', '出生日期或年份', '身份证号')]);
    expect(h).toEqual({
      ok: true,
      headerRow: 1,
      columns: { name: 0, sex: 1, birth: 2, idNumber: 3 },
      ignored: [],
    });
  });

  it('takes columns in any order, full-width and spaced, below a title row, ignoring unknown ones', () => {
    const h = readHeader([
      row(1, '某某社工站服务对象花名册'),
      row(2, '序号', '身份证号码', ' 姓　名 ', '手机号', '风险等级', '籍贯'),
    ]);
    expect(h).toEqual({
      ok: true,
      headerRow: 2,
      columns: { idNumber: 1, name: 2, phone: 3, riskTier: 4 },
      ignored: ['序号', '籍贯'],
    });
  });

  it('refuses a sheet without a 姓名 column, and a column named twice', () => {
    const none = readHeader([row(1, '名单'), row(2, 'A', 'B')]);
    expect(none.ok).toBe(false);
    const twice = readHeader([row(1, '姓名', '电话', '手机')]);
    expect(twice).toEqual({ ok: false, message: '表头"手机"重复出现，请只保留一列后再上传' });
  });
});

describe('cellText', () => {
  it('shows numbers as digits (no exponent) and dates as days', () => {
    expect(cellText(n(13812345678))).toBe('13812345678');
    expect(cellText(n(1.5))).toBe('1.5');
    expect(cellText({ kind: 'date', day: '1950-03-01' })).toBe('1950-03-01');
    expect(cellText(undefined)).toBe('');
  });
});

describe('parseBirth', () => {
  it.each<[RosterCell, { year: number; date: string | null } | null]>([
    [
      { kind: 'date', day: '1950-03-01' },
      { year: 1950, date: '1950-03-01' },
    ],
    [n(1950), { year: 1950, date: null }],
    [n(18323), { year: 1950, date: '1950-03-01' }], // Excel serial of 1950-03-01
    [n(19500301), { year: 1950, date: '1950-03-01' }],
    [t('1950'), { year: 1950, date: null }],
    [t('1950年'), { year: 1950, date: null }],
    [t('1950-03-01'), { year: 1950, date: '1950-03-01' }],
    [t('1950/3/1'), { year: 1950, date: '1950-03-01' }],
    [t('1950.3.1'), { year: 1950, date: '1950-03-01' }],
    [t('1950年3月1日'), { year: 1950, date: '1950-03-01' }],
    [t('１９５０－０３－０１'), { year: 1950, date: '1950-03-01' }],
    [t('1950年3月'), { year: 1950, date: null }],
    [t('1950-03'), { year: 1950, date: null }],
    [t('19500301'), { year: 1950, date: '1950-03-01' }],
    [t('1950-02-30'), null],
    [t('1950-13'), null],
    [t('三月'), null],
    [t('50年'), null],
    [n(1.5), null],
  ])('%j → %j', (cell, want) => expect(parseBirth(cell)).toEqual(want));
});

describe('readIdCell', () => {
  it.each<[RosterCell, ReturnType<typeof readIdCell>]>([
    [empty, { kind: 'empty' }],
    [t(' '), { kind: 'empty' }],
    [t('120101 19900101 123x'), { kind: 'text', value: '12010119900101123X' }],
    [t('１２０１０１１９９００１０１１２３４'), { kind: 'text', value: '120101199001011234' }],
    [t('120101-1990-0101-1234'), { kind: 'text', value: '120101199001011234' }],
    // An 18-digit number stored as a number: Excel kept 15 digits.
    [n(120101199001011000), { kind: 'lost-digits' }],
    [n(1.20101199001011e17), { kind: 'lost-digits' }],
    [t('1.20101E+17'), { kind: 'lost-digits' }],
    // A 15-digit (old form) number survives as a number.
    [n(120101900101123), { kind: 'text', value: '120101900101123' }],
  ])('%j → %j', (cell, want) => expect(readIdCell(cell)).toEqual(want));
});

describe('readPhoneCell', () => {
  it.each<[RosterCell, ReturnType<typeof readPhoneCell>]>([
    [empty, { kind: 'empty' }],
    [t('13812345678'), { kind: 'ok', value: '13812345678' }],
    [n(13812345678), { kind: 'ok', value: '13812345678' }],
    [t('138 1234 5678'), { kind: 'ok', value: '13812345678' }],
    [t('+86 138-1234-5678'), { kind: 'ok', value: '13812345678' }],
    [t('022-25321234'), { kind: 'ok', value: '022-25321234' }],
    [t('（022）25321234'), { kind: 'ok', value: '022-25321234' }],
    [t('0315-2234567'), { kind: 'ok', value: '0315-2234567' }],
    // A landline stored as a number lost its leading 0.
    [n(2225321234), { kind: 'bad' }],
    [t('25321234'), { kind: 'bad' }],
    [t('1381234567'), { kind: 'bad' }],
    [t('12812345678'), { kind: 'bad' }],
    [t('无'), { kind: 'bad' }],
  ])('%j → %j', (cell, want) => expect(readPhoneCell(cell)).toEqual(want));
});

describe('splitList', () => {
  it.each([
    ['低保、独居', ['低保', '独居']],
    ['低保，独居；高龄', ['低保', '独居', '高龄']],
    ['低保 ,  独居', ['低保', '独居']],
    ['  ', []],
  ])('%j → %j', (raw, want) => expect(splitList(raw)).toEqual(want));
});
