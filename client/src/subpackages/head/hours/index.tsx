import { Button } from '@nutui/nutui-react-taro';
import { OPENING_BOUNDS, updateOpeningHoursInput, type OpeningHours, type OpeningPeriod } from '@sgz/shared';
import { Picker, Text, View } from '@tarojs/components';
import { useCallback, useEffect, useState } from 'react';
import { FieldError } from '../../../components/FieldError';
import { PageRoot } from '../../../components/PageRoot';
import { whoAmI } from '../../../services/accounts';
import { listServiceItems, updateOpeningHours } from '../../../services/requests';
import { StationLoadView, type StationLoad } from '../components/StationLoadView';
import '../../worker/index/index.scss';

type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;
const WEEKDAYS: [Weekday, string][] = [
  [1, '周一'],
  [2, '周二'],
  [3, '周三'],
  [4, '周四'],
  [5, '周五'],
  [6, '周六'],
  [7, '周日'],
];

type LoadState = StationLoad | { status: 'ready'; stationId: string };

/** 服务时间 (station head): weekly opening hours in Beijing time, which the bookable slots follow. */
export default function HeadHoursPage() {
  const [state, setState] = useState<LoadState>({ status: 'loading' });
  const [hours, setHours] = useState<OpeningHours>({});
  const [error, setError] = useState<string | undefined>();
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    const me = await whoAmI();
    if (!me.ok) return setState({ status: 'error', error: me.error });
    const stationId = me.data.stationId;
    if (!stationId) return setState({ status: 'no-station' });
    const res = await listServiceItems({ stationId, includeInactive: true });
    if (!res.ok) return setState({ status: 'error', error: res.error });
    setHours(res.data.openingHours);
    setState({ status: 'ready', stationId });
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const setDay = (day: Weekday, periods: OpeningPeriod[]) => {
    setSaved(false);
    setHours((h) => ({ ...h, [day]: periods }));
  };

  const save = async (stationId: string) => {
    const check = updateOpeningHoursInput.safeParse({ stationId, openingHours: hours });
    if (!check.success) return setError(check.error.issues[0]?.message);
    setBusy(true);
    const res = await updateOpeningHours(check.data);
    setBusy(false);
    if (!res.ok) return setError(res.error.message);
    setError(undefined);
    setHours(res.data.openingHours);
    setSaved(true);
  };

  if (state.status !== 'ready')
    return <StationLoadView state={state} errorTitle="服务时间没有加载出来" onRetry={() => void load()} />;

  return (
    <PageRoot className="wk">
      <View className="wk__header">
        <Text className="wk__title">本站服务时间</Text>
        <Text className="sgz-hint">
          北京时间，{OPENING_BOUNDS.earliest}–{OPENING_BOUNDS.latest} 之间，每天最多{' '}
          {OPENING_BOUNDS.maxPeriodsPerDay} 个时段。居民只能预约这些时间内的时段。
        </Text>
      </View>
      {WEEKDAYS.map(([day, label]) => {
        const periods = hours[day] ?? [];
        return (
          <View key={day} className="sgz-card wk__section">
            <Text className="wk__item-title">
              {label}
              {periods.length === 0 ? '：休息' : ''}
            </Text>
            {periods.map((p, i) => (
              <View key={i} className="wk__period">
                <Picker
                  mode="time"
                  value={p.start}
                  start={OPENING_BOUNDS.earliest}
                  end={OPENING_BOUNDS.latest}
                  onChange={(e) =>
                    setDay(
                      day,
                      periods.map((q, j) => (j === i ? { ...q, start: e.detail.value } : q)),
                    )
                  }
                >
                  <View className="sgz-input wk__time">
                    <Text>{p.start}</Text>
                  </View>
                </Picker>
                <Text>至</Text>
                <Picker
                  mode="time"
                  value={p.end}
                  start={OPENING_BOUNDS.earliest}
                  end={OPENING_BOUNDS.latest}
                  onChange={(e) =>
                    setDay(
                      day,
                      periods.map((q, j) => (j === i ? { ...q, end: e.detail.value } : q)),
                    )
                  }
                >
                  <View className="sgz-input wk__time">
                    <Text>{p.end}</Text>
                  </View>
                </Picker>
                <Button
                  size="large"
                  onClick={() =>
                    setDay(
                      day,
                      periods.filter((_, j) => j !== i),
                    )
                  }
                >
                  删除
                </Button>
              </View>
            ))}
            {periods.length < OPENING_BOUNDS.maxPeriodsPerDay ? (
              <Button
                size="large"
                block
                onClick={() => {
                  const last = periods[periods.length - 1];
                  const next = last ? { start: last.end, end: last.end } : { start: '09:00', end: '12:00' };
                  setDay(day, [...periods, next]);
                }}
              >
                ＋ 增加时段
              </Button>
            ) : null}
          </View>
        );
      })}
      <View className="wk__actions">
        <FieldError message={error} />
        {saved ? (
          <View className="sgz-notice sgz-notice--ok" role="status">
            <Text>✓ 已保存服务时间</Text>
          </View>
        ) : null}
        <Button type="primary" size="large" block disabled={busy} onClick={() => void save(state.stationId)}>
          保存服务时间
        </Button>
      </View>
    </PageRoot>
  );
}
