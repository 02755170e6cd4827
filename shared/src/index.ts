/** `@sgz/shared`: pure code shared by the client and the cloud functions (no Taro, no wx-server-sdk, no clock). */
export * from './ids';
export * from './errors';
export * from './collections';
export * from './calendar';
export * from './geo';
export * from './domain/station';
export * from './contracts/define';
export * from './contracts/stations';
export * from './schemas/common';
export * from './schemas/stations';
export * from './seed/districts';
export * from './seed/demo-users';
export * from './auth';
export * from './seed/station-docs';
// Modules of the accounts and requests work (owned by those engineers), re-exported so that
// callers need one import path.
export * from './masking';
export * from './domain/account';
export * from './contracts/accounts';
export * from './schemas/accounts';
export * from './domain/request';
export * from './domain/service-item';
export * from './domain/slot';
export * from './contracts/requests';
export * from './schemas/requests';
export * from './seed/service-items';
// Service-user files (issue 9).
export * from './domain/id-number';
export * from './domain/risk';
export * from './domain/person';
export * from './domain/household';
export * from './contracts/files';
export * from './schemas/files';
// Roster import (issue 9 part 5).
export * from './domain/roster';
export * from './contracts/roster';
export * from './schemas/roster';
// Home visits (issue 10).
export * from './domain/visit';
export * from './contracts/visits';
export * from './schemas/visits';
// Quota policy and engine (issue 13).
export * from './domain/quota-policy';
export * from './domain/quota';
export * from './schemas/quota-policy';
// Supervision hours and 学时 (issue 12).
export * from './domain/supervision';
export * from './domain/training';
export * from './domain/qualified';
export * from './contracts/supervision';
export * from './schemas/supervision';
// Casework (issue 11).
export * from './domain/lifecycle';
export * from './domain/case';
export * from './domain/case-quota';
export * from './contracts/cases';
export * from './schemas/cases';
// The station head's dashboard (issue 13).
export * from './contracts/dashboard';
export * from './schemas/dashboard';
// The 台账 export (issue 13 part 5).
export * from './domain/ledger';
export * from './contracts/ledger';
export * from './schemas/ledger';
