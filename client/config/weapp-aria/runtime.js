/* Runtime half of weapp-aria (see index.js): runs in the mini-program before the first render. */
import { hooks, mergeInternalComponents } from '@tarojs/shared';
import { ARIA_COMPONENTS } from './components';

mergeInternalComponents(ARIA_COMPONENTS);

// React pages say `role`; WeChat reads `aria-role`.
hooks.tap('modifyHydrateData', (data) => {
  if (data.role !== undefined) {
    if (data.ariaRole === undefined) data.ariaRole = data.role;
    delete data.role;
  }
});
