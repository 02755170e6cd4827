export default definePageConfig({
  navigationBarTitleText: '推荐优秀社工',
});
