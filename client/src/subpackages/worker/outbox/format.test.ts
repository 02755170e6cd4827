import type { OutboxItem } from '../../../services/outbox';
import { itemSummary, kindLabel } from './format';

const item = (kind: string, payload: unknown) => ({ id: 'ob-x-00000001', kind, payload }) as OutboxItem;

describe('待同步记录: supervision kinds', () => {
  it('names session and training records and sums them up in a line', () => {
    expect(kindLabel('session')).toBe('督导记录');
    expect(kindLabel('training')).toBe('学时记录');
    expect(itemSummary(item('training', { course: '危机干预', hours: 1.5, endDay: '2025-03-03' }))).toBe(
      '危机干预 · 1.5 学时 · 2025-03-03',
    );
    expect(
      itemSummary(item('session', { project: '个案管理', hours: 2, startAt: '2025-03-03T01:00:00.000Z' })),
    ).toBe('个案管理 · 2 小时 · 2025-03-03 09:00');
    expect(itemSummary(item('training', {}))).toBe('未填写');
  });
});
