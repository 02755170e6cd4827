import type { StoryDto } from '@sgz/shared';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { eventually } from '../../../../test/eventually';
import * as district from '../../../services/district';
import DistrictStoriesPage from './index';

jest.mock('../../../services/district');
const api = jest.mocked(district);

const story = (over: Partial<StoryDto> = {}): StoryDto => ({
  storyId: 'story-0001',
  stationId: 'st-tanggu',
  stationName: '塘沽街道社工站',
  kind: 'case_story',
  kindLabel: '案例故事',
  title: '张阿姨的新邻里',
  text: '独居的张阿姨在社工陪伴下重新走出家门。',
  status: 'pending',
  statusLabel: '待区民政局审核',
  consent: { givenBy: 'self', method: 'paper', day: '2026-11-20' },
  workerName: null,
  submittedAt: '2026-11-21T02:00:00.000Z',
  approvedAt: null,
  withdrawnAt: null,
  withdrawReason: null,
  ...over,
});

beforeEach(() => {
  for (const fn of Object.values(api)) if (jest.isMockFunction(fn)) fn.mockReset();
  api.listStories.mockResolvedValue({ ok: true, data: { items: [story()], nextCursor: null } });
});

describe('区民政局: 优秀案例与社工', () => {
  it('lists the waiting stories per station with their status and consent, and approves one', async () => {
    api.approveStory.mockResolvedValue({
      ok: true,
      data: {
        story: story({ status: 'approved', statusLabel: '已发布', approvedAt: '2026-12-02T01:00:00.000Z' }),
      },
    });
    render(<DistrictStoriesPage />);
    await eventually(() => screen.getByText('案例故事：张阿姨的新邻里'));
    expect(api.listStories).toHaveBeenCalledWith({ status: 'pending', limit: 50 });
    screen.getByText('塘沽街道社工站');
    screen.getByText('○ 待区民政局审核');
    screen.getByText('宣传同意：本人书面签字同意，2026-11-20');
    fireEvent.click(screen.getByText('审核通过并发布'));
    await eventually(() => screen.getByText('✓ 已发布（2026-12-02 发布）'));
    expect(api.approveStory).toHaveBeenCalledWith({ storyId: 'story-0001' });
    screen.getByText('✓ 已发布“张阿姨的新邻里”，居民现在可以在社工站页面上看到');
  });

  it('withdraws only after the dialog, with a reason', async () => {
    api.listStories.mockResolvedValue({
      ok: true,
      data: { items: [story({ status: 'approved', statusLabel: '已发布' })], nextCursor: null },
    });
    api.withdrawStory.mockResolvedValue({
      ok: true,
      data: { story: story({ status: 'withdrawn', statusLabel: '已撤下', withdrawReason: '本人要求撤下' }) },
    });
    render(<DistrictStoriesPage />);
    await eventually(() => screen.getByText('案例故事：张阿姨的新邻里'));
    fireEvent.click(screen.getByText('撤下'));
    const dialog = await eventually(() => screen.getByRole('dialog', { name: '撤下“张阿姨的新邻里”吗？' }));
    // Not without a reason.
    fireEvent.click(within(dialog).getByText('撤下'));
    await eventually(() => within(dialog).getByText('⚠ 请填写撤下原因'));
    expect(api.withdrawStory).not.toHaveBeenCalled();
    // 先不撤下 leaves it as it was.
    fireEvent.click(within(dialog).getByText('先不撤下'));
    await eventually(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(api.withdrawStory).not.toHaveBeenCalled();

    fireEvent.click(screen.getByText('撤下'));
    const again = await eventually(() => screen.getByRole('dialog'));
    const reason = await eventually(() => {
      const el = within(again)
        .getAllByLabelText('撤下原因')
        .find((e) => e.tagName === 'TEXTAREA');
      if (!el) throw new Error('no textarea yet');
      return el;
    });
    fireEvent.input(reason, { target: { value: '本人要求撤下' } });
    fireEvent.click(within(again).getByText('☐ 服务对象（或监护人）撤回了同意'));
    fireEvent.click(within(again).getByText('撤下'));
    await eventually(() => screen.getByText('✕ 已撤下'));
    expect(api.withdrawStory).toHaveBeenCalledWith({
      storyId: 'story-0001',
      reason: '本人要求撤下',
      consentWithdrawn: true,
    });
    screen.getByText('撤下原因：本人要求撤下');
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('filters by status; says when there is nothing, and shows the error with 重试', async () => {
    api.listStories.mockResolvedValueOnce({ ok: true, data: { items: [], nextCursor: null } });
    render(<DistrictStoriesPage />);
    await eventually(() => screen.getByText('没有“待区民政局审核”的故事'));
    api.listStories.mockResolvedValueOnce({
      ok: false,
      error: { code: 'internal', message: '网络不太好，请稍后重试' },
    });
    fireEvent.click(screen.getByText('○ 全部'));
    await eventually(() => screen.getByText('优秀案例与社工没有加载出来'));
    expect(api.listStories).toHaveBeenLastCalledWith({ limit: 50 });
    api.listStories.mockResolvedValueOnce({ ok: true, data: { items: [], nextCursor: null } });
    fireEvent.click(screen.getByText('重试'));
    await eventually(() => screen.getByText('各站还没有报送优秀案例或优秀社工'));
  });
});
