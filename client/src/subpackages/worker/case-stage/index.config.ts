export default definePageConfig({
  navigationBarTitleText: '个案记录',
});
