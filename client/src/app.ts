import Taro, { usePageNotFound } from '@tarojs/taro';
import { useEffect, type PropsWithChildren } from 'react';
import { loadMe } from './hooks/use-staff-station';
import { movedPageUrl } from './utils/routes';
import './app.scss';

/**
 * App shell: pages render as children; global styles and theme come from app.scss.
 * On launch it learns who is signed in (`loadMe` records the user, so per-user settings —
 * 关怀模式, the resident's own station, the request draft — follow the user, and keeps
 * the answer for the staff pages). A link to a page that moved to a subpackage (a
 * subscribe message sent before the move) opens the page at its new place.
 */
function App({ children }: PropsWithChildren) {
  useEffect(() => {
    void loadMe();
  }, []);
  usePageNotFound((res) => {
    const url = movedPageUrl(res.path, res.query);
    if (url) void Taro.redirectTo({ url });
  });
  return children;
}

export default App;
