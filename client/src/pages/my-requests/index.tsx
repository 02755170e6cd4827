import { Button } from '@nutui/nutui-react-taro';
import type { RequestDto, WireError } from '@sgz/shared';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { PageRoot } from '../../components/PageRoot';
import { StatusBadge } from '../../components/RequestStatus';
import { StateView } from '../../components/StateView';
import { listMyRequests } from '../../services/requests';
import { formatSlot, formatWhen, requestTitle } from '../../utils/request-format';
import { requestDetailUrl, requestFormUrl } from '../../utils/routes';
import './index.scss';

type ListState =
  | { status: 'loading' }
  | { status: 'error'; error: WireError }
  | { status: 'ready'; items: RequestDto[] };

/** 我的求助: the resident's requests, newest first, each with its status. */
export default function MyRequestsPage() {
  const [state, setState] = useState<ListState>({ status: 'loading' });
  const load = useCallback(async () => {
    const res = await listMyRequests({ limit: 50 });
    setState(res.ok ? { status: 'ready', items: res.data.items } : { status: 'error', error: res.error });
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  // Back from a detail (cancelled, rated): show the current status.
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) void load();
    shown.current = true;
  });

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
          onAction={() => {
            setState({ status: 'loading' });
            void load();
          }}
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
