/**
 * The roster flows through the real SDK on the emulator: the template round
 * trip, rosters as stations really fill them (columns in another order,
 * spaces, full-width characters, Excel dates and text dates, numbers where
 * text belongs), consent-needing categories, duplicates of existing files,
 * households, and every refused input (Chinese message, nothing written).
 */
import ExcelJS from 'exceljs';
import { COLLECTIONS } from '../../shared/src/collections';
import type {
  RosterImportOutput,
  RosterPreviewOutput,
  RosterTemplateOutput,
} from '../../shared/src/contracts/roster';
import { ROSTER_FIELDS, ROSTER_HEADERS, ROSTER_MESSAGES } from '../../shared/src/domain/roster';
import { useTestCloud } from '../helpers/cloud';
import { addAccount, AWAY, HOME } from './accounts.fixtures';
import {
  countOf,
  idFor,
  rosterXlsx,
  run,
  sdk,
  stillStored,
  uploadRoster,
  withBadCheck,
  writtenCounts,
  type SheetRow,
} from './roster-fixtures';

const cloud = useTestCloud({ functions: ['roster', 'files'] });
const HEAD = 't-roster-flows-head';

beforeEach(async () => {
  await addAccount(cloud.db, {
    openid: HEAD,
    role: 'station_head',
    stationId: HOME,
    name: '王站长',
    privacy: true,
  });
});

const call = <T>(event: Record<string, unknown>) => cloud.callAs<T>(HEAD, 'roster', event);
const preview = (fileID: string) =>
  call<RosterPreviewOutput>({ action: 'previewRoster', stationId: HOME, fileID });
const importIt = (previewId: string, mode: 'all-or-nothing' | 'valid-rows' = 'valid-rows') =>
  call<RosterImportOutput>({ action: 'importRoster', previewId, mode });
const ok = <T>(r: { ok: true; data: T } | { ok: false; error: unknown }): T => {
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.data;
};

const zhang = idFor('1950-03-01', 123); // 男
const li = idFor('1948-05-06', 124); // 女

describe('the template', () => {
  it('round-trips: download, read with exceljs, fill in, upload, preview with zero errors, import', async () => {
    const t = ok(await call<RosterTemplateOutput>({ action: 'getRosterTemplate', stationId: HOME }));
    expect(t.fileName).toBe('花名册导入模板.xlsx');
    expect(t.fileID).toMatch(/^cloud:\/\/.+\/roster-templates\/st-tanggu\/roster-template\.xlsx$/);
    const viaSdk = (await sdk().downloadFile({ fileID: t.fileID })).fileContent;
    const viaUrl = Buffer.from(await (await fetch(t.tempFileURL)).arrayBuffer());
    expect(viaUrl.equals(viaSdk)).toBe(true);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(new Uint8Array(viaSdk).buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['花名册', '填写说明']);
    const ws = wb.getWorksheet('花名册')!;
    expect(ROSTER_FIELDS.map((_, i) => ws.getRow(1).getCell(i + 1).value)).toEqual(
      ROSTER_FIELDS.map((f) => ROSTER_HEADERS[f]),
    );
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getColumn(4).numFmt).toBe('@'); // 身份证号 kept as text
    expect(ws.getColumn(4).width).toBeGreaterThanOrEqual(20);
    expect(ws.getCell('B2').dataValidation).toMatchObject({ type: 'list', formulae: ['填写说明!$C$2:$D$2'] });
    expect(ws.getCell('L5000').dataValidation).toMatchObject({ type: 'list' });
    const guide = wb.getWorksheet('填写说明')!;
    expect(guide.getCell('A2').value).toBe('性别');
    expect(String(guide.getCell('B6').value)).toContain('低保');

    // The empty template has no one to import.
    const empty = await preview(await uploadRoster(HOME, viaSdk));
    expect(empty).toEqual({
      ok: false,
      error: { code: 'invalid-argument', message: ROSTER_MESSAGES.noData },
    });

    // Filled in as a head would (typing into the text-formatted columns).
    ws.getRow(2).values = [
      '张三',
      '男',
      '1950-03-01',
      zhang,
      '13812345678',
      '新港社区',
      '新港路1号',
      '张三',
      '户主',
      '独居、高龄',
      '独居',
      '重点',
      '',
    ];
    ws.getRow(3).values = [
      '李四',
      '女',
      1948,
      li,
      '',
      '新港社区',
      '新港路1号',
      '张三',
      '配偶',
      '',
      '与配偶',
      '',
      '腿脚不便',
    ];
    ws.getRow(4).values = [
      '王五',
      '',
      '',
      idFor('1940-01-01', 125),
      '022-25321234',
      '',
      '',
      '',
      '',
      '空巢',
      '',
      '一般',
      '',
    ];
    const filled = Buffer.from(await wb.xlsx.writeBuffer());
    const p = ok(await preview(await uploadRoster(HOME, filled)));
    expect(p.counts).toEqual({ rows: 3, valid: 3, invalid: 0, duplicates: 0, consentFlagged: 0 });
    expect(p.issues).toEqual([]);
    expect(p.households).toBe(1);
    const done = ok(await importIt(p.previewId, 'all-or-nothing'));
    expect(done).toMatchObject({ created: 3, householdsCreated: 1 });

    // The files function opens an imported file like one made in the app.
    const [doc] = (await run(cloud.db.collection(COLLECTIONS.persons).where({ idNumber: zhang }).get()))
      .data as Array<{ _id: string }>;
    const opened = await cloud.callAs<{ person: Record<string, unknown> }>(HEAD, 'files', {
      action: 'getPerson',
      personId: doc!._id,
    });
    expect(opened).toMatchObject({
      ok: true,
      data: {
        person: {
          name: '张三',
          idNumber: zhang,
          risk: '重点',
          categories: ['独居', '高龄'],
          relationship: '户主',
          community: '新港社区',
          household: { address: '新港路1号', contact: { name: '张三', phone: '13812345678' } },
        },
      },
    });
    const listed = await cloud.callAs<{ total: number }>(HEAD, 'files', {
      action: 'listPersons',
      stationId: HOME,
    });
    expect(listed).toMatchObject({ ok: true, data: { total: 3 } });
  });
});

describe('rosters as stations fill them', () => {
  it('reads columns in any order under a title row, spaces, full-width text, Excel and text dates, numbers for phones', async () => {
    const headers: Array<[keyof SheetRow | null, string]> = [
      [null, '序号'],
      ['idNumber', '身份证号码'],
      ['name', ' 姓　名 '],
      ['birth', '出生年月'],
      ['phone', '手机号'],
      ['categories', '服务对象类别（可多选）'],
      ['riskTier', '风险等级'],
      ['sex', '性别'],
    ];
    const file = await rosterXlsx(
      [
        {
          idNumber: zhang,
          name: '张　三',
          birth: new Date('1950-03-01T00:00:00Z'),
          phone: 13812345678,
          categories: '独居，高龄',
          riskTier: '高风险',
          sex: '男',
        },
        {
          idNumber: `${li.slice(0, 6)} ${li.slice(6, 14)} ${li.slice(14)}`,
          name: ' 李四 ',
          birth: '1948年5月6日',
          phone: '１３９１２３４５６７８',
          sex: '女',
        },
        { idNumber: Number(li.slice(0, 17)) * 10, name: '王五', birth: '1940' },
        { idNumber: withBadCheck(idFor('1951-03-01', 127)), name: '赵六' },
        { name: '孙七', birth: '1960/2/30' },
        { name: '周八', phone: 2225321234, birth: 1962 },
      ],
      { headers, titleRows: ['塘沽街社工站服务对象花名册（2026年）'] },
    );
    const p = ok(await preview(await uploadRoster(HOME, file)));
    expect(p.ignoredHeaders).toEqual(['序号']);
    expect(p.counts).toEqual({ rows: 6, valid: 2, invalid: 4, duplicates: 0, consentFlagged: 0 });
    expect(p.issues.map((i) => [i.row, i.code])).toEqual([
      [5, 'id-lost-digits'],
      [6, 'id-checksum'],
      [7, 'birth-invalid'],
      [8, 'phone-invalid'],
    ]);
    const done = ok(await importIt(p.previewId));
    expect(done.created).toBe(2);
    const people = await run(
      cloud.db.collection(COLLECTIONS.persons).where({ stationId: HOME }).orderBy('name', 'asc').get(),
    );
    expect(
      (people.data as Array<Record<string, unknown>>).map((d) => [
        d.name,
        d.sex,
        d.birthDate,
        d.phone,
        d.categories,
        d.risk,
      ]),
    ).toEqual([
      ['张三', '男', '1950-03-01', '13812345678', ['独居', '高龄'], '高风险'],
      ['李四', '女', '1948-05-06', '13912345678', [], '一般'],
    ]);
  });

  it('imports categories that need a consent without them, and says which rows', async () => {
    const file = await rosterXlsx([
      { name: '张三', idNumber: zhang, categories: '低保、独居、残疾' },
      { name: '李四', idNumber: li, categories: '高龄' },
    ]);
    const p = ok(await preview(await uploadRoster(HOME, file)));
    expect(p.counts.consentFlagged).toBe(1);
    expect(p.issues).toEqual([
      {
        row: 2,
        field: 'categories',
        code: 'consent-needed',
        message: '需补录同意书后再登记该类别：低保、残疾/重残（本次导入先不登记）',
      },
    ]);
    const done = ok(await importIt(p.previewId, 'all-or-nothing'));
    expect(done.consentFlaggedRows).toEqual([2]);
    const [doc] = (await run(cloud.db.collection(COLLECTIONS.persons).where({ idNumber: zhang }).get()))
      .data as Array<Record<string, unknown>>;
    expect(doc?.categories).toEqual(['独居']);
    expect(doc?.catFlags).toMatchObject({ dibao: 0, canji: 0, duju: 1 });
    // Nothing stored says what was left out.
    expect(JSON.stringify(doc)).not.toMatch(/低保|残疾/);
  });

  it('skips a person the station already has a file for (by ID number, by name and birth), and adds new members to an imported household', async () => {
    await run(
      cloud.db.collection(COLLECTIONS.persons).add({
        data: [
          {
            _id: 'p-existing-1',
            stationId: HOME,
            name: '张三丰',
            idNumber: zhang,
            birthDate: '1950-03-01',
            birthYear: 1950,
          },
          {
            _id: 'p-existing-2',
            stationId: HOME,
            name: '赵六',
            idNumber: null,
            birthDate: null,
            birthYear: 1955,
          },
          {
            _id: 'p-elsewhere',
            stationId: AWAY,
            name: '孙七',
            idNumber: null,
            birthDate: null,
            birthYear: 1956,
          },
        ],
      }),
    );
    const at = { community: '新港社区', address: '新港路2号', householdHead: '李四' };
    const first = await rosterXlsx([
      { name: '张三', idNumber: zhang },
      { name: '赵六', birth: '1955-07-01' },
      { name: '孙七', birth: 1956 },
      { name: '李四', idNumber: li, phone: '13912345678', relationship: '户主', ...at },
    ]);
    const p = ok(await preview(await uploadRoster(HOME, first)));
    expect(p.counts).toEqual({ rows: 4, valid: 2, invalid: 0, duplicates: 2, consentFlagged: 0 });
    expect(p.issues.map((i) => [i.row, i.code, i.message])).toEqual([
      [2, 'existing', '本站已有此人的档案（身份证号相同），导入时将跳过'],
      [3, 'existing', '本站已有此人的档案（姓名和出生日期相同），导入时将跳过'],
    ]);
    expect(ok(await importIt(p.previewId))).toMatchObject({
      created: 2,
      skippedDuplicates: 2,
      householdsCreated: 1,
    });

    // A later file with one more member of the same household.
    const second = await rosterXlsx([
      { name: '李四', idNumber: li, phone: '13912345678', relationship: '户主', ...at },
      { name: '李小四', birth: '1980-01-02', relationship: '子女', ...at },
    ]);
    const p2 = ok(await preview(await uploadRoster(HOME, second)));
    expect(p2.counts).toMatchObject({ valid: 1, duplicates: 1 });
    expect(ok(await importIt(p2.previewId))).toMatchObject({
      created: 1,
      householdsCreated: 0,
      householdsPresent: 1,
    });
    const hh = (await run(cloud.db.collection(COLLECTIONS.households).where({ stationId: HOME }).get()))
      .data as Array<Record<string, unknown>>;
    expect(hh).toHaveLength(1);
    expect(hh[0]).toMatchObject({
      community: '新港社区',
      address: '新港路2号',
      contact: { name: '李四', phone: '13912345678', relationship: null },
    });
    expect((hh[0]!.members as unknown[]).length).toBe(2);
    const members = (
      await run(cloud.db.collection(COLLECTIONS.persons).where({ householdId: hh[0]!._id }).get())
    ).data as Array<Record<string, unknown>>;
    expect(members.map((m) => [m.name, m.relationship]).sort()).toEqual([
      ['李四', '户主'],
      ['李小四', '子女'],
    ]);
  });
});

describe('idempotency', () => {
  it('a re-import does not double a file edited since (name and ID number changed): its id comes from the row', async () => {
    const file = await rosterXlsx([
      { name: '张三', idNumber: zhang, community: '新港社区', address: '新港路1号', householdHead: '张三' },
      { name: '李四', idNumber: li },
    ]);
    const first = ok(await preview(await uploadRoster(HOME, file)));
    const second = ok(await preview(await uploadRoster(HOME, file))); // made before the first import
    expect(ok(await importIt(first.previewId))).toMatchObject({ created: 2, householdsCreated: 1 });
    // A worker corrects the file in the app: neither the ID number nor the name match the sheet any more.
    await run(
      cloud.db
        .collection(COLLECTIONS.persons)
        .where({ idNumber: zhang })
        .update({ data: { name: '张叁', idNumber: idFor('1950-03-02', 123) } }),
    );
    const again = ok(await importIt(second.previewId));
    expect(again).toMatchObject({ created: 0, alreadyPresent: 2, householdsCreated: 0 });
    expect(await countOf(cloud.db, COLLECTIONS.persons)).toBe(2);
    expect(await countOf(cloud.db, COLLECTIONS.households)).toBe(1);
  });
});

describe('refused input: a Chinese message, nothing written', () => {
  const refused = async (fileID: string, message: string, code = 'invalid-argument') => {
    const before = {
      ...(await writtenCounts(cloud.db)),
      audit: await countOf(cloud.db, COLLECTIONS.auditLog),
    };
    const res = await preview(fileID);
    expect(res).toEqual({ ok: false, error: expect.objectContaining({ code, message }) });
    expect({
      ...(await writtenCounts(cloud.db)),
      audit: await countOf(cloud.db, COLLECTIONS.auditLog),
    }).toEqual(before);
  };

  it('a malformed fileID, one of another station, a missing file', async () => {
    await refused('not-a-file-id', '文件编号格式不对，请重新上传');
    const elsewhere = await uploadRoster(AWAY, await rosterXlsx([{ name: '张三', idNumber: zhang }]));
    await refused(elsewhere, ROSTER_MESSAGES.fileElsewhere);
    expect(await stillStored(elsewhere)).toBe(true); // not read, not deleted
    const gone = (await uploadRoster(HOME, Buffer.from('x'))).replace(/[^/]+$/, 'never-uploaded.xlsx');
    await refused(gone, ROSTER_MESSAGES.fileMissing, 'not-found');
  });

  it('a file that is not an .xlsx, an old .xls, a truncated one, one over 2 MB, one over 5,000 rows, one without a 姓名 column', async () => {
    await refused(await uploadRoster(HOME, Buffer.from('姓名,身份证号\n张三,1\n')), ROSTER_MESSAGES.notXlsx);
    const ole = Buffer.concat([
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      Buffer.alloc(2048),
    ]);
    await refused(await uploadRoster(HOME, ole), ROSTER_MESSAGES.oldOrEncrypted);
    const good = await rosterXlsx([{ name: '张三', idNumber: zhang }]);
    await refused(await uploadRoster(HOME, good.subarray(0, good.length - 100)), ROSTER_MESSAGES.notXlsx);
    const big = Buffer.concat([good, Buffer.alloc(2 * 1024 * 1024 - good.length + 1)]);
    const bigId = await uploadRoster(HOME, big);
    await refused(bigId, ROSTER_MESSAGES.tooBig);
    expect(await stillStored(bigId)).toBe(false);
    const many = await rosterXlsx(
      Array.from({ length: 5001 }, (_, i) => ({ name: '张三', birth: 1900 + (i % 100) })),
    );
    await refused(await uploadRoster(HOME, many), ROSTER_MESSAGES.tooManyRows);
    const noName = await rosterXlsx([{ idNumber: zhang }], { headers: [['idNumber', '身份证号']] });
    await refused(
      await uploadRoster(HOME, noName),
      '没有找到表头（需要有"姓名"一列），请使用小程序提供的花名册模板填写后再上传',
    );
  });

  it('an import with a bad mode, an expired preview, another station’s preview', async () => {
    const bad = await call({ action: 'importRoster', previewId: 'rp-x', mode: 'some' });
    expect(bad).toEqual({
      ok: false,
      error: {
        code: 'invalid-argument',
        message: '导入方式不对，请选择"全部导入"或"只导入正确的行"',
        details: { field: 'mode' },
      },
    });
    const header = (stationId: string, expiresAt: Date) => ({
      kind: 'preview',
      stationId,
      createdBy: 'u-x',
      createdAt: new Date('2026-01-01T00:00:00Z'),
      expiresAt,
      counts: { rows: 1, valid: 1, invalid: 0, duplicates: 0, consentFlagged: 0 },
      status: 'previewed',
      result: null,
    });
    await run(
      cloud.db.collection(COLLECTIONS.rosterPreviews).add({
        data: [
          { _id: 'rp-expired', ...header(HOME, new Date('2026-01-02T00:00:00Z')) },
          { _id: 'rp-away', ...header(AWAY, new Date('2999-01-01T00:00:00Z')) },
        ],
      }),
    );
    const before = await writtenCounts(cloud.db);
    expect(await importIt('rp-expired')).toEqual({
      ok: false,
      error: { code: 'failed-precondition', message: ROSTER_MESSAGES.previewExpired },
    });
    expect(await importIt('rp-away')).toEqual({
      ok: false,
      error: { code: 'permission-denied', message: '您没有权限进行此操作' },
    });
    expect(await importIt('rp-missing')).toEqual({
      ok: false,
      error: { code: 'permission-denied', message: '您没有权限进行此操作' },
    });
    expect(await writtenCounts(cloud.db)).toEqual(before);
  });
});
