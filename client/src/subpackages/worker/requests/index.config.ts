export default definePageConfig({
  navigationBarTitleText: '本站居民求助',
  enablePullDownRefresh: true,
});
