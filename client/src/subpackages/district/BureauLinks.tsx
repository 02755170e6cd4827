import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '../../components/Button';
import { ROUTES } from '../../utils/routes';

/** The bureau's record pages (issue 14), as entries on the district home. */
const LINKS = [
  [ROUTES.districtRecords, '站点档案（建设状态、运营方式、资金、建设节点）'],
  [ROUTES.districtPolicies, '指标政策（年度指标、走访间隔）'],
  [ROUTES.districtRegistry, '资质登记（持证社工、注册登记到期）'],
  [ROUTES.districtStories, '优秀案例与社工（审核、发布、撤下）'],
] as const;

/** Entries to 站点档案, 指标政策, 资质登记 and 优秀案例与社工. */
export function BureauLinks() {
  return (
    <View className="sgz-card wk__section">
      {LINKS.map(([url, text]) => (
        <Button key={url} block onClick={() => void Taro.navigateTo({ url })}>
          {text}
        </Button>
      ))}
    </View>
  );
}
