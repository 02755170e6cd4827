export default definePageConfig({
  navigationBarTitleText: '我的个案',
  enablePullDownRefresh: true,
});
