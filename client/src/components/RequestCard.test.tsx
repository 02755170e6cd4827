import { render, screen } from '@testing-library/react';
import { request } from '../../test/request-fixtures';
import { RequestCard } from './RequestCard';

describe('RequestCard', () => {
  it("on the station's queue offers 处理 only while something is left to do, 查看 otherwise", () => {
    const open = request({ id: 'rq-open', itemTitle: '待处理的', staffActions: ['accept', 'reject'] });
    const cancelled = request({
      id: 'rq-cancelled',
      itemTitle: '已取消的',
      status: 'cancelled',
      statusLabel: '已取消',
      canCancel: false,
      staffActions: [],
    });
    const completed = request({
      id: 'rq-done',
      itemTitle: '已完成的',
      status: 'completed',
      statusLabel: '已完成',
      canCancel: false,
      staffActions: [],
    });
    render(
      <>
        <RequestCard request={open} actionText="处理" onOpen={jest.fn()} />
        <RequestCard request={cancelled} actionText="处理" onOpen={jest.fn()} />
        <RequestCard request={completed} actionText="处理" onOpen={jest.fn()} />
      </>,
    );
    const more = (title: string) =>
      screen.getByText(title).closest('.sgz-request-card')!.querySelector('.sgz-request-card__more')!
        .textContent;
    expect(more('待处理的')).toBe('处理 ›');
    expect(more('已取消的')).toBe('查看 ›');
    expect(more('已完成的')).toBe('查看 ›');
  });

  it("keeps the resident's own words (查看详情) whatever the status", () => {
    render(
      <RequestCard
        request={request({ status: 'cancelled', statusLabel: '已取消', canCancel: false })}
        actionText="查看详情"
        onOpen={jest.fn()}
      />,
    );
    expect(screen.getByText('查看详情 ›')).toBeTruthy();
  });
});
