/** Roles, the permission table and scope logic (pure). */
export * from './roles';
export * from './permissions';
export * from './scope';
export * from './flip';
