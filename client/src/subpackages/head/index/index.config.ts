export default definePageConfig({
  navigationBarTitleText: '站长工作台',
});
