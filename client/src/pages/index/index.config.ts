export default definePageConfig({
  navigationBarTitleText: '找社工站',
});
