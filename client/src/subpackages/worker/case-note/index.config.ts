export default definePageConfig({
  navigationBarTitleText: '介入记录',
});
