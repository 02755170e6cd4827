import { zhErrorMap } from './common';
import { addCaseNoteInput, openCaseInput, saveStageRecordInput } from './cases';

const parse = <T>(schema: { safeParse: (v: unknown, o: object) => T }, v: unknown) =>
  schema.safeParse(v, { errorMap: zhErrorMap });

describe('cases schemas', () => {
  it('a draft may be empty while typed: empty text becomes null', () => {
    const r = saveStageRecordInput.safeParse({
      caseId: 'case-1',
      version: 1,
      stage: 'intake',
      record: { presentingProblem: '  ', background: null },
    });
    expect(r.success && r.data.stage === 'intake' && r.data.record).toEqual({
      presentingProblem: null,
      background: null,
    });
  });

  it('the largest valid stage record and note stay well under 100 KB of JSON', () => {
    const long = '问'.repeat(2000);
    const mid = '问'.repeat(500);
    const assessment = {
      caseId: 'case-1',
      version: 1,
      stage: 'assessment',
      record: {
        needs: { individual: long, family: long, social: long },
        strengths: long,
        risks: long,
        problems: Array.from({ length: 10 }, () => mid),
        facts: long,
        judgements: long,
      },
    };
    expect(saveStageRecordInput.safeParse(assessment).success).toBe(true);
    expect(Buffer.byteLength(JSON.stringify(assessment))).toBeLessThan(100_000);
    const note = {
      id: 'note-12345678',
      version: 1,
      payload: {
        caseId: 'case-1',
        day: '2026-03-01',
        minutes: 600,
        mode: '上门',
        done: long,
        progress: long,
        nextStep: mid,
      },
    };
    expect(addCaseNoteInput.safeParse(note).success).toBe(true);
    expect(Buffer.byteLength(JSON.stringify(note))).toBeLessThan(100_000);
  });

  it('refuses with Chinese messages', () => {
    const r = parse(openCaseInput, {
      id: 'case-12345678',
      stationId: 'st-tanggu',
      personIds: ['p1'],
      source: 'referral_in',
    });
    expect(!r.success && r.error.issues.map((i) => i.message)).toEqual(['请填写转介来源（哪个单位转来）']);
    const n = parse(addCaseNoteInput, {
      id: 'note-12345678',
      version: 1,
      payload: { caseId: 'case-1', day: '2026-3-1', minutes: 0, mode: '上门', done: '😀' },
    });
    expect(!n.success && n.error.issues.map((i) => i.message)).toEqual([
      '服务日期请按 年-月-日 填写，例如 2024-05-01',
      '服务时长至少 1 分钟',
      '服务内容请用文字说明，不能只有表情或符号',
    ]);
  });
});
