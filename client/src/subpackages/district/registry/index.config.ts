export default definePageConfig({
  navigationBarTitleText: '资质登记',
});
