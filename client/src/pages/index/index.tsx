import type { StationSummary } from '@sgz/shared';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { PageRoot } from '../../components/PageRoot';
import { Button } from '../../components/Button';
import { StationFinder } from '../../components/StationFinder';
import { useCareMode } from '../../hooks/use-care-mode';
import { requestFormUrl, ROUTES, stationPageUrl } from '../../utils/routes';
import { useState } from 'react';
import './index.scss';

const openStation = (station: StationSummary) => {
  void Taro.navigateTo({ url: stationPageUrl(station.id) });
};

const openRequestForm = () => {
  // The form opens the remembered station itself, or asks for one.
  void Taro.navigateTo({ url: requestFormUrl() });
};
const openMyRequests = () => {
  void Taro.navigateTo({ url: ROUTES.myRequests });
};

/**
 * Home. In 关怀模式 three large actions (找社工站 / 我要求助 / 我的求助) come first and
 * the finder opens from the first; otherwise the finder with a 求助 bar on top.
 */
export default function IndexPage() {
  const careMode = useCareMode();
  const [finderOpen, setFinderOpen] = useState(false);
  if (careMode && !finderOpen) {
    return (
      <PageRoot className="finder" tab>
        <View className="finder__header">
          <Text className="finder__title">滨海新区社工站</Text>
          <Text className="finder__subtitle">关怀模式 · 字大好点</Text>
        </View>
        <View className="care-home">
          <BigAction symbol="⌕" title="找社工站" hint="查看各街镇社工站" onTap={() => setFinderOpen(true)} />
          <BigAction symbol="✚" title="我要求助" hint="向社工站提出需求" onTap={openRequestForm} />
          <BigAction symbol="☰" title="我的求助" hint="查看办理进度、评价" onTap={openMyRequests} />
        </View>
      </PageRoot>
    );
  }
  return <Finder careMode={careMode} onBack={() => setFinderOpen(false)} />;
}

/** One of the three large actions of the care-mode home. */
function BigAction(props: { symbol: string; title: string; hint: string; onTap: () => void }) {
  return (
    <View
      className="care-home__action"
      hoverClass="care-home__action--pressed"
      role="button"
      onClick={props.onTap}
    >
      <Text className="care-home__symbol" aria-hidden>
        {props.symbol}
      </Text>
      <View className="care-home__text">
        <Text className="care-home__title">{props.title}</Text>
        <Text className="care-home__hint">{props.hint}</Text>
      </View>
    </View>
  );
}

/** The station finder (stations grouped by 街道 / 镇, search, 离我最近) under the home header. */
function Finder({ careMode, onBack }: { careMode: boolean; onBack: () => void }) {
  return (
    <PageRoot className="finder" tab>
      <View className="finder__header">
        <Text className="finder__title">找社工站</Text>
        <Text className="finder__subtitle">滨海新区各街道、镇社会工作服务站</Text>
      </View>

      {careMode ? (
        <View className="finder__help">
          <Button block onClick={onBack}>
            ‹ 返回首页
          </Button>
        </View>
      ) : (
        <View className="finder__help">
          <Button className="finder__help-button" type="primary" onClick={openRequestForm}>
            我要求助
          </Button>
          <Button className="finder__help-button" onClick={openMyRequests}>
            我的求助
          </Button>
        </View>
      )}

      <StationFinder onChoose={openStation} />
    </PageRoot>
  );
}
