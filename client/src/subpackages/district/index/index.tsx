import { ComingSoon } from '../../../components/ComingSoon';

/** District bureau section (subpackage). */
export default function DistrictHomePage() {
  return (
    <ComingSoon
      title="区民政局总览"
      audience="区民政局工作人员"
      items={['全区社工站一览', '邀请站长、社工与督导', '审计日志查询']}
    />
  );
}
