import type { StationGroup, StationSummary } from '@sgz/shared';
import { Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import {
  LOCATION_MESSAGES,
  SEARCH_MAX_CHARS,
  useStationFinder,
  type NearestState,
} from '../hooks/use-station-finder';
import { formatDistance } from '../utils/format';
import { Button } from './Button';
import { LoadView } from './StateView';
import { StationListItem } from './StationListItem';
import './StationFinder.scss';

/**
 * The station finder: search by name, 离我最近, and every station grouped by 街道 / 镇.
 * The home page opens the station tapped; the request form's 选择社工站 takes it.
 */
export function StationFinder({ onChoose }: { onChoose: (station: StationSummary) => void }) {
  const finder = useStationFinder();
  const { list, nearest } = finder;

  return (
    <View className="finder__body">
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
        onChoose={onChoose}
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
            <StationGroupSection key={group.kind} group={group} onChoose={onChoose} />
          ))}
        </View>
      ) : null}
    </View>
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
function StationGroupSection({
  group,
  onChoose,
}: {
  group: StationGroup;
  onChoose: (station: StationSummary) => void;
}) {
  if (group.items.length === 0) return null;
  return (
    <View className="finder__group">
      <View className="finder__group-header">
        <Text>
          {group.label}（{group.items.length} 个）
        </Text>
      </View>
      {group.items.map((station) => (
        <StationListItem key={station.id} station={station} onOpen={onChoose} />
      ))}
    </View>
  );
}

/** The "离我最近" result: a distance-sorted list, or why there is none. */
function NearestPanel({
  nearest,
  onChoose,
  onRetry,
  onClose,
}: {
  nearest: NearestState;
  onChoose: (station: StationSummary) => void;
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
          onOpen={onChoose}
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
