export default definePageConfig({ navigationBarTitleText: '社区/村名单' });
