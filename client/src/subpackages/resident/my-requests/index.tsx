import { DEFAULT_REQUESTS_PAGE } from '@sgz/shared';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback } from 'react';
import { Button } from '../../../components/Button';
import { PageRoot } from '../../../components/PageRoot';
import { RequestCardList } from '../../../components/RequestCard';
import { LoadView } from '../../../components/StateView';
import { pagedStatus } from '../../../hooks/use-paged-list';
import { usePagedPage } from '../../../hooks/use-paged-page';
import { listMyRequests } from '../../../services/requests';
import { requestDetailUrl, requestFormUrl } from '../../../utils/routes';
import './index.scss';

const openForm = () => void Taro.navigateTo({ url: requestFormUrl() });

/**
 * 我的求助: the resident's requests, newest first, each with its status; page by page
 * (scrolling to the bottom or 加载更多), pull down to start again.
 */
export default function MyRequestsPage() {
  const fetchPage = useCallback(
    (cursor: string | null, limit: number) => listMyRequests({ cursor, limit }),
    [],
  );
  const { state, reload, loadMore } = usePagedPage(fetchPage, DEFAULT_REQUESTS_PAGE);

  return (
    <PageRoot className="myrq">
      <View className="myrq__header">
        <Text className="myrq__title">我的求助</Text>
      </View>
      <LoadView
        status={pagedStatus(state)}
        error={state.status === 'error' ? state.error : undefined}
        onRetry={() => void reload()}
        errorTitle="我的求助没有加载出来"
        empty={{
          title: '您还没有求助记录',
          description: '有困难可以向社工站求助，社工会尽快联系您',
          actionText: '我要求助',
          onAction: openForm,
        }}
      />
      <RequestCardList
        state={state}
        actionText="查看详情"
        urlOf={requestDetailUrl}
        onMore={() => void loadMore()}
      />
      {state.status === 'ready' && state.items.length > 0 ? (
        <View className="myrq__new">
          <Button block onClick={openForm}>
            再次求助
          </Button>
        </View>
      ) : null}
    </PageRoot>
  );
}
