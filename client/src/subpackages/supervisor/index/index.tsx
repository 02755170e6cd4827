import { ComingSoon } from '../../../components/ComingSoon';

/** Supervisor (督导) section (subpackage). */
export default function SupervisorHomePage() {
  return <ComingSoon title="督导工作台" audience="督导" items={['所督导社工站的督导记录', '督导时长统计']} />;
}
