import { View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import { Button } from '../../../components/Button';
import { PageRoot } from '../../../components/PageRoot';
import { useStaffStation } from '../../../hooks/use-staff-station';
import { cases } from '../../../services/cases';
import { supervision } from '../../../services/supervision';
import { listVisitConflicts } from '../../../services/visits';
import { ROUTES } from '../../../utils/routes';
import { ProgressEntry } from './ProgressEntry';

/**
 * 站长工作台 (subpackage): the head's tools, inside the themed page root (under the 返回
 * bar, in the theme's button size); only what works is listed.
 */
export default function HeadHomePage() {
  return (
    <PageRoot>
      <View style={{ padding: '12px 12px 0' }}>
        <ProgressEntry />
        <Button type="primary" block onClick={() => void Taro.navigateTo({ url: ROUTES.headItems })}>
          服务项目管理
        </Button>
        <Button
          block
          style={{ marginTop: '8px' }}
          onClick={() => void Taro.navigateTo({ url: ROUTES.headHours })}
        >
          服务时间（可预约时段）
        </Button>
        <Button
          block
          style={{ marginTop: '8px' }}
          onClick={() => void Taro.navigateTo({ url: '/subpackages/head/roster/index' })}
        >
          导入花名册（Excel）
        </Button>
        <Button
          block
          style={{ marginTop: '8px' }}
          onClick={() => void Taro.navigateTo({ url: '/subpackages/head/communities/index' })}
        >
          本站社区/村名单
        </Button>
        <ApprovalsButton />
        <Button
          block
          style={{ marginTop: '8px' }}
          onClick={() => void Taro.navigateTo({ url: ROUTES.stationCases })}
        >
          本站个案
        </Button>
        <ConflictsButton />
        <SupervisionButtons />
        <Button
          block
          style={{ marginTop: '8px' }}
          onClick={() => void Taro.navigateTo({ url: '/subpackages/head/station-profile/index' })}
        >
          本站公开信息（地址、电话、一站一品）
        </Button>
        <Button
          block
          style={{ marginTop: '8px' }}
          onClick={() => void Taro.navigateTo({ url: '/subpackages/head/stories/index' })}
        >
          推荐优秀社工和案例故事（区民政局审核后展示）
        </Button>
      </View>
    </PageRoot>
  );
}

/** Most conflicts counted on the home (one page); more reads as 50+. */
const COUNT_PAGE = 50;

/** 走访记录冲突核对, with how many wait (asked when the home is shown; nothing while unknown). */
function ConflictsButton() {
  const station = useStaffStation();
  const stationId = station.status === 'ready' ? station.data : null;
  const [count, setCount] = useState<string | null>(null);
  const refresh = useCallback(() => {
    if (!stationId) return;
    void listVisitConflicts({ stationId, limit: COUNT_PAGE }).then((res) =>
      setCount(res.ok ? (res.data.nextCursor ? `${COUNT_PAGE}+` : String(res.data.items.length)) : null),
    );
  }, [stationId]);
  useEffect(refresh, [refresh]);
  useDidShow(refresh);
  return (
    <Button
      block
      style={{ marginTop: '8px' }}
      onClick={() => void Taro.navigateTo({ url: ROUTES.headConflicts })}
    >
      {count && count !== '0' ? `走访记录冲突核对（${count} 条待核对）` : '走访记录冲突核对'}
    </Button>
  );
}

/** 待确认 (with how many sessions and 学时 records wait) and 资质与学时 (with a flag when below 2). */
function SupervisionButtons() {
  const station = useStaffStation();
  const stationId = station.status === 'ready' ? station.data : null;
  const [counts, setCounts] = useState<{ waiting: number; below: boolean; minimum: number } | null>(null);
  const refresh = useCallback(() => {
    if (!stationId) return;
    void supervision.getStationSummary({ stationId }).then((res) =>
      setCounts(
        res.ok
          ? {
              waiting: res.data.summary.pendingSessionCount + res.data.summary.pendingTrainingCount,
              below: res.data.summary.qualified.belowMinimum,
              minimum: res.data.summary.qualified.minimum,
            }
          : null,
      ),
    );
  }, [stationId]);
  useEffect(refresh, [refresh]);
  useDidShow(refresh);
  return (
    <>
      <Button
        block
        style={{ marginTop: '8px' }}
        onClick={() => void Taro.navigateTo({ url: ROUTES.headConfirmations })}
      >
        {counts && counts.waiting > 0 ? `督导与学时待确认（${counts.waiting} 条）` : '督导与学时待确认'}
      </Button>
      <Button
        block
        style={{ marginTop: '8px' }}
        onClick={() => void Taro.navigateTo({ url: ROUTES.headStanding })}
      >
        {counts?.below ? `资质与学时（⚠ 持证社工不足 ${counts.minimum} 人）` : '资质与学时'}
      </Button>
    </>
  );
}

/** 个案待审批, with how many plans and closures wait (asked when the home is shown). */
function ApprovalsButton() {
  const station = useStaffStation();
  const stationId = station.status === 'ready' ? station.data : null;
  const [count, setCount] = useState<string | null>(null);
  const refresh = useCallback(() => {
    if (!stationId) return;
    void cases
      .listPendingApprovals({ stationId, limit: COUNT_PAGE })
      .then((res) =>
        setCount(res.ok ? (res.data.nextCursor ? `${COUNT_PAGE}+` : String(res.data.items.length)) : null),
      );
  }, [stationId]);
  useEffect(refresh, [refresh]);
  useDidShow(refresh);
  return (
    <Button
      block
      style={{ marginTop: '8px' }}
      onClick={() => void Taro.navigateTo({ url: ROUTES.caseApprovals })}
    >
      {count && count !== '0' ? `个案待审批（${count} 个）` : '个案待审批'}
    </Button>
  );
}
