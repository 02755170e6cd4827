export default definePageConfig({
  navigationBarTitleText: '优秀案例与社工',
});
