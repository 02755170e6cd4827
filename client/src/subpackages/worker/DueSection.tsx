import type { ListDueOutput, Result } from '@sgz/shared';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useCallback, useRef, useState } from 'react';
import { Button } from '../../components/Button';
import { LoadView } from '../../components/StateView';
import { useLoad } from '../../hooks/use-load';
import { listDue } from '../../services/files';
import { personFormUrl, personUrl, ROUTES, visitFormUrl } from '../../utils/routes';
import { PersonCard } from './PersonCard';
import './person.scss';

/**
 * 走访 on the worker's home: 已逾期 / 今日待访 / 本周待访 of the station (or, with
 * 只看我负责的, of the files assigned to the caller), earliest due first, each file a
 * card that opens it. Counts are the server's count() per bucket; a bucket shows its
 * first page and says how many more there are (全部档案 lists them with the due filter).
 */
export function DueSection({ stationId }: { stationId: string }) {
  const [mine, setMine] = useState(false);
  const loader = useCallback(
    (): Promise<Result<ListDueOutput>> => listDue({ stationId, ...(mine ? { mine: true } : {}) }),
    [stationId, mine],
  );
  const due = useLoad(loader, { isEmpty: (d) => d.buckets.every((b) => b.total === 0) });
  const { reload } = due;
  // Back from a file (a visit recorded, a new tier): the buckets follow quietly.
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) void reload();
    shown.current = true;
  });
  const open = (id: string) => void Taro.navigateTo({ url: personUrl(id) });

  return (
    <View className="pf-due-section">
      <View className="wk__header pf-due-header">
        <Text className="wk__title">走访</Text>
        <Button onClick={() => void Taro.navigateTo({ url: visitFormUrl() })}>新建走访</Button>
      </View>
      <View className="pf-toolbar" role="radiogroup" aria-label="走访范围">
        {[false, true].map((m) => (
          <View
            key={String(m)}
            className={`sgz-choice wk__filter${mine === m ? ' sgz-choice--selected' : ''}`}
            role="radio"
            aria-checked={mine === m}
            onClick={() => setMine(m)}
          >
            <Text>
              {mine === m ? '◉ ' : ''}
              {m ? '只看我负责的' : '本站全部'}
            </Text>
          </View>
        ))}
      </View>
      <LoadView
        status={due.status}
        error={due.error}
        onRetry={due.retry}
        loadingText="正在加载待访名单…"
        errorTitle="待访名单没有加载出来"
        empty={{
          symbol: '✓',
          title: mine ? '您负责的档案本周没有待访' : '本站本周没有待访的档案',
          description: '逾期、今天和之后 6 天到期的走访都会列在这里',
        }}
      />
      {due.data && due.status === 'ready'
        ? due.data.buckets.map((b) => (
            <View key={b.bucket} className="pf-bucket" aria-label={b.label}>
              <Text className="pf-bucket__title">
                {b.bucket === 'overdue' ? '⚠ ' : ''}
                {b.label}（{b.total} 人）
              </Text>
              {b.items.length === 0 ? (
                <Text className="sgz-hint pf-bucket__none">暂无</Text>
              ) : (
                b.items.map((p) => (
                  <View key={p.id} className="pf-due-item">
                    <PersonCard person={p} onOpen={open} />
                    <Button
                      className="pf-due-item__visit"
                      onClick={() => void Taro.navigateTo({ url: visitFormUrl({ personId: p.id }) })}
                    >
                      记录走访
                    </Button>
                  </View>
                ))
              )}
              {b.total > b.items.length ? (
                <Text className="sgz-hint pf-bucket__none">
                  还有 {b.total - b.items.length} 人，请在“全部档案”中按走访情况筛选
                </Text>
              ) : null}
            </View>
          ))
        : null}
      <View className="pf-actions">
        <Button onClick={() => void Taro.navigateTo({ url: ROUTES.workerFiles })}>全部档案</Button>
        <Button type="primary" onClick={() => void Taro.navigateTo({ url: personFormUrl() })}>
          新建档案
        </Button>
      </View>
    </View>
  );
}
