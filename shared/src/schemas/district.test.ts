import { submitStoryInput, updateStationRecordInput } from './district';
import { updateStationProfileInput } from './stations';

const record = (over: Record<string, unknown> = {}) => ({
  stationId: 'st-tanggu',
  version: 0,
  status: 'preparing',
  specialty: null,
  rooms: [],
  operatingModel: null,
  operatorName: null,
  operatorPhone: null,
  agreementFrom: null,
  agreementTo: null,
  funding: [],
  milestones: {
    plan_filed: { doneOn: null, documents: [] },
    rooms_ready: { doneOn: null, documents: [] },
    operator_in_place: { doneOn: null, documents: [] },
  },
  ...over,
});
const firstMessage = (r: { success: boolean; error?: { issues: { message: string }[] } }) =>
  r.success ? null : r.error!.issues[0]!.message;

describe('updateStationRecordInput', () => {
  it('accepts an empty record and refuses unknown keys', () => {
    expect(updateStationRecordInput.safeParse(record()).success).toBe(true);
    expect(updateStationRecordInput.safeParse(record({ recordVersion: 1 })).success).toBe(false);
  });

  it('validates the operator phone with the same field as the station profile', () => {
    for (const phone of ['13812345678', '022-25891234', '02225891234', '12345', '022-123', 'abc']) {
      const a = updateStationRecordInput.safeParse(record({ operatorPhone: phone })).success;
      const b = updateStationProfileInput.safeParse({
        stationId: 'st-tanggu',
        address: null,
        phone,
        specialty: null,
      }).success;
      expect([phone, a]).toEqual([phone, b]);
    }
  });

  it('needs both ends of the agreement, in order', () => {
    expect(firstMessage(updateStationRecordInput.safeParse(record({ agreementFrom: '2023-01-01' })))).toBe(
      '协议期限请同时填写开始和结束日期',
    );
    expect(
      firstMessage(
        updateStationRecordInput.safeParse(
          record({ agreementFrom: '2023-01-01', agreementTo: '2022-12-31' }),
        ),
      ),
    ).toBe('协议结束日期不能早于开始日期，请检查');
  });
});

describe('submitStoryInput', () => {
  const base = { storyId: 'story-12345678', stationId: 'st-tanggu', title: '标题', text: '正文内容' };
  it('a case story names its consent record; an outstanding worker the worker and their agreement', () => {
    expect(firstMessage(submitStoryInput.safeParse({ ...base, kind: 'case_story' }))).toContain(
      '请先登记宣传同意',
    );
    expect(
      submitStoryInput.safeParse({ ...base, kind: 'case_story', consentId: 'pub-12345678' }).success,
    ).toBe(true);
    expect(
      firstMessage(submitStoryInput.safeParse({ ...base, kind: 'outstanding_worker', workerId: 'u-1' })),
    ).toBe('宣传优秀社工须先征得该社工本人同意，请确认后再提交');
    expect(
      submitStoryInput.safeParse({
        ...base,
        kind: 'outstanding_worker',
        workerId: 'u-1',
        workerConsent: true,
      }).success,
    ).toBe(true);
  });
});
