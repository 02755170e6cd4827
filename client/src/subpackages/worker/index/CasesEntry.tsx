import { View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import { Button } from '../../../components/Button';
import { cases } from '../../../services/cases';
import { ROUTES } from '../../../utils/routes';

/** The words of the entry: 我的个案, with how many wait on the worker when known and any. */
export const casesEntryText = (waiting: number | null): string =>
  waiting ? `我的个案（${waiting} 个等我处理）` : '我的个案';

/**
 * 我的个案 on the worker's home (issue 11): opens the list; says how many cases wait on
 * the worker (plans or closures sent back, notes, evaluation or 回访 due), asked when
 * the home is shown (nothing while unknown or offline).
 */
export function CasesEntry() {
  const [waiting, setWaiting] = useState<number | null>(null);
  const refresh = useCallback(() => {
    void cases
      .listMyCases({ waitingOnly: true })
      .then((res) => setWaiting(res.ok ? res.data.items.length : null));
  }, []);
  useEffect(refresh, [refresh]);
  useDidShow(refresh);
  return (
    <View className="wk-cases">
      <Button block onClick={() => void Taro.navigateTo({ url: ROUTES.myCases })}>
        {casesEntryText(waiting)}
      </Button>
    </View>
  );
}
