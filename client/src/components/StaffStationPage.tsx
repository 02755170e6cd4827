import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { NO_STATION, useStaffStation } from '../hooks/use-staff-station';
import { PageRoot } from './PageRoot';
import { LoadView } from './StateView';

/**
 * The shell of every staff page that works on the caller's own station: the
 * station from the one place that knows it (useStaffStation), loading / no
 * station / error with 重试, then `children(stationId)`.
 */
export function StaffStationPage({
  title,
  errorTitle,
  children,
}: {
  /** A heading above the content (optional). */
  title?: string;
  /** What failed, e.g. 服务项目没有加载出来. */
  errorTitle: string;
  children: (stationId: string) => ReactNode;
}) {
  const station = useStaffStation();
  return (
    <PageRoot className="wk">
      {title ? (
        <View className="wk__header">
          <Text className="wk__title">{title}</Text>
        </View>
      ) : null}
      <LoadView
        status={station.status}
        error={station.error}
        onRetry={station.retry}
        errorTitle={errorTitle}
        empty={NO_STATION}
      />
      {station.status === 'ready' && station.data ? children(station.data) : null}
    </PageRoot>
  );
}
