export default definePageConfig({
  navigationBarTitleText: '记录同意',
});
