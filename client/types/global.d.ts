/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.gif';
declare module '*.jpg';
declare module '*.jpeg';
declare module '*.svg';
declare module '*.css';
declare module '*.scss';

declare namespace NodeJS {
  interface ProcessEnv {
    /** Build mode; affects the output. */
    NODE_ENV: 'development' | 'production' | 'test';
    /** Target platform of this build; compared against literals so the other branch is folded away. */
    TARO_ENV: 'weapp' | 'h5';
    /** Mini-program appid, when set in an .env file (Taro writes it into dist/project.config.json). */
    TARO_APP_ID?: string;
    /** WeChat CloudBase environment id for wx.cloud.init (weapp only); empty = DevTools' selection. */
    TARO_APP_CLOUD_ENV?: string;
    /** Subscribe-message template id for request status updates (weapp); empty = not asked. */
    TARO_APP_TPL_REQUEST_STATUS?: string;
  }
}
