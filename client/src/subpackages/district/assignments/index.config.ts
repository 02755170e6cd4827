export default definePageConfig({ navigationBarTitleText: '督导分配' });
