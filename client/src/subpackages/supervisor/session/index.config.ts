export default definePageConfig({ navigationBarTitleText: '记录督导' });
