export default definePageConfig({
  navigationBarTitleText: '站点档案',
});
