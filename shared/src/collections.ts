/**
 * Names of the cloud database collections. Every function's repo uses these
 * constants; the security rules file (database/security-rules.json) and the
 * emulator's indexes (emulator/indexes.json) list the same names.
 */
export const COLLECTIONS = {
  /** Streets, townships and development zones (seed, admin-editable). */
  adminUnits: 'admin_units',
  /** The 21 stations (seed, admin-editable). */
  stations: 'stations',
  /** One account per WeChat user (resident profile; staff role, station, qualifications). */
  users: 'users',
  /** One-time staff invite codes. */
  invites: 'invites',
  /** Consent records (PIPL): privacy notice, sensitive categories, guardian. */
  consents: 'consents',
  /** Append-only audit log. */
  auditLog: 'audit_log',
  /** Service items a station offers (issue: resident requests). */
  serviceItems: 'service_items',
  /** Bookable time slots with capacity. */
  slots: 'slots',
  /** Residents' service requests. */
  requests: 'requests',
  /** Failed/sent notification records. */
  notifications: 'notifications',
  /** Service-user files (一人一档), one per person a station looks after (issue 9). */
  persons: 'persons',
  /** Households (户) of those persons. */
  households: 'households',
  /** Consent given or withdrawn at the door about a person (append-only events). */
  personConsents: 'person_consents',
  /** Each station's list of 社区 / 村 (`_id` = station id). */
  communities: 'station_communities',
  /** Roster imports checked and waiting to be imported (issue 9 part 5; rows kept 24 h at most). */
  rosterPreviews: 'roster_previews',
  /** Home visits (走访, issue 10): `_id` = the phone's id; the latest received version. */
  visits: 'visits',
  /** Versions of a visit that conflicted with the stored one, kept for the head. */
  visitConflicts: 'visit_conflicts',
  /** Follow-ups (后续跟进) a visit created, on their owner's list. */
  followUps: 'follow_ups',
  /** Quota policies (issue 13): annual targets, referral closures, visit intervals, from `effectiveFrom`. */
  quotaPolicies: 'quota_policies',
  /** Supervisor ↔ station assignments with a period of Beijing days (issue 12). */
  supervisorAssignments: 'supervisor_assignments',
  /** Supervision sessions (督导): `_id` = the phone's id. */
  supervisionSessions: 'supervision_sessions',
  /** One row per (session, station): the session's hours, year and that station's answer (summed per station). */
  supervisionConfirmations: 'supervision_confirmations',
  /** Training records (学时): `_id` = the phone's id. */
  trainingRecords: 'training_records',
  /** Cases (个案, issue 11): stage records, team, history; `_id` = the phone's id. */
  cases: 'cases',
  /** Intervention notes of cases (`_id` = the phone's id; conflicting versions kept on the note). */
  caseNotes: 'case_notes',
  /** 台账 exports in cloud storage (issue 13): removed by the ledger's cleanup timer after 7 days. */
  exports: 'exports',
  /** One per Beijing month the reminders ran (`_id` = `YYYY-MM`): a re-fired trigger sends nothing again. */
  reminderRuns: 'reminder_runs',
  /** Seed/migration bookkeeping. */
  meta: 'meta',
} as const;
/** A collection name. */
export type CollectionName = (typeof COLLECTIONS)[keyof typeof COLLECTIONS];
