import { ComingSoon } from '../../../components/ComingSoon';

/** Social worker section (subpackage: loaded only when opened). */
export default function WorkerHomePage() {
  return (
    <ComingSoon
      title="社工工作台"
      audience="本站社工"
      items={[
        '入户走访记录（无信号时先保存在手机上）',
        '个案工作：接案、预估、计划、介入、评估、结案',
        '本站居民的服务请求',
      ]}
    />
  );
}
