import type { CommunitiesOutput } from '@sgz/shared';
import { Text, Textarea, View } from '@tarojs/components';
import { useCallback, useState } from 'react';
import { Button } from '../../../components/Button';
import { LoadView, StateView } from '../../../components/StateView';
import { useLoad } from '../../../hooks/use-load';
import { StaffStationPage } from '../../../components/StaffStationPage';
import { listCommunities, updateCommunities } from '../../../services/roster';
import { formatWhen } from '../../../utils/request-format';
import '../../../components/staff-page.scss';

/** 本站社区/村名单 (station head): the list the files and the roster template use. */
export default function HeadCommunitiesPage() {
  return (
    <StaffStationPage errorTitle="社区/村名单没有加载出来">
      {(stationId) => <StationCommunities stationId={stationId} />}
    </StaffStationPage>
  );
}

function StationCommunities({ stationId }: { stationId: string }) {
  const loader = useCallback(() => listCommunities({ stationId }), [stationId]);
  const list = useLoad(loader);
  return (
    <View>
      <LoadView
        status={list.status}
        error={list.error}
        onRetry={list.retry}
        loadingText="正在加载社区/村名单…"
        errorTitle="社区/村名单没有加载出来"
      />
      {list.data ? <CommunitiesEditor stationId={stationId} loaded={list.data} /> : null}
    </View>
  );
}

/** Names one per line (full-width spaces and blank lines dropped). */
const parseLines = (text: string): string[] =>
  text
    .split(/\r?\n/)
    .map((s) => s.replace(/[\s\u3000]+/g, ' ').trim())
    .filter(Boolean);

export function CommunitiesEditor({ stationId, loaded }: { stationId: string; loaded: CommunitiesOutput }) {
  const [text, setText] = useState(loaded.communities.join('\n'));
  const [saved, setSaved] = useState<CommunitiesOutput | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const names = parseLines(text);

  const save = async () => {
    setBusy(true);
    setError(null);
    const res = await updateCommunities({ stationId, communities: names });
    setBusy(false);
    if (!res.ok) return setError(res.error.message);
    setSaved(res.data);
    setText(res.data.communities.join('\n'));
  };

  const shown = saved ?? loaded;
  return (
    <View>
      <View className="wk__header">
        <Text className="wk__title">本站社区/村名单</Text>
        <Text className="sgz-hint">
          每行填写一个社区或村的名称。建档、家庭和花名册模板的“社区/村”只能从这份名单中选。
          {shown.updatedAt ? ` 上次保存：${formatWhen(shown.updatedAt)}（北京时间）` : ' 还没有设置过。'}
        </Text>
      </View>
      <View className="sgz-card wk__section">
        <Text className="wk__label">社区/村（共 {names.length} 个）</Text>
        <Textarea
          className="sgz-input"
          value={text}
          maxlength={-1}
          autoHeight
          placeholder="例如：新村街道社区"
          onInput={(e) => {
            setSaved(null);
            setText(e.detail.value);
          }}
        />
        <Button type="primary" block loading={busy} onClick={() => void save()}>
          保存名单
        </Button>
        {saved ? (
          <StateView compact symbol="✓" title={`已保存，共 ${saved.communities.length} 个社区/村`} />
        ) : null}
        {error ? <StateView compact role="alert" symbol="✕" title="没有保存" description={error} /> : null}
      </View>
    </View>
  );
}
