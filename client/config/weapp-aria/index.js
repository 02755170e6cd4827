/**
 * Taro build plugin: WeChat's accessibility attributes on the mini-program.
 *
 * Taro 4.2's weapp templates carry no aria attribute, so every `role` and
 * `aria-label` the pages set was dropped on the phone (found by the e2e
 * accessibility sweep, issue 15). WeChat reads `aria-role`, `aria-label` and a
 * few states on its components; this plugin adds them to the templates of the
 * components we label (the same mechanism as @tarojs/plugin-inject, which has no
 * 4.2 release) and adds a runtime module that keeps Taro's attribute aliases in
 * step and turns React's `role` into WeChat's `aria-role`.
 */
const path = require('node:path');
const { ARIA_COMPONENTS } = require('./components');

module.exports = (ctx) => {
  ctx.registerMethod({
    name: 'onSetupClose',
    fn(platform) {
      if (process.env.TARO_ENV !== 'weapp') return;
      platform.template.mergeComponents(ctx, ARIA_COMPONENTS);
      const runtime = path.resolve(__dirname, 'runtime.js');
      if (Array.isArray(platform.runtimePath)) platform.runtimePath.push(runtime);
      else platform.runtimePath = [platform.runtimePath, runtime];
    },
  });
};
