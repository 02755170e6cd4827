import { fireEvent, render, screen } from '@testing-library/react';
import { eventually } from '../../../test/eventually';
import * as district from '../../services/district';
import { StationStories } from './Stories';

jest.mock('../../services/district');
const api = jest.mocked(district);

beforeEach(() => api.listStationStories.mockReset());

describe('station page: 优秀案例与社工', () => {
  it("shows the station's approved stories", async () => {
    api.listStationStories.mockResolvedValue({
      ok: true,
      data: {
        items: [
          {
            storyId: 'story-0001',
            kind: 'outstanding_worker',
            kindLabel: '优秀社工',
            title: '社区里的“暖心人”',
            text: '三年来坚持每周走访高龄老人。',
            workerName: '李社工',
            publishedOn: '2026-12-02',
          },
        ],
      },
    });
    render(<StationStories stationId="st-tanggu" />);
    await eventually(() => screen.getByText('优秀社工：社区里的“暖心人”'));
    screen.getByText('优秀案例与社工');
    screen.getByText('社工 李社工');
    screen.getByText('2026-12-02 发布');
    expect(api.listStationStories).toHaveBeenCalledWith({ stationId: 'st-tanggu' });
  });

  it('shows nothing while there are none; a failure says so in one line with 重试', async () => {
    api.listStationStories.mockResolvedValueOnce({
      ok: false,
      error: { code: 'internal', message: '网络不太好，请稍后重试' },
    });
    api.listStationStories.mockResolvedValueOnce({ ok: true, data: { items: [] } });
    const { container } = render(<StationStories stationId="st-tanggu" />);
    await eventually(() => screen.getByText(/优秀案例没有加载出来/));
    fireEvent.click(screen.getByText('重试'));
    await eventually(() => expect(container.textContent).toBe(''));
  });
});
