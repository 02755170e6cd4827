export default definePageConfig({
  navigationBarTitleText: '开个案',
});
