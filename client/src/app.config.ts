export default defineAppConfig({
  pages: ['pages/index/index', 'pages/station/index', 'pages/mine/index'],
  // Everything but the three tab-reachable pages lives in subpackages so the main package
  // stays small (scripts/check-weapp-size.ts: ≤ 455,000 bytes). The resident's request pages
  // need the request schemas (zod); the role sections are reachable from 我的 only for their
  // role (the server refuses anyway).
  subPackages: [
    { root: 'subpackages/resident', pages: ['request/index', 'my-requests/index', 'request-detail/index'] },
    {
      root: 'subpackages/worker',
      pages: [
        'index/index',
        'request/index',
        'requests/index',
        'files/index',
        'person/index',
        'person-form/index',
        'consent/index',
        'outbox/index',
        'visits/index',
        'visit-detail/index',
        'visit/index',
        'hours/index',
        'training/index',
        // Casework (个案, issue 11).
        'cases/index',
        'case/index',
        'case-open/index',
        'case-stage/index',
        'case-note/index',
      ],
    },
    {
      root: 'subpackages/head',
      pages: [
        'index/index',
        'items/index',
        'hours/index',
        'roster/index',
        'communities/index',
        'conflicts/index',
        'station-profile/index',
        'confirmations/index',
        'standing/index',
        'approvals/index',
        'cases/index',
        'dashboard/index',
        'records/index',
        'stories/index',
      ],
    },
    { root: 'subpackages/supervisor', pages: ['index/index', 'session/index', 'session-detail/index'] },
    {
      root: 'subpackages/district',
      pages: [
        'index/index',
        'assignments/index',
        'overview/index',
        'records/index',
        'policies/index',
        'registry/index',
        'stories/index',
      ],
    },
  ],
  // The form stays ≤ 3 taps from home: WeChat fetches the resident pages while home,
  // a station or 我的 is open, so 我要求助 / 我的求助 open without a download.
  preloadRule: {
    'pages/index/index': { network: 'all', packages: ['subpackages/resident'] },
    'pages/station/index': { network: 'all', packages: ['subpackages/resident'] },
    'pages/mine/index': { network: 'all', packages: ['subpackages/resident'] },
  },
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
