export default definePageConfig({ navigationBarTitleText: '待确认', enablePullDownRefresh: true });
