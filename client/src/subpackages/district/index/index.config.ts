export default definePageConfig({
  navigationBarTitleText: '区民政局总览',
});
