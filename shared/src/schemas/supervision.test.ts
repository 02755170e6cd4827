import { zhErrorMap } from './common';
import {
  sessionPayloadField,
  submitSessionInput,
  submitTrainingInput,
  trainingPayloadField,
} from './supervision';
import { SUPERVISION_LIMITS as L } from '../domain/supervision';

const session = (over: Record<string, unknown> = {}) => ({
  startAt: '2026-06-10T01:00:00Z',
  endAt: '2026-06-10T03:00:00Z',
  hours: 2,
  form: '团体',
  stationIds: ['st-tanggu'],
  workerIds: [],
  project: '困境老人关爱服务项目',
  topics: ['风险评估'],
  ...over,
});
const firstMessage = (r: { success: boolean; error?: { issues: Array<{ message: string }> } }) =>
  r.success ? null : r.error!.issues[0]!.message;

describe('session payload', () => {
  it.each([
    [{}, null],
    [{ hours: 1.5 }, null],
    [{ hours: 1.2 }, '督导时长请按半小时填写，例如 1.5 小时'],
    [{ hours: -1 }, '督导时长请按半小时填写，例如 1.5 小时'],
    [{ hours: '2' }, '督导时长必须是数字'],
    [{ hours: 2.5 }, '督导时长不能超过开始到结束的时间，请检查'],
    [{ endAt: '2026-06-10T00:00:00Z' }, '结束时间必须晚于开始时间，请检查'],
    [{ endAt: '2026-06-10T14:00:00Z' }, '一次督导不能超过 12 小时，请检查开始和结束时间'],
    [{ stationIds: [] }, '请至少选择一个参加的社工站'],
    [{ stationIds: ['st-a', 'st-a'] }, '参加的社工站有重复，请检查'],
    [{ topics: [] }, '请至少填写一项督导主题'],
    [{ form: '同辈' }, '督导形式不在可选范围内，请重新选择'],
    [{ extra: 1 }, '请求中包含不支持的内容，请更新小程序后再试'],
  ])('%j → %p', (over, message) => {
    expect(firstMessage(sessionPayloadField.safeParse(session(over), { errorMap: zhErrorMap }))).toBe(
      message,
    );
  });

  it('the largest valid submitSession stays under 100 KB', () => {
    const long = (n: number) => '督'.repeat(n);
    const big = {
      id: 'ses-12345678',
      version: 1,
      payload: session({
        hours: 12,
        endAt: '2026-06-10T13:00:00Z',
        stationIds: Array.from({ length: L.stations }, (_, i) => `st-${'x'.repeat(60)}${i}`.slice(0, 64)),
        workerIds: Array.from({ length: L.workers }, (_, i) => `u-${'y'.repeat(60)}${i}`.slice(0, 64)),
        project: long(L.shortChars),
        topics: Array.from({ length: L.topics }, () => long(L.shortChars)),
        caseIds: Array.from({ length: L.cases }, (_, i) => `c-${'z'.repeat(60)}${i}`.slice(0, 64)),
        advice: long(L.longChars),
        actionItems: Array.from({ length: L.actionItems }, () => long(L.shortChars)),
      }),
    };
    const parsed = submitSessionInput.safeParse(big);
    expect(parsed.success).toBe(true);
    expect(Buffer.byteLength(JSON.stringify(big))).toBeLessThan(100_000);
  });
});

describe('training payload', () => {
  const training = (over: Record<string, unknown> = {}) => ({
    startDay: '2026-06-01',
    endDay: '2026-06-02',
    course: '老年社会工作实务',
    organiser: '滨海新区民政局',
    kind: '继续教育',
    form: '面授',
    hours: 6,
    ...over,
  });
  it.each([
    [{}, null],
    [{ hours: 0.5 }, null],
    [{ hours: 0 }, '学时请按半小时填写，大于 0 且不超过 500，例如 1.5'],
    [{ hours: 1.25 }, '学时请按半小时填写，大于 0 且不超过 500，例如 1.5'],
    [{ endDay: '2026-05-31' }, '结束日期不能早于开始日期，请检查'],
    [{ endDay: '2026-6-2' }, '结束日期请按 年-月-日 填写，例如 2024-05-01'],
    [{ kind: '其他' }, '培训类别不在可选范围内，请重新选择'],
    [{ form: '函授' }, '培训形式不在可选范围内，请重新选择'],
    [{ course: '   ' }, '请填写课程名称'],
    [{ certificateFileId: 'http://x/y.jpg' }, '证书照片编号格式不对，请重新上传'],
  ])('%j → %p', (over, message) => {
    expect(firstMessage(trainingPayloadField.safeParse(training(over), { errorMap: zhErrorMap }))).toBe(
      message,
    );
  });
  it('refuses a bad client id', () => {
    const r = submitTrainingInput.safeParse({ id: '__proto__', version: 1, payload: training() });
    expect(firstMessage(r)).toBe('学时记录编号格式不对，请重新提交');
  });
});
