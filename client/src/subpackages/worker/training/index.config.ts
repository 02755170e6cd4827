export default definePageConfig({ navigationBarTitleText: '记录培训' });
