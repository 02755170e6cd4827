import type { StationGroup, StationSummary } from '@sgz/shared';
import { Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { PageRoot } from '../../components/PageRoot';
import { Button } from '../../components/Button';
import { LoadView } from '../../components/StateView';
import { StationListItem } from '../../components/StationListItem';
import { useCareMode } from '../../hooks/use-care-mode';
import { formatDistance } from '../../utils/format';
import { requestFormUrl, ROUTES, stationPageUrl } from '../../utils/routes';
import { useState } from 'react';
import {
  LOCATION_MESSAGES,
  SEARCH_MAX_CHARS,
  useStationFinder,
  type NearestState,
} from './use-station-finder';
import './index.scss';

const openStation = (station: StationSummary) => {
  void Taro.navigateTo({ url: stationPageUrl(station.id) });
};

const openRequestForm = () => {
  // The form opens the remembered station itself, or asks for one.
  void Taro.navigateTo({ url: requestFormUrl() });
};
const openMyRequests = () => {
  void Taro.navigateTo({ url: ROUTES.myRequests });
};

/**
 * Home. In 关怀模式 three large actions (找社工站 / 我要求助 / 我的求助) come first and
 * the finder opens from the first; otherwise the finder with a 求助 bar on top.
 */
export default function IndexPage() {
  const careMode = useCareMode();
  const [finderOpen, setFinderOpen] = useState(false);
  if (careMode && !finderOpen) {
    return (
      <PageRoot className="finder" tab>
        <View className="finder__header">
          <Text className="finder__title">滨海新区社工站</Text>
          <Text className="finder__subtitle">关怀模式 · 字大好点</Text>
        </View>
        <View className="care-home">
          <BigAction symbol="⌕" title="找社工站" hint="查看各街镇社工站" onTap={() => setFinderOpen(true)} />
          <BigAction symbol="✚" title="我要求助" hint="向社工站提出需求" onTap={openRequestForm} />
          <BigAction symbol="☰" title="我的求助" hint="查看办理进度、评价" onTap={openMyRequests} />
        </View>
      </PageRoot>
    );
  }
  return <Finder careMode={careMode} onBack={() => setFinderOpen(false)} />;
}

/** One of the three large actions of the care-mode home. */
function BigAction(props: { symbol: string; title: string; hint: string; onTap: () => void }) {
  return (
    <View
      className="care-home__action"
      hoverClass="care-home__action--pressed"
      role="button"
      onClick={props.onTap}
    >
      <Text className="care-home__symbol" aria-hidden>
        {props.symbol}
      </Text>
      <View className="care-home__text">
        <Text className="care-home__title">{props.title}</Text>
        <Text className="care-home__hint">{props.hint}</Text>
      </View>
    </View>
  );
}

/** The station finder (stations grouped by 街道 / 镇, search, 离我最近). */
function Finder({ careMode, onBack }: { careMode: boolean; onBack: () => void }) {
  const finder = useStationFinder();
  const { list, nearest } = finder;

  return (
    <PageRoot className="finder" tab>
      <View className="finder__header">
        <Text className="finder__title">找社工站</Text>
        <Text className="finder__subtitle">滨海新区各街道、镇社会工作服务站</Text>
      </View>

      {careMode ? (
        <View className="finder__help">
          <Button block onClick={onBack}>
            ‹ 返回首页
          </Button>
        </View>
      ) : (
        <View className="finder__help">
          <Button className="finder__help-button" type="primary" onClick={openRequestForm}>
            我要求助
          </Button>
          <Button className="finder__help-button" onClick={openMyRequests}>
            我的求助
          </Button>
        </View>
      )}

      <View className="finder__tools">
        <SearchBox value={finder.query} onChange={finder.setQuery} onClear={finder.clearSearch} />
        {finder.queryError ? (
          <View className="finder__query-error" role="alert">
            <Text>⚠ {finder.queryError}</Text>
          </View>
        ) : null}
        <Button
          className="finder__nearest-button"
          type="primary"
          block
          loading={nearest.status === 'locating'}
          onClick={() => void finder.findNearest()}
        >
          {nearest.status === 'locating' ? '正在获取位置…' : '离我最近'}
        </Button>
      </View>

      <NearestPanel
        nearest={nearest}
        onRetry={() => void finder.findNearest()}
        onClose={finder.closeNearest}
      />

      <LoadView
        status={list.status}
        error={list.error}
        onRetry={list.retry}
        loadingText="正在加载社工站列表…"
        errorTitle="社工站列表没有加载出来"
        empty={
          list.data?.list.query
            ? {
                symbol: '?',
                title: `没有找到“${list.data.list.query}”相关的社工站`,
                description: '请检查输入的街镇名称，或清除搜索后按街镇查找',
                actionText: '清除搜索',
                onAction: finder.clearSearch,
              }
            : { title: '暂时还没有社工站信息', description: '请稍后再来看看' }
        }
      />

      {list.data ? (
        <View className="finder__list">
          {finder.searching ? <Text className="finder__searching">正在查找…</Text> : null}
          {list.data.list.groups.map((group) => (
            <StationGroupSection key={group.kind} group={group} />
          ))}
        </View>
      ) : null}
    </PageRoot>
  );
}

/** The search box: a text field (at most {@link SEARCH_MAX_CHARS}) with 清除 while it has text. */
function SearchBox(props: { value: string; onChange: (value: string) => void; onClear: () => void }) {
  return (
    <View className="finder__search" role="search">
      <Text className="finder__search-icon" aria-hidden>
        ⌕
      </Text>
      <Input
        className="finder__search-input"
        value={props.value}
        placeholder="输入街镇或社工站名称，如 塘沽"
        maxlength={SEARCH_MAX_CHARS}
        confirmType="search"
        onInput={(e) => props.onChange(e.detail.value)}
      />
      {props.value ? (
        <View
          className="finder__search-clear"
          hoverClass="finder__search-clear--pressed"
          role="button"
          ariaLabel="清除搜索内容"
          onClick={props.onClear}
        >
          <Text aria-hidden>✕</Text>
        </View>
      ) : null}
    </View>
  );
}

/** One group (街道 or 镇) with a sticky header. */
function StationGroupSection({ group }: { group: StationGroup }) {
  if (group.items.length === 0) return null;
  return (
    <View className="finder__group">
      <View className="finder__group-header">
        <Text>
          {group.label}（{group.items.length} 个）
        </Text>
      </View>
      {group.items.map((station) => (
        <StationListItem key={station.id} station={station} onOpen={openStation} />
      ))}
    </View>
  );
}

/** The "离我最近" result: a distance-sorted list, or why there is none. */
function NearestPanel({
  nearest,
  onRetry,
  onClose,
}: {
  nearest: NearestState;
  onRetry: () => void;
  onClose: () => void;
}) {
  if (nearest.status === 'idle' || nearest.status === 'locating') return null;

  if (nearest.status === 'location-failed') {
    return (
      <View className="sgz-notice finder__notice" role="alert">
        <Text className="finder__notice-text">⚠ {LOCATION_MESSAGES[nearest.reason]}</Text>
        <View className="finder__notice-actions">
          {process.env.TARO_ENV === 'weapp' && nearest.reason === 'denied' ? (
            <Button onClick={() => void Taro.openSetting()}>去设置允许定位</Button>
          ) : null}
          <Button onClick={onClose}>知道了</Button>
        </View>
      </View>
    );
  }

  if (nearest.status === 'error') {
    return (
      <View className="sgz-notice finder__notice" role="alert">
        <Text className="finder__notice-text">⚠ 没有查到离您最近的社工站：{nearest.error.message}</Text>
        <View className="finder__notice-actions">
          <Button onClick={onRetry}>重试</Button>
          <Button onClick={onClose}>关闭</Button>
        </View>
      </View>
    );
  }

  return (
    <View className="finder__nearest">
      <View className="finder__group-header finder__nearest-header">
        <Text>离您最近的社工站（按距离排序）</Text>
      </View>
      {nearest.items.length === 0 ? (
        <Text className="finder__nearest-empty">附近没有找到社工站，请在下方按街镇查找</Text>
      ) : null}
      {nearest.items.map((station) => (
        <StationListItem
          key={station.id}
          station={station}
          distanceText={formatDistance(station.distanceMeters)}
          onOpen={openStation}
        />
      ))}
      <View className="finder__nearest-footer">
        <Button block onClick={onClose}>
          收起，按街镇查看全部
        </Button>
      </View>
    </View>
  );
}
