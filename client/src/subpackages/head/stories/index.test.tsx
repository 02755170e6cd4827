import type { StaffItem, WhoAmIOutput } from '@sgz/shared';
import { fireEvent, render, screen } from '@testing-library/react';
import { eventually } from '../../../../test/eventually';
import * as accounts from '../../../services/accounts';
import * as district from '../../../services/district';
import HeadStoriesPage from './index';

jest.mock('../../../services/accounts');
jest.mock('../../../services/district');
const acc = jest.mocked(accounts);
const api = jest.mocked(district);

const head = { userId: 'u-h', role: 'station_head', stationId: 'st-tanggu' } as WhoAmIOutput;
const worker = { userId: 'u-w', name: '李明', role: 'social_worker', active: true } as StaffItem;

beforeEach(() => {
  for (const fn of Object.values(api)) if (jest.isMockFunction(fn)) fn.mockReset();
  acc.whoAmI.mockResolvedValue({ ok: true, data: head });
  acc.listStaff.mockResolvedValue({ ok: true, data: { items: [worker], total: 1, nextCursor: null } });
  api.listStories.mockResolvedValue({ ok: true, data: { items: [], nextCursor: null } });
});

const field = (label: string) =>
  eventually(() => {
    const el = screen.getAllByLabelText(label).find((e) => e.tagName === 'INPUT' || e.tagName === 'TEXTAREA');
    if (!el) throw new Error(`no field ${label}`);
    return el;
  });

describe('站长: 推荐优秀社工', () => {
  it("needs a worker, words and the worker's agreement; then sends one story for the district", async () => {
    api.submitStory.mockImplementation((input) =>
      Promise.resolve({ ok: true, data: { story: { storyId: input.storyId } as never, created: true } }),
    );
    render(<HeadStoriesPage />);
    await eventually(() => screen.getByText(/本站还没有报送过/));
    fireEvent.click(screen.getByText('提交区民政局审核'));
    await eventually(() => screen.getByText('⚠ 请选择要宣传的优秀社工'));
    screen.getByText('⚠ 宣传优秀社工须先征得该社工本人同意，请确认后再提交');
    screen.getByText('⚠ 请填写标题');
    expect(api.submitStory).not.toHaveBeenCalled();

    fireEvent.click(screen.getByText('○ 李明'));
    fireEvent.input(await field('标题'), { target: { value: '扎根社区的好社工' } });
    fireEvent.input(await field('事迹'), { target: { value: '三年来走访困难家庭两百余户。' } });
    fireEvent.click(screen.getByText('☐ 已征得该社工本人同意公开宣传'));
    fireEvent.click(screen.getByText('提交区民政局审核'));
    await eventually(() => screen.getByText('✓ 已提交，区民政局审核通过后在本站页面上展示'));
    expect(api.submitStory).toHaveBeenCalledWith(
      expect.objectContaining({
        stationId: 'st-tanggu',
        kind: 'outstanding_worker',
        title: '扎根社区的好社工',
        text: '三年来走访困难家庭两百余户。',
        workerId: 'u-w',
        workerConsent: true,
      }),
    );
    expect(api.listStories).toHaveBeenCalledTimes(2);
  });

  it('shows the error of the list with 重试', async () => {
    api.listStories.mockResolvedValueOnce({
      ok: false,
      error: { code: 'internal', message: '网络不太好，请稍后重试' },
    });
    render(<HeadStoriesPage />);
    await eventually(() => screen.getByText(/本站报送的故事没有加载出来/));
    fireEvent.click(screen.getByText('重试'));
    await eventually(() => screen.getByText(/本站还没有报送过/));
  });
});
