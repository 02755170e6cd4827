import { useEffect, type PropsWithChildren } from 'react';
import { whoAmI } from './services/accounts';
import { setCurrentUser } from './utils/user-scope';
import './app.scss';

/**
 * App shell: pages render as children; global styles and theme come from app.scss.
 * On launch it learns who is signed in, so per-user settings (关怀模式, the
 * resident's own station, the request draft) follow the user.
 */
function App({ children }: PropsWithChildren) {
  useEffect(() => {
    void whoAmI().then((res) => {
      if (res.ok) setCurrentUser(res.data.userId);
    });
  }, []);
  return children;
}

export default App;
