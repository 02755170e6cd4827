import type { WireError } from '@sgz/shared';
import { PageRoot } from '../../../components/PageRoot';
import { StateView } from '../../../components/StateView';

/** Loading the head's own station: what both head editors show before their data is ready. */
export type StationLoad =
  | { status: 'loading' }
  | { status: 'no-station' }
  | { status: 'error'; error: WireError };

/** Props of {@link StationLoadView}. */
export interface StationLoadViewProps {
  state: StationLoad;
  /** e.g. 服务项目没有加载出来 */
  errorTitle: string;
  onRetry: () => void;
}

/** The loading / no station bound / error-with-retry page of a head editor. */
export function StationLoadView({ state, errorTitle, onRetry }: StationLoadViewProps) {
  return (
    <PageRoot className="wk">
      {state.status === 'loading' ? <StateView symbol="…" title="正在加载" /> : null}
      {state.status === 'no-station' ? <StateView symbol="?" title="您的账号还没有绑定社工站" /> : null}
      {state.status === 'error' ? (
        <StateView
          role="alert"
          symbol="!"
          title={errorTitle}
          description={state.error.message}
          actionText="重试"
          onAction={onRetry}
        />
      ) : null}
    </PageRoot>
  );
}
