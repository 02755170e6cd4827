import { beijingDay } from '../../../shared/src/calendar';
import type {
  MilestoneDto,
  PublicStoryDto,
  QuotaPolicyDto,
  RecordHistoryEntryDto,
  StationRecordDto,
  StoryDto,
} from '../../../shared/src/contracts/district';
import {
  FUNDING_SOURCES,
  MILESTONE_DUE,
  MILESTONE_LABELS,
  MILESTONE_STANDING_LABELS,
  MILESTONES,
  OPERATING_MODEL_LABELS,
  OPERATING_MODELS,
  RECORD_FIELD_LABELS,
  STATION_STATUS_LABELS,
  STATION_STATUSES,
  STORY_KIND_LABELS,
  STORY_KINDS,
  STORY_STATUS_LABELS,
  STORY_STATUSES,
  emptyStationRecord,
  milestoneStanding,
  type FieldChange,
  type FundingLine,
  type FundingSource,
  type Milestone,
  type MilestoneRecord,
  type StationRecordFields,
} from '../../../shared/src/domain/district';
import { CONSENT_GIVERS, CONSENT_METHODS } from '../../../shared/src/domain/person';
import { ROOM_KINDS, SPECIALTIES, type RoomKind, type Specialty } from '../../../shared/src/domain/station';
import { parseStoredQuotaPolicy } from '../../../shared/src/schemas/quota-policy';
import type { RawDoc } from './repo';

/**
 * Stored documents → the DTOs of the contract. Every field is checked: a
 * missing or odd value becomes null/empty instead of leaking or crashing.
 * No DTO here carries a person's id, name or anything of their file.
 */

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);
const oneOf = <T extends string>(list: readonly T[], v: unknown): T | null =>
  typeof v === 'string' && (list as readonly string[]).includes(v) ? (v as T) : null;
const listOf = <T extends string>(list: readonly T[], v: unknown): T[] =>
  Array.isArray(v) ? v.filter((x): x is T => oneOf(list, x) !== null) : [];
const obj = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
/** A stored date (Date, or a string/number as some paths return it) as ISO text, or null. */
export const iso = (v: unknown): string | null => {
  const d = v instanceof Date ? v : typeof v === 'string' || typeof v === 'number' ? new Date(v) : null;
  return d && !Number.isNaN(d.getTime()) ? d.toISOString() : null;
};
const asDate = (v: unknown): Date | null => {
  const s = iso(v);
  return s ? new Date(s) : null;
};

const milestoneOf = (v: unknown): MilestoneRecord => {
  const m = obj(v);
  return {
    doneOn: str(m.doneOn),
    documents: Array.isArray(m.documents)
      ? m.documents.filter((d): d is string => typeof d === 'string')
      : [],
  };
};

const fundingOf = (v: unknown): FundingLine[] =>
  Array.isArray(v)
    ? v.flatMap((x) => {
        const f = obj(x);
        const source = oneOf<FundingSource>(FUNDING_SOURCES, f.source);
        return source ? [{ source, amountYuan: num(f.amountYuan), note: str(f.note) }] : [];
      })
    : [];

/** The record fields of a station document (its `record` block plus its own specialty and rooms). */
export function recordFieldsOf(doc: RawDoc): StationRecordFields {
  const r = obj(doc.record);
  const empty = emptyStationRecord();
  const ms = obj(r.milestones);
  return {
    status: oneOf(STATION_STATUSES, r.status) ?? empty.status,
    specialty: oneOf<Specialty>(SPECIALTIES, doc.specialty),
    rooms: listOf<RoomKind>(ROOM_KINDS, doc.rooms),
    operatingModel: oneOf(OPERATING_MODELS, r.operatingModel),
    operatorName: str(r.operatorName),
    operatorPhone: str(r.operatorPhone),
    agreementFrom: str(r.agreementFrom),
    agreementTo: str(r.agreementTo),
    funding: fundingOf(r.funding),
    milestones: Object.fromEntries(MILESTONES.map((m) => [m, milestoneOf(ms[m])])) as Record<
      Milestone,
      MilestoneRecord
    >,
  };
}

/** The version of a station's record (0: never edited). */
export const recordVersionOf = (doc: RawDoc): number => num(doc.recordVersion) ?? 0;

/** A station's record as the bureau sees it; `urls` maps fileIDs to short-lived links. */
export function toRecordDto(
  doc: RawDoc,
  opts: {
    zoneName: string | null;
    updatedByName: string | null;
    urls: Map<string, string | null>;
    today: string;
  },
): StationRecordDto {
  const f = recordFieldsOf(doc);
  const milestones: MilestoneDto[] = MILESTONES.map((m) => {
    const standing = milestoneStanding(m, f.milestones[m].doneOn, opts.today);
    return {
      milestone: m,
      label: MILESTONE_LABELS[m],
      due: MILESTONE_DUE[m],
      doneOn: f.milestones[m].doneOn,
      standing,
      standingLabel: MILESTONE_STANDING_LABELS[standing],
      documents: f.milestones[m].documents.map((fileId) => ({ fileId, url: opts.urls.get(fileId) ?? null })),
    };
  });
  return {
    stationId: doc._id,
    officialName: str(doc.officialName) ?? '',
    unitName: str(doc.unitName) ?? '',
    zoneName: opts.zoneName,
    version: recordVersionOf(doc),
    status: f.status,
    statusLabel: STATION_STATUS_LABELS[f.status],
    specialty: f.specialty,
    rooms: f.rooms,
    operatingModel: f.operatingModel,
    operatingModelLabel: f.operatingModel ? OPERATING_MODEL_LABELS[f.operatingModel] : null,
    operatorName: f.operatorName,
    operatorPhone: f.operatorPhone,
    agreementFrom: f.agreementFrom,
    agreementTo: f.agreementTo,
    funding: f.funding,
    milestones,
    updatedAt: iso(doc.recordUpdatedAt),
    updatedByName: opts.updatedByName,
  };
}

/** A history entry; `names` maps user ids to names. */
export function toHistoryDto(doc: RawDoc, names: Map<string, string | null>): RecordHistoryEntryDto {
  const changes = Array.isArray(doc.changes)
    ? doc.changes.flatMap((c) => {
        const ch = obj(c);
        const field = str(ch.field);
        return field
          ? [
              {
                field,
                label: RECORD_FIELD_LABELS[field] ?? field,
                before: ch.before ?? null,
                after: ch.after ?? null,
              },
            ]
          : [];
      })
    : [];
  const by = str(doc.byUserId);
  return {
    id: doc._id,
    version: num(doc.version) ?? 0,
    at: iso(doc.at) ?? '',
    byName: by ? (names.get(by) ?? null) : null,
    byRole: str(doc.byRole),
    changes,
  };
}

/** The changes of a history entry as stored. */
export const storedChanges = (changes: FieldChange[]): Record<string, unknown>[] =>
  changes.map((c) => ({ field: c.field, before: c.before ?? null, after: c.after ?? null }));

/** A stored policy as the editor lists it (null when malformed: not listed as a policy). */
export function toPolicyDto(
  doc: RawDoc,
  today: string,
  names: Map<string, string | null>,
): QuotaPolicyDto | null {
  const policy = parseStoredQuotaPolicy(doc);
  if (!policy) return null;
  const by = str(doc.updatedBy);
  return {
    id: doc._id,
    policy,
    inForce: policy.effectiveFrom <= today,
    updatedAt: iso(doc.updatedAt),
    updatedByName: by ? (names.get(by) ?? null) : null,
  };
}

/** A story as the head and the district manage it; `consents` by id, station names by id. */
export function toStoryDto(
  doc: RawDoc,
  consents: Map<string, RawDoc>,
  stationNames: Map<string, string | null>,
): StoryDto {
  const kind = oneOf(STORY_KINDS, doc.kind) ?? 'case_story';
  const status = oneOf(STORY_STATUSES, doc.status) ?? 'pending';
  const c = str(doc.consentId) ? consents.get(String(doc.consentId)) : undefined;
  const givenBy = c ? oneOf(CONSENT_GIVERS, c.givenBy) : null;
  const method = c ? oneOf(CONSENT_METHODS, c.method) : null;
  const stationId = str(doc.stationId) ?? '';
  return {
    storyId: doc._id,
    stationId,
    stationName: stationNames.get(stationId) ?? null,
    kind,
    kindLabel: STORY_KIND_LABELS[kind],
    title: str(doc.title) ?? '',
    text: str(doc.text) ?? '',
    status,
    statusLabel: STORY_STATUS_LABELS[status],
    consent: c && givenBy && method ? { givenBy, method, day: str(c.day) ?? '' } : null,
    workerName: kind === 'outstanding_worker' ? str(doc.workerName) : null,
    submittedAt: iso(doc.submittedAt) ?? '',
    approvedAt: iso(doc.approvedAt),
    withdrawnAt: iso(doc.withdrawnAt),
    withdrawReason: str(doc.withdrawReason),
  };
}

/** A published story as residents see it. */
export function toPublicStory(doc: RawDoc): PublicStoryDto {
  const kind = oneOf(STORY_KINDS, doc.kind) ?? 'case_story';
  const approvedAt = asDate(doc.approvedAt);
  return {
    storyId: doc._id,
    kind,
    kindLabel: STORY_KIND_LABELS[kind],
    title: str(doc.title) ?? '',
    text: str(doc.text) ?? '',
    workerName: kind === 'outstanding_worker' ? str(doc.workerName) : null,
    publishedOn: approvedAt ? beijingDay(approvedAt) : '',
  };
}
