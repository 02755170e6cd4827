export default definePageConfig({
  navigationBarTitleText: '走访记录冲突核对',
  enablePullDownRefresh: true,
});
