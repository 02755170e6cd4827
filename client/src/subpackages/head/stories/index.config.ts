export default definePageConfig({
  navigationBarTitleText: '优秀社工与案例故事',
});
