export default definePageConfig({
  navigationBarTitleText: '个案待审批',
  enablePullDownRefresh: true,
});
