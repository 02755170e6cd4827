import type { PropsWithChildren } from 'react';
import './app.scss';

/** App shell: pages render as children; global styles and theme come from app.scss. */
function App({ children }: PropsWithChildren) {
  return children;
}

export default App;
