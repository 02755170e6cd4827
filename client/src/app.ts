import Taro, { usePageNotFound } from '@tarojs/taro';
import { useEffect, type PropsWithChildren } from 'react';
import { loadMe } from './hooks/use-staff-station';
import { startAppOutbox } from './services/app-outbox';
import { movedPageUrl } from './utils/routes';
import './app.scss';

/**
 * App shell: pages render as children; global styles and theme come from app.scss.
 * On launch it learns who is signed in (`loadMe` records the user, so per-user settings —
 * 关怀模式, the resident's own station, the request draft — follow the user, and keeps
 * the answer for the staff pages) and starts the outbox (待同步 records go out). A link to a page that moved to a subpackage (a
 * subscribe message sent before the move) opens the page at its new place.
 */
function App({ children }: PropsWithChildren) {
  useEffect(() => {
    void loadMe();
    // Field records saved on the phone go out as soon as the app runs (issue 10).
    void startAppOutbox();
  }, []);
  usePageNotFound((res) => {
    const url = movedPageUrl(res.path, res.query);
    if (url) void Taro.redirectTo({ url });
  });
  return children;
}

export default App;
