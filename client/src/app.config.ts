export default defineAppConfig({
  pages: [
    'pages/index/index',
    'pages/station/index',
    'pages/mine/index',
    // Residents' request pages stay in the main package (the form is ≤ 3 taps from home).
    'pages/request/index',
    'pages/my-requests/index',
    'pages/request-detail/index',
  ],
  // Role sections live in subpackages so the main package stays small; each is
  // reachable from 我的 only for its role (the server refuses anyway).
  subPackages: [
    { root: 'subpackages/worker', pages: ['index/index', 'request/index'] },
    { root: 'subpackages/head', pages: ['index/index', 'items/index', 'hours/index'] },
    { root: 'subpackages/supervisor', pages: ['index/index'] },
    { root: 'subpackages/district', pages: ['index/index'] },
  ],
  window: {
    backgroundTextStyle: 'dark',
    navigationBarBackgroundColor: '#0b57a4',
    navigationBarTitleText: '滨海社工站',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f4f5f7',
  },
  // Icons are drawn by scripts/make-tab-icons.mjs (WeChat takes only PNG/JPG here).
  tabBar: {
    color: '#444444',
    selectedColor: '#0b57a4',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      {
        pagePath: 'pages/index/index',
        text: '找社工站',
        iconPath: 'assets/tabbar/find.png',
        selectedIconPath: 'assets/tabbar/find-active.png',
      },
      {
        pagePath: 'pages/mine/index',
        text: '我的',
        iconPath: 'assets/tabbar/mine.png',
        selectedIconPath: 'assets/tabbar/mine-active.png',
      },
    ],
  },
  // "离我最近": WeChat requires the purpose text and the declared private API.
  permission: {
    'scope.userLocation': { desc: '用于查找离您最近的社工站' },
  },
  requiredPrivateInfos: ['getLocation'],
  lazyCodeLoading: 'requiredComponents',
});
