/** Branded id types: a StationId cannot be passed where a UserId is expected. */
declare const brand: unique symbol;
/** A string tagged with the name of what it identifies. */
export type Brand<T, B extends string> = T & { readonly [brand]: B };

/** Id of a station (社工站), e.g. `st-tanggu`. Stable across environments (seed data). */
export type StationId = Brand<string, 'StationId'>;
/** Id of an administrative unit: street 街道, township 镇 or development zone 开发区. */
export type AdminUnitId = Brand<string, 'AdminUnitId'>;
/** Id of an account record in `users`. */
export type UserId = Brand<string, 'UserId'>;
/** Id of a resident's service request (client generated, for idempotency). */
export type RequestId = Brand<string, 'RequestId'>;
/** Id of a service item a station offers. */
export type ServiceItemId = Brand<string, 'ServiceItemId'>;

/** Tags a plain string as an id once it has been validated. */
export const asId = <T extends Brand<string, string>>(s: string): T => s as T;

/**
 * The one pattern of ids made on the phone (requests now; visits, case notes
 * and supervision records next): 8–64 letters, digits and `-`, starting with
 * a letter or digit. No `_`, no `.`, no `$`: such an id is safe as a document
 * `_id` and as a key inside a document (never `__proto__`).
 */
export const CLIENT_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9-]{7,63}$/;

/** True when `id` is a well-formed client-made id. */
export const isClientId = (id: string): boolean => CLIENT_ID_PATTERN.test(id);
