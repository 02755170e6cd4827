import type { MyFileDto } from '@sgz/shared';
import { render, screen } from '@testing-library/react';
import { eventually } from '../../../test/eventually';
import * as roster from '../../services/roster';
import { MyFileCard } from './MyFileCard';

jest.mock('../../services/roster');
const api = jest.mocked(roster);

const file: MyFileDto = {
  id: 'p-1',
  stationId: 'st-tanggu',
  stationName: '塘沽街道社工站',
  name: '王秀英',
  community: '新村社区',
  status: '在册',
  categories: ['独居', '高龄'],
  lastVisitDay: '2026-11-20',
  nextDueDay: '2026-12-04',
  keep: {
    health: {
      category: 'health',
      label: '健康状况',
      allowed: true,
      lastEventId: 'c-1',
      lastKind: 'give',
      lastDay: '2026-11-01',
      problem: null,
    },
    disability: {
      category: 'disability',
      label: '残疾情况',
      allowed: false,
      lastEventId: null,
      lastKind: null,
      lastDay: null,
      problem: null,
    },
    financial_hardship: {
      category: 'financial_hardship',
      label: '经济困难状况（低保、特困等）',
      allowed: false,
      lastEventId: 'c-2',
      lastKind: 'withdraw',
      lastDay: '2026-11-10',
      problem: null,
    },
  },
  consents: [],
  // 2026-11-27T16:30Z is 28 Nov 00:30 in Beijing: the day must follow Beijing, not UTC.
  openedBy: [{ role: 'social_worker', roleLabel: '社工', at: '2026-11-27T16:30:00.000Z' }],
};

beforeEach(() => api.getMyFile.mockReset());

describe('我的: 我的档案', () => {
  it('shows the summary, what each consent allows and who opened the file (Beijing time)', async () => {
    api.getMyFile.mockResolvedValue({ ok: true, data: { file } });
    render(<MyFileCard />);
    await eventually(() => screen.getByText('我的档案'));
    screen.getByText('姓名：王秀英');
    screen.getByText('服务类别：独居、高龄');
    screen.getByText('✓ 已同意：健康状况');
    screen.getByText(/档案可以记录您的健康状况/);
    screen.getByText('○ 未同意：残疾情况');
    screen.getByText('社工 · 2026-11-28 00:30（北京时间）');
  });

  it('shows nothing when no file is linked', async () => {
    api.getMyFile.mockResolvedValue({ ok: true, data: { file: null } });
    const { container } = render(<MyFileCard />);
    await eventually(() => expect(api.getMyFile).toHaveBeenCalled());
    await new Promise((r) => setTimeout(r, 30));
    expect(container.textContent).toBe('');
  });

  it('shows an error with 重试', async () => {
    api.getMyFile.mockResolvedValue({
      ok: false,
      error: { code: 'internal', message: '网络不太好，请稍后重试' },
    });
    render(<MyFileCard />);
    await eventually(() => screen.getByText('网络不太好，请稍后重试'));
    screen.getByText('重试');
  });
});
