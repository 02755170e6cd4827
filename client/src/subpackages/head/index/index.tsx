import { ComingSoon } from '../../../components/ComingSoon';

/** Station head section (subpackage). */
export default function HeadHomePage() {
  return (
    <ComingSoon
      title="站长工作台"
      audience="社工站站长"
      items={[
        '本站年度指标进度（专业服务案例、专业督导、继续教育学时）',
        '邀请本站社工',
        '服务项目与预约时段管理',
      ]}
    />
  );
}
