export default definePageConfig({ navigationBarTitleText: '全区社工站总览' });
