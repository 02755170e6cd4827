export default definePageConfig({ navigationBarTitleText: '社工站公开信息' });
