export default definePageConfig({
  navigationBarTitleText: '本站档案',
  enablePullDownRefresh: true,
});
