import type { OutboxItem } from './outbox/core';
import { sessionInputOf, trainingInputOf, type TrainingRecord } from './supervision-record';

const base = {
  id: 'tr-record-0001',
  kind: 'training',
  version: 2,
  ackedVersion: null,
} as const;

const payload: TrainingRecord = {
  startDay: '2025-03-01',
  endDay: '2025-03-01',
  course: '危机干预',
  organiser: '区民政局',
  kind: '继续教育',
  form: '面授',
  hours: 3,
};

describe('supervision outbox records', () => {
  it('a training record sends its uploaded certificate as certificateFileId and in fileIds', () => {
    const fileId = 'cloud://env/outbox/training/tr-record-0001/0.jpg';
    const item = {
      ...base,
      payload,
      attachments: [{ localPath: '/kept/a.jpg', fileId }],
    } as unknown as OutboxItem<TrainingRecord>;
    expect(trainingInputOf(item)).toEqual({
      id: 'tr-record-0001',
      version: 2,
      payload: { ...payload, certificateFileId: fileId },
      fileIds: [fileId],
    });
  });

  it('without a photo: certificateFileId null, no file ids', () => {
    const item = { ...base, payload, attachments: [] } as unknown as OutboxItem<TrainingRecord>;
    expect(trainingInputOf(item)).toMatchObject({ payload: { certificateFileId: null }, fileIds: [] });
  });

  it('a session is sent as kept', () => {
    const p = {
      startAt: 'a',
      endAt: 'b',
      hours: 1,
      form: '个别',
      stationIds: ['s'],
      workerIds: [],
      project: 'p',
      topics: ['t'],
    };
    const item = {
      ...base,
      id: 'sv-session-0001',
      payload: p,
      attachments: [],
    } as unknown as OutboxItem<never>;
    expect(sessionInputOf(item)).toEqual({ id: 'sv-session-0001', version: 2, payload: p });
  });
});
