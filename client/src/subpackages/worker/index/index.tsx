import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '../../../components/Button';
import { PageRoot } from '../../../components/PageRoot';
import { LoadView } from '../../../components/StateView';
import { NO_STATION, useStaffStation } from '../../../hooks/use-staff-station';
import { ROUTES } from '../../../utils/routes';
import { DueSection } from '../DueSection';
import { MyFollowUps } from '../FollowUps';
import { CasesEntry } from './CasesEntry';
import { OutboxBar } from './OutboxBar';
import { StationQueue } from '../StationQueue';
import { StationVisitsLink } from '../visits/VisitCard';
import '../../../components/staff-page.scss';
import './index.scss';

/**
 * 社工工作台: 待同步 N of this phone's outbox ({@link OutboxBar}), 走访 (the due list,
 * {@link DueSection}), 我的个案 with how many wait on the worker ({@link CasesEntry}), 我的跟进事项 ({@link MyFollowUps}), then the station's incoming requests, filtered by status, page by page
 * (scrolling to the bottom or 加载更多); another filter starts again from the first page.
 */
export default function WorkerHomePage() {
  const station = useStaffStation();
  return (
    <PageRoot className="wk">
      <OutboxBar />
      <LoadView
        status={station.status}
        error={station.error}
        onRetry={station.retry}
        errorTitle="工作台没有加载出来"
        empty={NO_STATION}
      />
      {station.status === 'ready' && station.data ? (
        <View>
          <DueSection stationId={station.data} />
          <CasesEntry />
          <MyFollowUps />
          <StationVisitsLink />
          <View className="wk__actions" style={{ marginTop: '16px' }}>
            <Button onClick={() => void Taro.navigateTo({ url: ROUTES.workerHours })}>
              我的学时（培训记录）
            </Button>
          </View>
          <View className="wk__header">
            <Text className="wk__title">本站居民求助</Text>
          </View>
          <StationQueue stationId={station.data} />
        </View>
      ) : null}
    </PageRoot>
  );
}
