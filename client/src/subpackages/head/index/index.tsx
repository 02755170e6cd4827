import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '../../../components/Button';
import { ComingSoon } from '../../../components/ComingSoon';
import { ROUTES } from '../../../utils/routes';

/** Station head section (subpackage). */
export default function HeadHomePage() {
  return (
    <View>
      <View style={{ padding: '12px 12px 0' }}>
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
      </View>
      <ComingSoon
        title="站长工作台"
        audience="社工站站长"
        items={['本站年度指标进度（专业服务案例、专业督导、继续教育学时）', '邀请本站社工']}
      />
    </View>
  );
}
