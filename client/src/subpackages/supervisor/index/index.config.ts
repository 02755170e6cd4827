export default definePageConfig({
  navigationBarTitleText: '督导工作台',
  enablePullDownRefresh: true,
});
