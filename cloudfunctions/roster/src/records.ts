import { HOUSEHOLD_RELATIONSHIPS, type HouseholdRelationship } from '../../../shared/src/domain/household';
import {
  LIVING_SITUATIONS,
  SEXES,
  TARGET_CATEGORIES,
  type LivingSituation,
  type NewPerson,
  type Sex,
  type TargetCategory,
} from '../../../shared/src/domain/person';
import { RISK_TIERS, type RiskTier } from '../../../shared/src/domain/risk';
import type { RosterRecord } from '../../../shared/src/domain/roster';

/**
 * Reading back the rows a preview stored (documents come back as unknown),
 * and turning a row into the files domain's {@link NewPerson} (the files
 * function's buildPersonDoc then makes the very document a form would).
 */

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const oneOf = <T extends string>(list: readonly T[], v: unknown): T | null =>
  typeof v === 'string' && (list as readonly string[]).includes(v) ? (v as T) : null;
const many = <T extends string>(list: readonly T[], v: unknown): T[] =>
  Array.isArray(v) ? v.map((x) => oneOf(list, x)).filter((x): x is T => x !== null) : [];

/** A stored row, or null when the document does not hold one. */
export function readRecord(v: unknown): RosterRecord | null {
  if (!isRecord(v)) return null;
  const name = str(v.name);
  const row = typeof v.row === 'number' ? v.row : null;
  const living = oneOf<LivingSituation>(LIVING_SITUATIONS, v.livingSituation);
  const risk = oneOf<RiskTier>(RISK_TIERS, v.risk);
  if (!name || row === null || !living || !risk) return null;
  return {
    row,
    name,
    sex: oneOf<Sex>(SEXES, v.sex),
    birthDate: str(v.birthDate),
    birthYear: typeof v.birthYear === 'number' ? v.birthYear : null,
    idNumber: str(v.idNumber),
    phone: str(v.phone),
    community: str(v.community),
    address: str(v.address),
    householdHead: str(v.householdHead),
    relationship: oneOf<HouseholdRelationship>(HOUSEHOLD_RELATIONSHIPS, v.relationship),
    categories: many<TargetCategory>(TARGET_CATEGORIES, v.categories),
    withheld: many<TargetCategory>(TARGET_CATEGORIES, v.withheld),
    livingSituation: living,
    risk,
    notes: str(v.notes),
  };
}

/** The files domain's input for a row (status 在册, no worker yet, source `roster`). */
export function newPersonOf(r: RosterRecord, stationId: string, householdId: string | null): NewPerson {
  return {
    stationId,
    householdId,
    relationship: householdId ? r.relationship : null,
    community: r.community,
    name: r.name,
    sex: r.sex,
    birthDate: r.birthDate,
    birthYear: r.birthYear,
    phone: r.phone,
    idNumber: r.idNumber,
    // Never a category that needs a consent (checkRow withheld them).
    categories: r.categories,
    livingSituation: r.livingSituation,
    status: '在册',
    risk: r.risk,
    assignedWorkerId: null,
    notes: r.notes,
    healthNotes: null,
    linkedUserId: null,
    lastVisitDay: null,
    source: 'roster',
  };
}
