import type { StationSummary } from '@sgz/shared';
import { Text, View } from '@tarojs/components';
import './StationListItem.scss';

/** Props of {@link StationListItem}. */
export interface StationListItemProps {
  station: StationSummary;
  /** e.g. 约 1.2 公里, shown under the name in the "离我最近" list. */
  distanceText?: string;
  onOpen: (station: StationSummary) => void;
}

/**
 * One tappable station row: official name, street/township, specialty (一站一品). Its
 * name for screen readers is what it shows (no aria-label that would leave out the
 * visible words: axe label-content-name-mismatch).
 */
export function StationListItem({ station, distanceText, onOpen }: StationListItemProps) {
  return (
    <View
      className="sgz-station-item"
      hoverClass="sgz-station-item--pressed"
      role="button"
      onClick={() => onOpen(station)}
    >
      <View className="sgz-station-item__body">
        <Text className="sgz-station-item__name">{station.officialName}</Text>
        <View className="sgz-station-item__meta">
          <Text className="sgz-station-item__unit">{station.unitName}</Text>
          {distanceText ? <Text className="sgz-station-item__distance">{distanceText}</Text> : null}
        </View>
        {station.specialty ? (
          <Text className="sgz-station-item__specialty">一站一品：{station.specialty}</Text>
        ) : null}
      </View>
      <Text className="sgz-station-item__chevron" aria-hidden>
        ›
      </Text>
    </View>
  );
}
