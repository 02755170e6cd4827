import {
  OPENING_BOUNDS,
  updateOpeningHoursInput,
  WEEKDAY_LABELS,
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

type Weekday = keyof typeof WEEKDAY_LABELS;
const WEEKDAYS: [Weekday, string][] = ([1, 2, 3, 4, 5, 6, 7] as const).map((d) => [d, WEEKDAY_LABELS[d]]);

/** `HH:MM` → minutes after midnight. */
const minutes = (clock: string): number => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));
/** Minutes after midnight → `HH:MM`. */
const clockOf = (m: number): string =>
  `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** Length of a period ＋ 增加时段 proposes. */
const NEW_PERIOD_MINUTES = 60;

/**
 * The period ＋ 增加时段 proposes: an hour right after the day's last period (cut at the
 * latest closing time), 09:00–12:00 on a day off; null when the day is full up to closing.
 * Always valid as proposed: start before end, inside the bounds, after the others.
 */
function proposePeriod(periods: readonly OpeningPeriod[]): OpeningPeriod | null {
  const last = periods[periods.length - 1];
  if (!last) return { start: '09:00', end: '12:00' };
  const latest = minutes(OPENING_BOUNDS.latest);
  const start = Math.max(minutes(last.end), minutes(OPENING_BOUNDS.earliest));
  if (!(start < latest)) return null;
  return { start: clockOf(start), end: clockOf(Math.min(start + NEW_PERIOD_MINUTES, latest)) };
}

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
            <AddPeriod periods={periods} onAdd={(next) => setDay(day, [...periods, next])} />
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

/** ＋ 增加时段 with a valid proposal, or why no more can be added. */
function AddPeriod({ periods, onAdd }: { periods: OpeningPeriod[]; onAdd: (period: OpeningPeriod) => void }) {
  if (periods.length >= OPENING_BOUNDS.maxPeriodsPerDay)
    return <Text className="sgz-hint">每天最多 {OPENING_BOUNDS.maxPeriodsPerDay} 个时段</Text>;
  const next = proposePeriod(periods);
  if (!next)
    return (
      <Text className="sgz-hint">已排到 {OPENING_BOUNDS.latest}，不能再增加时段；可以修改上面的时间</Text>
    );
  return (
    <Button className="wk__add" block onClick={() => onAdd(next)}>
      ＋ 增加时段
    </Button>
  );
}
