import { useRouter } from '@tarojs/taro';
import { StaffStationPage } from '../../../components/StaffStationPage';
import { queueFilterOf, StationQueue } from '../StationQueue';
import '../../../components/staff-page.scss';

/**
 * 本站居民求助: the station's queue on its own page, one tap from 我的 (where its entry
 * shows how many wait). Opens on the new (submitted) requests; `?status=` picks another.
 */
export default function StationRequestsPage() {
  const { params } = useRouter();
  const initial = queueFilterOf(params.status) ?? 'submitted';
  return (
    <StaffStationPage errorTitle="求助列表没有加载出来">
      {(stationId) => <StationQueue stationId={stationId} initial={initial} />}
    </StaffStationPage>
  );
}
