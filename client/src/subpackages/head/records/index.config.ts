export default definePageConfig({
  navigationBarTitleText: '记录明细',
});
