import {
  OPENING_BOUNDS,
  updateOpeningHoursInput,
  type ListServiceItemsOutput,
  type OpeningHours,
  type OpeningPeriod,
} from '@sgz/shared';
import { Picker, Text, View } from '@tarojs/components';
import { useCallback, useState } from 'react';
import { Button } from '../../../components/Button';
import { FieldError } from '../../../components/FieldError';
import { listServiceItems, updateOpeningHours } from '../../../services/requests';
import { LoadView } from '../../../components/StateView';
import { useLoad } from '../../../hooks/use-load';
import { StaffStationPage } from '../../../components/StaffStationPage';
import '../../../components/staff-page.scss';

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

/** 服务时间 (station head): weekly opening hours in Beijing time, which the bookable slots follow. */
export default function HeadHoursPage() {
  return (
    <StaffStationPage errorTitle="服务时间没有加载出来">
      {(stationId) => <StationHours stationId={stationId} />}
    </StaffStationPage>
  );
}

/** Loads the station's opening hours (they come with its service items), then edits them. */
function StationHours({ stationId }: { stationId: string }) {
  const loader = useCallback(() => listServiceItems({ stationId, includeInactive: true }), [stationId]);
  const items = useLoad(loader);
  return (
    <View>
      <LoadView
        status={items.status}
        error={items.error}
        onRetry={items.retry}
        errorTitle="服务时间没有加载出来"
      />
      {items.data ? <HoursEditor stationId={stationId} loaded={items.data} /> : null}
    </View>
  );
}

function HoursEditor({ stationId, loaded }: { stationId: string; loaded: ListServiceItemsOutput }) {
  const [hours, setHours] = useState<OpeningHours>(loaded.openingHours);
  const [error, setError] = useState<string | undefined>();
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  const setDay = (day: Weekday, periods: OpeningPeriod[]) => {
    setSaved(false);
    setHours((h) => ({ ...h, [day]: periods }));
  };

  const save = async () => {
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

  return (
    <View>
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
        <Button type="primary" block disabled={busy} onClick={() => void save()}>
          保存服务时间
        </Button>
      </View>
    </View>
  );
}
