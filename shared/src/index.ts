/** `@sgz/shared`: pure code shared by the client and the cloud functions (no Taro, no wx-server-sdk, no clock). */
export * from './ids';
export * from './errors';
export * from './collections';
export * from './calendar';
export * from './geo';
export * from './domain/station';
export * from './contracts/stations';
export * from './schemas/common';
export * from './schemas/stations';
export * from './seed/districts';
export * from './seed/demo-users';
export * from './auth';
export * from './seed/station-docs';
