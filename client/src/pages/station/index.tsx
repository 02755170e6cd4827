import { DISTRICT_SERVICE_LINE, type StationDetail, type WireError } from '@sgz/shared';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import type { ReactNode } from 'react';
import { PageRoot } from '../../components/PageRoot';
import { Button } from '../../components/Button';
import { LoadView, type StateContent } from '../../components/StateView';
import { StationMark } from '../../components/StationMark';
import { NOT_PUBLISHED, orNotPublished } from '../../utils/format';
import { wgs84ToGcj02 } from '../../utils/gcj02';
import { requestFormUrl, ROUTES } from '../../utils/routes';
import { useOpeningHoursText, useStation, useStationStories } from './use-station';
import './index.scss';

const backToList = () => {
  void Taro.switchTab({ url: ROUTES.home });
};

/** Station page: official name with the station mark, contact, hours, services, rooms, location. */
export default function StationPage() {
  const router = useRouter();
  const station = useStation(router.params.id);

  return (
    <PageRoot className="station">
      <LoadView
        status={station.status}
        error={station.error}
        onRetry={station.retry}
        loadingText="正在加载社工站信息…"
        errorTitle="社工站信息没有加载出来"
        describeError={notFound}
      />
      {station.data ? <StationDetailView station={station.data} /> : null}
    </PageRoot>
  );
}

/** A missing or malformed id: 重试 cannot help, the list can. */
const notFound = (error: WireError): StateContent | null =>
  error.code === 'not-found' || error.code === 'invalid-argument'
    ? {
        symbol: '?',
        title: '没有找到这个社工站',
        description: '它可能已更名或链接有误，请回到列表按街镇查找',
        actionText: '返回社工站列表',
        onAction: backToList,
      }
    : null;

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <View className="station__field">
      <Text className="station__label">{label}</Text>
      <View className="station__value">{children}</View>
    </View>
  );
}

/** The district's line as the button reads it (演示 while the configured number is the demo one). */
const serviceLineText = `拨打${DISTRICT_SERVICE_LINE.name} ${DISTRICT_SERVICE_LINE.phone}${DISTRICT_SERVICE_LINE.demo ? '（演示）' : ''}`;

function StationDetailView({ station }: { station: StationDetail }) {
  const { location } = station;
  const openingHours = useOpeningHoursText(station.id);
  const stories = useStationStories(station.id);
  // No published phone: the district's service line, never a dead button.
  const phoneNumber = station.phone ?? DISTRICT_SERVICE_LINE.phone;
  const call = () => void Taro.makePhoneCall({ phoneNumber });
  const openMap = () => {
    if (!location) return;
    const onMap = wgs84ToGcj02(location);
    void Taro.openLocation({
      latitude: onMap.latitude,
      longitude: onMap.longitude,
      name: station.officialName,
      address: station.address ?? '',
      scale: 16,
    });
  };

  return (
    <View>
      <StationMark officialName={station.officialName} />

      {station.needsAdminReview ? (
        <View className="sgz-notice station__review">
          <Text>ⓘ 信息待社工站完善：部分内容可能暂未公布，以社工站公布为准。</Text>
        </View>
      ) : null}

      <View className="sgz-card station__actions">
        <Button
          className="station__help-button"
          type="primary"
          block
          onClick={() => void Taro.navigateTo({ url: requestFormUrl(station.id) })}
        >
          我要求助
        </Button>
        {station.phone ? null : <Text className="sgz-hint">本站暂未公布电话，可先咨询区里的服务热线</Text>}
        <Button block onClick={call}>
          {station.phone ? `拨打电话 ${station.phone}` : serviceLineText}
        </Button>
        {process.env.TARO_ENV === 'weapp' && location ? (
          <Button className="station__map-button" block onClick={openMap}>
            {location.approximate ? '查看位置（位置为大致位置）' : '查看位置、导航'}
          </Button>
        ) : null}
      </View>

      <View className="sgz-card">
        <Field label="所属街镇">
          <Text>
            {station.unitName}
            {station.zone ? `（${station.zone.name}）` : ''}
          </Text>
        </Field>
        <Field label="地址">
          <Text>{orNotPublished(station.address)}</Text>
        </Field>
        {process.env.TARO_ENV === 'weapp' ? null : (
          <Field label="位置">
            <Text>
              {location
                ? `北纬 ${location.latitude.toFixed(4)}，东经 ${location.longitude.toFixed(4)}${location.approximate ? '（位置为大致位置）' : ''}`
                : NOT_PUBLISHED}
            </Text>
          </Field>
        )}
        <Field label="服务时间">
          <Text>{orNotPublished(openingHours ?? station.hours)}</Text>
        </Field>
        <Field label="电话">
          <Text>{orNotPublished(station.phone)}</Text>
        </Field>
      </View>

      <View className="sgz-card">
        <Field label="一站一品（特色服务）">
          <Text>{orNotPublished(station.specialty)}</Text>
        </Field>
        <Field label="服务领域">
          <TagList items={station.serviceAreas} />
        </Field>
        <Field label="活动场所">
          <TagList items={station.rooms} />
        </Field>
      </View>

      {stories.length > 0 ? (
        <View className="sgz-card station__stories">
          <Text className="station__stories-title">优秀案例与社工风采</Text>
          {stories.map((story) => (
            <View key={story.storyId} className="station__story">
              <Text className="station__story-kind">{story.kindLabel}</Text>
              <Text className="station__story-title">{story.title}</Text>
              <Text className="station__story-text">{story.text}</Text>
              {story.workerName ? (
                <Text className="station__story-meta">社工：{story.workerName}</Text>
              ) : null}
              <Text className="station__story-meta">经区民政局审核发布 {story.publishedOn}</Text>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  );
}

function TagList({ items }: { items: readonly string[] }) {
  if (items.length === 0) return <Text>{NOT_PUBLISHED}</Text>;
  return (
    <View className="station__tags">
      {items.map((item) => (
        <Text key={item} className="station__tag">
          {item}
        </Text>
      ))}
    </View>
  );
}
