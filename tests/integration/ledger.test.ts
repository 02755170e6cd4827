/**
 * The `ledger` function through the real SDK on the emulator: a station's
 * 2025 in the database (130 visits, so the 100-row pages matter; cases in
 * and out of the period; supervision confirmed / pending; 学时; ratings;
 * staff), exported for the year and for March; the file opened with exceljs
 * and checked — sheets, headers, frozen rows, widths, row counts and the
 * 汇总 totals against the database's own counts, ID numbers masked. Bad
 * input: a Chinese message and nothing written. The cleanup timer, fired
 * through the emulator's admin route at an injected instant, removes the
 * exports older than 7 days (file and record) and keeps the others.
 */
import ExcelJS from 'exceljs';
import { COLLECTIONS } from '../../shared/src/collections';
import type { ExportLedgerOutput } from '../../shared/src/contracts/ledger';
import { LEDGER_HEADERS, LEDGER_SHEETS, displayWidth, ledgerPeriod } from '../../shared/src/domain/ledger';
import { findUnmaskedPii } from '../../shared/src/masking';
import { ADMIN_OPENIDS, AWAY, HOME, addAccount, lastAudit } from './accounts.fixtures';
import {
  QUALIFIED,
  addLedgerPersons,
  bj,
  got,
  insertMany,
  patchUser,
  startLedgerCloud,
  visitDoc,
  type LedgerCloud,
} from './ledger-fixtures';
import { newId } from './files-fixtures';
import { sdk } from './roster-fixtures';

let cloud: LedgerCloud;
const HEAD = 't-ledger-head';
const WORKER = 't-ledger-worker';
const WORKER2 = 't-ledger-worker2';
const AWAY_HEAD = 't-ledger-away-head';
let ids: { head: string; worker: string; worker2: string };
let persons: string[];

const countOf = async (collection: string, where: Record<string, unknown>): Promise<number> =>
  (await got(cloud.db.collection(collection).where(where).count())).total;

async function download(fileID: string): Promise<ExcelJS.Workbook> {
  const res = await sdk().downloadFile({ fileID });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(new Uint8Array(res.fileContent).buffer);
  return wb;
}

/** A sheet's rows as plain values (row 1 = headers). */
const rowsOf = (ws: ExcelJS.Worksheet): unknown[][] => {
  const out: unknown[][] = [];
  ws.eachRow({ includeEmpty: true }, (row) => {
    out.push((row.values as unknown[]).slice(1));
  });
  return out;
};

beforeAll(async () => {
  cloud = await startLedgerCloud();
  const db = cloud.db;
  const head = await addAccount(db, {
    openid: HEAD,
    role: 'station_head',
    stationId: HOME,
    name: '赵站长',
    privacy: true,
  });
  const worker = await addAccount(db, {
    openid: WORKER,
    role: 'social_worker',
    stationId: HOME,
    name: '王芳',
    privacy: true,
  });
  const worker2 = await addAccount(db, {
    openid: WORKER2,
    role: 'social_worker',
    stationId: HOME,
    name: '李明',
    privacy: true,
  });
  await addAccount(db, {
    openid: AWAY_HEAD,
    role: 'station_head',
    stationId: AWAY,
    name: '钱站长',
    privacy: true,
  });
  ids = { head: head._id, worker: worker._id, worker2: worker2._id };
  await patchUser(db, worker._id, { qualification: QUALIFIED });
  persons = await addLedgerPersons(db, HOME, 5);

  // 130 visits in 2025 at HOME (20 of them in March), 3 in 2024, 5 at AWAY.
  const visits = [];
  for (let i = 0; i < 130; i += 1) {
    const month = i < 20 ? 3 : 1 + ((i % 11) + (i % 11 >= 2 ? 1 : 0)); // never March beyond the first 20
    const day = `2025-${String(month).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
    visits.push(
      visitDoc(HOME, bj(day, `${String(8 + (i % 9)).padStart(2, '0')}:15`), [persons[i % 5]!], [worker._id]),
    );
  }
  // The last instant of 2025 in Beijing is in; the first of 2026 is not.
  visits.push(visitDoc(HOME, bj('2025-12-31', '23:59'), [persons[0]!], [worker2._id]));
  visits.push(visitDoc(HOME, bj('2026-01-01', '00:00'), [persons[0]!], [worker2._id]));
  for (let i = 0; i < 3; i += 1)
    visits.push(visitDoc(HOME, bj(`2024-06-0${i + 1}`), [persons[0]!], [worker._id]));
  for (let i = 0; i < 5; i += 1)
    visits.push(visitDoc(AWAY, bj(`2025-03-0${i + 1}`), [persons[0]!], [worker._id]));
  await insertMany(db, COLLECTIONS.visits, visits);

  // Cases: completed 2025; referral closure 2025 (not counted by default); open; closed in 2023 (not in 2025's ledger).
  const kase = (over: Record<string, unknown>) => ({
    _id: newId('c'),
    stationId: HOME,
    personIds: [persons[1]!],
    source: 'outreach',
    leadWorkerId: worker._id,
    assistantIds: [worker2._id],
    supervisorId: null,
    status: 'intervention',
    noteCount: 3,
    lastNoteDay: '2025-05-02',
    closureType: null,
    closureApprovedAt: null,
    completedYear: null,
    referralClosure: false,
    followUpDay: null,
    openedAt: bj('2025-02-10'),
    updatedAt: bj('2025-05-02'),
    records: { intake: { presentingProblem: '独居老人情绪低落' } },
    ...over,
  });
  await insertMany(db, COLLECTIONS.cases, [
    kase({
      status: 'closed',
      closureType: '目标达成',
      closureApprovedAt: bj('2025-06-20'),
      completedYear: 2025,
      updatedAt: bj('2025-06-20'),
    }),
    kase({
      status: 'closed',
      closureType: '转介',
      closureApprovedAt: bj('2025-08-01'),
      completedYear: 2025,
      referralClosure: true,
      updatedAt: bj('2025-08-01'),
    }),
    kase({ openedAt: bj('2025-03-05') }),
    kase({
      status: 'closed',
      closureType: '目标达成',
      closureApprovedAt: bj('2023-06-20'),
      completedYear: 2023,
      openedAt: bj('2023-01-05'),
      updatedAt: bj('2023-06-20'),
    }),
  ]);

  // Supervision: two confirmed (2 h, 3.5 h), one pending (1 h) at HOME in 2025.
  const session = (id: string, start: Date, hours: number) => ({
    _id: id,
    supervisorId: ids.head,
    supervisorKind: 'external',
    startAt: start,
    endAt: new Date(start.getTime() + hours * 3600_000),
    day: start.toISOString().slice(0, 10),
    year: 2025,
    hours,
    form: '团体',
    stationIds: [HOME],
    workerIds: [worker._id, worker2._id],
    project: '老年人关爱项目',
    topics: ['个案评估', '情绪支持'],
  });
  const s1 = session(newId('ss'), bj('2025-03-12', '14:00'), 2);
  const s2 = session(newId('ss'), bj('2025-07-01', '14:00'), 3.5);
  const s3 = session(newId('ss'), bj('2025-11-03', '14:00'), 1);
  await insertMany(db, COLLECTIONS.supervisionSessions, [s1, s2, s3]);
  const row = (s: typeof s1, status: string) => ({
    _id: `${s._id}:${HOME}`,
    sessionId: s._id,
    stationId: HOME,
    supervisorId: ids.head,
    hours: s.hours,
    year: 2025,
    day:
      s.startAt.toISOString().slice(0, 10) === '2025-03-12'
        ? '2025-03-12'
        : s === s2
          ? '2025-07-01'
          : '2025-11-03',
    status,
  });
  await insertMany(db, COLLECTIONS.supervisionConfirmations, [
    row(s1, 'confirmed'),
    row(s2, 'confirmed'),
    row(s3, 'pending'),
  ]);

  // 学时: worker 20 h confirmed (March), worker2 6 h pending; worker 2024 record (other year).
  const training = (workerId: string, endDay: string, hours: number, status: string) => ({
    _id: newId('tr'),
    workerId,
    stationId: HOME,
    startDay: endDay,
    endDay,
    year: Number(endDay.slice(0, 4)),
    course: '社会工作实务培训',
    organiser: '滨海新区民政局',
    kind: '继续教育',
    form: '线下',
    hours,
    degree: false,
    countedHours: hours,
    status,
  });
  await insertMany(db, COLLECTIONS.trainingRecords, [
    training(worker._id, '2025-03-20', 20, 'confirmed'),
    training(worker2._id, '2025-09-01', 6, 'pending'),
    training(worker._id, '2024-05-01', 12, 'confirmed'),
  ]);

  // Ratings: two in 2025 (one in March, its comment holding a phone number), one request not rated.
  const request = (rating: Record<string, unknown> | null, at: Date) => ({
    _id: newId('rq'),
    stationId: HOME,
    itemTitle: '助老上门服务',
    area: '养老服务',
    status: 'completed',
    rating,
    createdAt: at,
    updatedAt: at,
  });
  await insertMany(db, COLLECTIONS.requests, [
    request({ stars: 5, comment: '很满意，有事打我电话13812345678', at: bj('2025-03-15') }, bj('2025-03-15')),
    request({ stars: 4, comment: null, at: bj('2025-10-01') }, bj('2025-10-01')),
    request(null, bj('2025-10-02')),
  ]);
}, 180_000);

afterAll(async () => {
  await cloud?.stop();
});

describe('exportLedger: the year', () => {
  let out: ExportLedgerOutput;
  let wb: ExcelJS.Workbook;

  beforeAll(async () => {
    const res = await cloud.callAs<ExportLedgerOutput>(HEAD, 'ledger', {
      action: 'exportLedger',
      stationId: HOME,
      year: 2025,
    });
    if (!res.ok) throw new Error(JSON.stringify(res.error));
    out = res.data;
    wb = await download(out.fileID);
  }, 60_000);

  it('answers the file: fileID under exports/<station>/, a link, the name, bytes, rows per sheet', () => {
    expect(out.fileID).toMatch(
      new RegExp(`^cloud://[^/]+/exports/${HOME}/2025-\\d{8}T\\d{6}Z-[0-9a-f]{8}\\.xlsx$`),
    );
    expect(out.tempFileURL).toMatch(/^http/);
    expect(out.fileName).toBe('滨海新区塘沽街道社会工作服务站台账_2025年.xlsx');
    expect(out.bytes).toBeGreaterThan(5000);
    expect(out.rowCounts).toEqual({
      汇总: 4,
      走访台账: 131,
      个案台账: 3,
      督导台账: 3,
      学时台账: 2,
      资质台账: 3,
      满意度台账: 2,
    });
  });

  it('has the seven sheets with their Chinese headers, the header row frozen and bold', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual([...LEDGER_SHEETS]);
    for (const name of LEDGER_SHEETS) {
      const ws = wb.getWorksheet(name)!;
      expect(rowsOf(ws)[0]).toEqual([...LEDGER_HEADERS[name]]);
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(ws.getRow(1).font?.bold).toBe(true);
    }
  });

  it('sizes each column to its widest cell (CJK counted double), within 6–50', () => {
    for (const name of LEDGER_SHEETS) {
      const ws = wb.getWorksheet(name)!;
      const rows = rowsOf(ws);
      LEDGER_HEADERS[name].forEach((_h, i) => {
        const widest = Math.max(...rows.map((r) => displayWidth(r[i] == null ? '' : String(r[i]))));
        expect({ name, col: i, width: ws.getColumn(i + 1).width }).toEqual({
          name,
          col: i,
          width: Math.min(50, Math.max(6, widest + 2)),
        });
      });
    }
  });

  it('has as many rows per sheet as the database counts for the period (and the 汇总 says so)', async () => {
    const _ = cloud.db.command;
    const p = ledgerPeriod(2025);
    const visits = await countOf(COLLECTIONS.visits, {
      stationId: HOME,
      startAt: _.gte(p.start).and(_.lt(p.end)),
    });
    const sessions = await countOf(COLLECTIONS.supervisionConfirmations, { stationId: HOME, year: 2025 });
    const training = await countOf(COLLECTIONS.trainingRecords, { stationId: HOME, year: 2025 });
    const ratings = await countOf(COLLECTIONS.requests, {
      stationId: HOME,
      'rating.at': _.gte(p.start).and(_.lt(p.end)),
    });
    expect(visits).toBe(131);
    expect([
      rowsOf(wb.getWorksheet('走访台账')!).length - 1,
      rowsOf(wb.getWorksheet('督导台账')!).length - 1,
      rowsOf(wb.getWorksheet('学时台账')!).length - 1,
      rowsOf(wb.getWorksheet('满意度台账')!).length - 1,
    ]).toEqual([visits, sessions, training, ratings]);
    const summary = Object.fromEntries(
      rowsOf(wb.getWorksheet('汇总')!)
        .slice(6)
        .map((r) => [r[0], r[1]]),
    );
    expect(summary).toMatchObject({
      台账期间: '2025年',
      '走访记录（次）': visits,
      '个案（件）': 3,
      '督导（次）': sessions,
      '本期已确认督导时数（小时）': 5.5,
      '学时记录（条）': training,
      '在岗社工及站长（人）': 3,
      '满意度评价（条）': ratings,
      '平均评分（星）': 4.5,
    });
  });

  it('judges the four quotas of 2025 at its end with the shared engine', () => {
    const lines = rowsOf(wb.getWorksheet('汇总')!).slice(1, 5);
    expect(lines.map((r) => r.slice(0, 5))).toEqual([
      ['结案个案', 1, 2, 2, '有风险'],
      ['督导时数', 5.5, 30, 30, '有风险'],
      ['继续教育学时（每人）', 0, 3, '', '有风险'],
      ['持证社工', 1, 2, 2, '有风险'],
    ]);
    expect(out.quotas.map((q) => [q.label, q.done, q.status])).toEqual(lines.map((r) => [r[0], r[1], r[4]]));
    expect(String(lines[0]![5])).toContain('全年未完成');
  });

  it('lists visits oldest first across pages, with names, masked ID numbers and the workers', () => {
    const rows = rowsOf(wb.getWorksheet('走访台账')!).slice(1);
    expect(rows.map((r) => r[0])).toEqual(rows.map((_r, i) => i + 1));
    const days = rows.map((r) => `${r[1]} ${r[2]}`);
    expect([...days].sort()).toEqual(days);
    expect(rows[rows.length - 1]!.slice(1, 4)).toEqual(['2025-12-31', '23:59', '00:44']);
    expect(rows[0]![4]).toMatch(/^刘秀英\d$/);
    expect(rows[0]![5]).toBe('110105********002X');
    expect(rows[0]![9]).toBe('王芳');
    expect(rows[0]![14]).toBe('已签字');
  });

  it('lists the cases of the year without record text, marking what counts towards the quota', () => {
    const rows = rowsOf(wb.getWorksheet('个案台账')!).slice(1);
    expect(rows.map((r) => [r[9], r[10], r[13], r[15]])).toEqual([
      ['结案', '已结案', '目标达成', '是'],
      ['结案', '已结案', '转介', ''],
      ['介入', '介入中', '', ''],
    ]);
    expect(rows[0]!.slice(6, 9)).toEqual(['王芳', '李明', '']);
    expect(JSON.stringify(rows)).not.toContain('情绪低落');
  });

  it('lists supervision with the station’s answer and only confirmed hours counted; 学时, staff and ratings', () => {
    const sup = rowsOf(wb.getWorksheet('督导台账')!).slice(1);
    expect(sup.map((r) => [r[1], r[3], r[10], r[11]])).toEqual([
      ['2025-03-12', 2, '已确认', 2],
      ['2025-07-01', 3.5, '已确认', 3.5],
      ['2025-11-03', 1, '待确认', 0],
    ]);
    expect(sup[0]!.slice(4, 10)).toEqual([
      '团体',
      '赵站长',
      '外聘督导',
      '王芳、李明',
      '老年人关爱项目',
      '个案评估、情绪支持',
    ]);
    const tr = rowsOf(wb.getWorksheet('学时台账')!).slice(1);
    expect(tr.map((r) => [r[1], r[8], r[9], r[10]])).toEqual([
      ['王芳', 20, 20, '已确认'],
      ['李明', 6, 0, '待站长确认'],
    ]);
    const staff = rowsOf(wb.getWorksheet('资质台账')!).slice(1);
    const worker = staff.find((r) => r[1] === '王芳')!;
    expect(worker.slice(2, 7)).toEqual(['社工', '社会工作师', '**********1234', '已注册登记', '是']);
    expect(worker.slice(8)).toEqual([20, 30]);
    const ratings = rowsOf(wb.getWorksheet('满意度台账')!).slice(1);
    expect(ratings.map((r) => r.slice(1))).toEqual([
      ['助老上门服务', '养老服务', '2025-03-15', '2025-03-15', 5, '很满意，有事打我电话138****5678'],
      ['助老上门服务', '养老服务', '2025-10-01', '2025-10-01', 4, ''],
    ]);
  });

  it('holds no unmasked ID or phone number anywhere in the file', () => {
    for (const ws of wb.worksheets)
      for (const r of rowsOf(ws))
        for (const c of r)
          expect({ sheet: ws.name, leak: findUnmaskedPii(String(c ?? '')) }).toEqual({
            sheet: ws.name,
            leak: null,
          });
  });

  it('records the export for the cleanup and audits the read', async () => {
    const rec = await got(cloud.db.collection(COLLECTIONS.exports).where({ fileID: out.fileID }).get());
    expect(rec.data).toHaveLength(1);
    expect(rec.data[0]).toMatchObject({
      stationId: HOME,
      year: 2025,
      month: null,
      createdBy: ids.head,
      fileName: out.fileName,
    });
    expect(rec.data[0]!.createdAt).toBeInstanceOf(Date);
    const [entry] = await lastAudit(cloud.db);
    expect(entry).toMatchObject({ action: 'ledger.exportLedger', outcome: 'ok', targetId: HOME });
  });
});

describe('exportLedger: one month, the district', () => {
  it('exports March 2025 only', async () => {
    const res = await cloud.callAs<ExportLedgerOutput>(HEAD, 'ledger', {
      action: 'exportLedger',
      stationId: HOME,
      year: 2025,
      month: 3,
    });
    if (!res.ok) throw new Error(JSON.stringify(res.error));
    expect(res.data.fileName).toBe('滨海新区塘沽街道社会工作服务站台账_2025年03月.xlsx');
    expect(res.data.fileID).toContain(`/exports/${HOME}/2025-03-`);
    expect(res.data.rowCounts).toEqual({
      汇总: 4,
      走访台账: 20,
      个案台账: 3,
      督导台账: 1,
      学时台账: 1,
      资质台账: 3,
      满意度台账: 1,
    });
    const wb = await download(res.data.fileID);
    const quotas = rowsOf(wb.getWorksheet('汇总')!).slice(1, 5);
    // Judged at the end of March 2025 on what was done by then: the case closed in June and the
    // sessions of July and November do not count yet; the pace line is target × 90/365.
    expect(quotas.slice(0, 2).map((r) => r.slice(0, 4))).toEqual([
      ['结案个案', 0, 2, 0.5],
      ['督导时数', 2, 30, 7.4],
    ]);
    expect(quotas[3]!.slice(0, 2)).toEqual(['持证社工', 1]);
  });

  it('lets the district export another station, and refuses the head of another station', async () => {
    const ok = await cloud.callAs<ExportLedgerOutput>(ADMIN_OPENIDS[0]!, 'ledger', {
      action: 'exportLedger',
      stationId: AWAY,
      year: 2025,
      month: 3,
    });
    expect(ok.ok && ok.data.rowCounts.走访台账).toBe(5);
    const denied = await cloud.callAs(AWAY_HEAD, 'ledger', {
      action: 'exportLedger',
      stationId: HOME,
      year: 2025,
    });
    expect(denied).toEqual({
      ok: false,
      error: { code: 'permission-denied', message: '您没有权限进行此操作' },
    });
  });
});

describe('exportLedger: bad input — a Chinese message and nothing written', () => {
  it.each([
    [{ stationId: HOME, year: 2019 }, 'year', '只能导出 2020 年及以后的台账'],
    [{ stationId: HOME, year: 2025, month: 13 }, 'month', '月份格式不对，请选择 1 至 12 月'],
    [{ stationId: HOME, year: '2025' }, 'year', '年份格式不对，请重新选择'],
    [{ stationId: HOME }, 'year', '请选择导出的年份'],
    [{ stationId: HOME, year: 2099 }, 'year', /^2099 年还没有开始，请选择 \d{4} 年或以前的年份$/],
    [{ stationId: HOME, year: 2025, sheet: 'all' }, undefined, undefined],
  ])('%j', async (input, field, message) => {
    const before = cloud.counts();
    const res = await cloud.callAs(HEAD, 'ledger', { action: 'exportLedger', ...input });
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.error.code).toBe('invalid-argument');
    expect(res.error.message).toMatch(/[\u4e00-\u9fff]/);
    if (message) expect(res.error.message).toMatch(message);
    if (field) expect(res.error.details).toEqual({ field });
    const after = cloud.counts();
    expect(after[COLLECTIONS.exports] ?? 0).toBe(before[COLLECTIONS.exports] ?? 0);
    expect(after[COLLECTIONS.auditLog] ?? 0).toBe(before[COLLECTIONS.auditLog] ?? 0);
  });

  it('refuses a month that has not begun, and an unknown station as not found', async () => {
    const missing = await cloud.callAs(ADMIN_OPENIDS[0]!, 'ledger', {
      action: 'exportLedger',
      stationId: 'st-nowhere',
      year: 2025,
    });
    expect(missing).toEqual({
      ok: false,
      error: { code: 'not-found', message: '没有找到该社工站，请返回重新选择' },
    });
  });
});

describe('the cleanup timer', () => {
  it('removes exports older than 7 days (file and record) when fired through the admin route, keeps the rest', async () => {
    const firedAt = new Date('2026-04-20T19:00:00Z'); // 03:00 Beijing
    cloud.setNow(firedAt);
    const up = async (name: string) =>
      (await sdk().uploadFile({ cloudPath: `exports/${HOME}/${name}.xlsx`, fileContent: Buffer.from('x') }))
        .fileID;
    const oldFile = await up('old');
    const freshFile = await up('fresh');
    const day = 24 * 3600_000;
    await insertMany(cloud.db, COLLECTIONS.exports, [
      {
        _id: newId('ex'),
        stationId: HOME,
        fileID: oldFile,
        createdAt: new Date(firedAt.getTime() - 8 * day),
      },
      // Its file is already gone: the record goes too.
      {
        _id: newId('ex'),
        stationId: HOME,
        fileID: `cloud://local-sgz-emulator.local-sgz-emulator-1250000000/exports/${HOME}/gone.xlsx`,
        createdAt: new Date(firedAt.getTime() - 30 * day),
      },
      {
        _id: newId('ex'),
        stationId: HOME,
        fileID: freshFile,
        createdAt: new Date(firedAt.getTime() - 6 * day),
      },
    ]);
    const before = await countOf(COLLECTIONS.exports, {});
    const res = await cloud.fire('ledger', 'cleanup');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      function: 'ledger',
      trigger: 'cleanup',
      ok: true,
      event: { Type: 'Timer', TriggerName: 'cleanup', Time: '2026-04-20T19:00:00Z' },
      result: { ok: true, data: { before: '2026-04-13T19:00:00.000Z', removed: 2, failed: 0 } },
    });
    expect(await countOf(COLLECTIONS.exports, {})).toBe(before - 2);
    const stored = await got(sdk().getTempFileURL({ fileList: [oldFile, freshFile] }));
    expect(stored.fileList.map((f) => f.status === 0)).toEqual([false, true]);
    // Fired again: nothing left to remove.
    const again = await cloud.fire('ledger', 'cleanup');
    expect(again.body).toMatchObject({ ok: true, result: { data: { removed: 0 } } });
  });

  it('does not run the cleanup for a mini-program user sending a timer-shaped event', async () => {
    const res = await cloud.callAs(HEAD, 'ledger', {
      Type: 'Timer',
      TriggerName: 'cleanup',
      Time: '2030-01-01T00:00:00Z',
    });
    expect(res).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
  });
});
