import { Text, View } from '@tarojs/components';
import './StationMark.scss';

/**
 * The station-mark area (统一标识). The official mark pairs the China social work
 * logo with the civil affairs emblem; until those artworks are supplied by the
 * bureau, this is a plain text mark drawn in CSS (no image files, nothing fetched).
 */
export function StationMark({ officialName }: { officialName: string }) {
  return (
    <View className="sgz-mark" aria-label={`${officialName}（统一标识）`}>
      <View className="sgz-mark__badge" aria-hidden>
        <Text className="sgz-mark__badge-text">社工</Text>
      </View>
      <View className="sgz-mark__text">
        <Text className="sgz-mark__name">{officialName}</Text>
        <Text className="sgz-mark__caption">社会工作服务站 · 统一标识</Text>
      </View>
    </View>
  );
}
