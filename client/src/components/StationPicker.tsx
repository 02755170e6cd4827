import { Text, View } from '@tarojs/components';
import { useCallback } from 'react';
import { useLoad } from '../hooks/use-load';
import { listAllStations } from '../services/stations';
import { LoadView } from './StateView';
import { StationListItem } from './StationListItem';

/** Lists every station grouped by 街道 / 镇 to choose one (the request form's 选择社工站). */
export function StationPicker({ onChoose }: { onChoose: (stationId: string) => void }) {
  const loader = useCallback(() => listAllStations(), []);
  const stations = useLoad(loader);
  return (
    <View>
      <LoadView
        status={stations.status}
        error={stations.error}
        onRetry={stations.retry}
        loadingText="正在加载社工站…"
        errorTitle="社工站列表没有加载出来"
      />
      {(stations.data?.groups ?? []).map((g) => (
        <View key={g.kind}>
          <View className="rq__group-header">
            <Text>{g.label}</Text>
          </View>
          {g.items.map((s) => (
            <StationListItem key={s.id} station={s} onOpen={() => onChoose(s.id)} />
          ))}
        </View>
      ))}
    </View>
  );
}
