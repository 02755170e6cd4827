import { Text, View } from '@tarojs/components';
import { useCallback } from 'react';
import { LoadView } from '../../components/StateView';
import { useLoad } from '../../hooks/use-load';
import { listStationStories } from '../../services/district';

/**
 * 优秀案例与社工 on a station's page: the stories the district approved (anonymised case
 * stories, outstanding workers). Nothing is shown while there are none; a failed load says
 * so in one line with 重试 (the rest of the page stays usable).
 */
export function StationStories({ stationId }: { stationId: string }) {
  const loader = useCallback(() => listStationStories({ stationId }), [stationId]);
  const stories = useLoad(loader, { isEmpty: (d) => d.items.length === 0 });
  if (stories.status === 'empty' || stories.status === 'loading') return null;
  return (
    <View className="sgz-card">
      <Text className="station__section-title">优秀案例与社工</Text>
      <LoadView
        status={stories.status}
        error={stories.error}
        onRetry={stories.retry}
        errorTitle="优秀案例没有加载出来"
        compact
      />
      {stories.data?.items.map((s) => (
        <View key={s.storyId} className="station__field">
          <Text className="station__story-title">
            {s.kindLabel}：{s.title}
          </Text>
          {s.workerName ? <Text className="station__label">社工 {s.workerName}</Text> : null}
          <Text className="station__value">{s.text}</Text>
          <Text className="station__label">{s.publishedOn} 发布</Text>
        </View>
      ))}
    </View>
  );
}
