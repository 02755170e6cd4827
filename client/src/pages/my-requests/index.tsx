import { Button } from '@nutui/nutui-react-taro';
import { DEFAULT_REQUESTS_PAGE } from '@sgz/shared';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback } from 'react';
import { ListFooter } from '../../components/ListFooter';
import { PageRoot } from '../../components/PageRoot';
import { StatusBadge } from '../../components/RequestStatus';
import { StateView } from '../../components/StateView';
import { usePagedPage } from '../../hooks/use-paged-page';
import { listMyRequests } from '../../services/requests';
import { formatSlot, formatWhen, requestTitle } from '../../utils/request-format';
import { requestDetailUrl, requestFormUrl } from '../../utils/routes';
import './index.scss';

/**
 * 我的求助: the resident's requests, newest first, each with its status; page by page
 * (scrolling to the bottom or 加载更多), pull down to start again.
 */
export default function MyRequestsPage() {
  const fetchPage = useCallback((offset: number, limit: number) => listMyRequests({ offset, limit }), []);
  const { state, reload, loadMore } = usePagedPage(fetchPage, DEFAULT_REQUESTS_PAGE);

  return (
    <PageRoot className="myrq">
      <View className="myrq__header">
        <Text className="myrq__title">我的求助</Text>
      </View>
      {state.status === 'loading' ? <StateView symbol="…" title="正在加载" /> : null}
      {state.status === 'error' ? (
        <StateView
          role="alert"
          symbol="!"
          title="我的求助没有加载出来"
          description={state.error.message}
          actionText="重试"
          onAction={() => void reload()}
        />
      ) : null}
      {state.status === 'ready' && state.items.length === 0 ? (
        <StateView
          symbol="i"
          title="您还没有求助记录"
          description="有困难可以向社工站求助，社工会尽快联系您"
          actionText="我要求助"
          onAction={() => void Taro.navigateTo({ url: requestFormUrl() })}
        />
      ) : null}
      {state.status === 'ready'
        ? state.items.map((r) => (
            <View
              key={r.id}
              className="sgz-card myrq__item"
              hoverClass="myrq__item--pressed"
              role="button"
              onClick={() => void Taro.navigateTo({ url: requestDetailUrl(r.id) })}
            >
              <View className="myrq__row">
                <Text className="myrq__item-title">{requestTitle(r)}</Text>
                <StatusBadge status={r.status} label={r.statusLabel} />
              </View>
              {r.slot ? <Text className="sgz-hint">预约：{formatSlot(r.slot)}</Text> : null}
              <Text className="sgz-hint">提交于 {formatWhen(r.createdAt)}</Text>
              {r.canRate ? <Text className="myrq__todo">★ 服务已完成，请您评价</Text> : null}
              {r.rating ? <Text className="sgz-hint">已评价：{r.rating.stars} 星</Text> : null}
              <Text className="myrq__more">查看详情 ›</Text>
            </View>
          ))
        : null}
      {state.status === 'ready' ? (
        <ListFooter
          count={state.items.length}
          hasMore={state.nextOffset !== null}
          more={state.more}
          onMore={() => void loadMore()}
        />
      ) : null}
      {state.status === 'ready' && state.items.length > 0 ? (
        <View className="myrq__new">
          <Button size="large" block onClick={() => void Taro.navigateTo({ url: requestFormUrl() })}>
            再次求助
          </Button>
        </View>
      ) : null}
    </PageRoot>
  );
}
