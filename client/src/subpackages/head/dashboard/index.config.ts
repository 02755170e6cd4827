export default definePageConfig({
  navigationBarTitleText: '站点月报',
});
