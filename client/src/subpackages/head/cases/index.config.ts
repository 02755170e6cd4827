export default definePageConfig({
  navigationBarTitleText: '本站个案',
  enablePullDownRefresh: true,
});
