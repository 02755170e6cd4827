import type { StationGroup } from '@sgz/shared';
import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { listAllStations } from '../services/stations';
import { StateView } from './StateView';
import { StationListItem } from './StationListItem';

/** Lists every station grouped by 街道 / 镇 to choose one (the request form's 选择社工站). */
export function StationPicker({ onChoose }: { onChoose: (stationId: string) => void }) {
  const [groups, setGroups] = useState<StationGroup[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    let live = true;
    setError(null);
    void listAllStations().then((res) => {
      if (!live) return;
      if (res.ok) setGroups(res.data.groups);
      else setError(res.error.message);
    });
    return () => {
      live = false;
    };
  }, [reload]);

  if (error)
    return (
      <StateView
        role="alert"
        symbol="!"
        title="社工站列表没有加载出来"
        description={error}
        actionText="重试"
        onAction={() => setReload((n) => n + 1)}
      />
    );
  if (!groups) return <StateView symbol="…" title="正在加载社工站" />;
  return (
    <View>
      {groups.map((g) => (
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
