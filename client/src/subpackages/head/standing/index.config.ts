export default definePageConfig({ navigationBarTitleText: '资质与学时' });
