import type {
  FollowUpDto,
  VisitConflictDto,
  VisitDetail,
  VisitListItem,
  VisitPersonDto,
  VisitView,
} from '../../../shared/src/contracts/visits';
import { SENSITIVE_CATEGORIES } from '../../../shared/src/domain/account';
import { TARGET_CATEGORIES, type TargetCategory } from '../../../shared/src/domain/person';
import { RISK_TIERS } from '../../../shared/src/domain/risk';
import { SERVICE_AREAS } from '../../../shared/src/domain/station';
import {
  FINDING_AREAS,
  OTHER_PRESENT_ROLES,
  VISIT_MODES,
  VISIT_TYPES,
  type FindingArea,
  type WithheldField,
} from '../../../shared/src/domain/visit';
import { maskName } from '../../../shared/src/masking';
import type { RawDoc } from './repo';

/** Readers of stored visits (tolerating a missing field) and the answers' shapes. */

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown, d = 0): number => (typeof v === 'number' ? v : d);
const oneOf = <T extends string>(values: readonly T[], v: unknown, d: T): T =>
  (values as readonly unknown[]).includes(v) ? (v as T) : d;
const iso = (v: unknown): string =>
  v instanceof Date ? v.toISOString() : typeof v === 'string' ? new Date(v).toISOString() : '';
const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
const objects = (v: unknown): Record<string, unknown>[] => (Array.isArray(v) ? v.filter(isObj) : []);

/** The fields a stored visit left out for want of consent. */
export const withheldOf = (d: RawDoc): WithheldField[] =>
  objects(d.withheld).map((w) => ({
    field: String(w.field ?? ''),
    consent: oneOf(SENSITIVE_CATEGORIES, w.consent, 'health'),
    personIds: strings(w.personIds),
    reason: String(w.reason ?? ''),
  }));

/** Names of the persons seen: `张*` unless `full`. */
export const personsOf = (d: RawDoc, names: ReadonlyMap<string, RawDoc>, full: boolean): VisitPersonDto[] =>
  strings(d.personIds).map((id) => {
    const name = str(names.get(id)?.name) ?? '';
    return { id, name: full ? name : (maskName(name) ?? '') };
  });

/** One visit in a list. */
export function toVisitListItem(
  d: RawDoc,
  names: ReadonlyMap<string, RawDoc>,
  conflicted: ReadonlySet<string>,
  full = false,
): VisitListItem {
  return {
    id: d._id,
    stationId: String(d.stationId ?? ''),
    version: num(d.version),
    type: oneOf(VISIT_TYPES, d.type, '常规探访'),
    mode: oneOf(VISIT_MODES, d.mode, '上门'),
    day: String(d.day ?? ''),
    startAt: iso(d.startAt),
    endAt: iso(d.endAt),
    persons: personsOf(d, names, full),
    workerIds: strings(d.workerIds),
    risk: d.risk == null ? null : oneOf(RISK_TIERS, d.risk, '一般'),
    photoCount: strings(d.photoFileIds).length,
    followUpCount: objects(d.followUps).length,
    hasConflict: conflicted.has(d._id),
    receivedAt: iso(d.receivedAt),
  };
}

/** A follow-up. */
export const toFollowUpDto = (f: RawDoc): FollowUpDto => ({
  id: f._id,
  visitId: String(f.visitId ?? ''),
  stationId: String(f.stationId ?? ''),
  action: String(f.action ?? ''),
  ownerId: String(f.ownerId ?? ''),
  dueDay: String(f.dueDay ?? ''),
  referral: str(f.referral),
  openCase: f.openCase === true,
  status: f.status === 'done' ? 'done' : 'open',
});

const point = (v: unknown) =>
  isObj(v) ? { lat: num(v.lat), lng: num(v.lng), accuracy: num(v.accuracy) } : null;

/** One visit whole, as `view` shows it (`urls`: temp links of the files, station view only). */
export function toVisitDetail(
  d: RawDoc,
  view: VisitView,
  p: {
    names: ReadonlyMap<string, RawDoc>;
    conflicted: ReadonlySet<string>;
    followUps: RawDoc[];
    urls: ReadonlyMap<string, string | null>;
  },
): VisitDetail {
  const station = view === 'station';
  const f = isObj(d.findings) ? d.findings : {};
  const c = isObj(d.confirmation) ? d.confirmation : {};
  const loc = isObj(d.location) ? d.location : null;
  const signatureId = str(c.signatureFileId);
  return {
    ...toVisitListItem(d, p.names, p.conflicted, station),
    view,
    householdId: str(d.householdId),
    othersPresent: objects(d.othersPresent).map((o) => ({
      role: oneOf(OTHER_PRESENT_ROLES, o.role, '其他'),
      name: station ? str(o.name) : null,
    })),
    categories: strings(d.categories).filter((x): x is TargetCategory =>
      (TARGET_CATEGORIES as readonly string[]).includes(x),
    ),
    address: station ? str(d.address) : null,
    findings: station
      ? (Object.fromEntries(FINDING_AREAS.map((a) => [a, str(f[a])])) as Record<FindingArea, string | null>)
      : null,
    needs: objects(d.needs).map((n) => ({
      area: oneOf(SERVICE_AREAS, n.area, '社会事务'),
      note: station ? str(n.note) : null,
    })),
    services: strings(d.services),
    followUps: p.followUps.map(toFollowUpDto),
    location:
      station && loc ? { start: point(loc.start), end: point(loc.end), refused: str(loc.refused) } : null,
    photos: station
      ? strings(d.photoFileIds).map((fileId) => ({ fileId, url: p.urls.get(fileId) ?? null }))
      : [],
    confirmation: {
      signed: signatureId !== null,
      signatureUrl: station && signatureId ? (p.urls.get(signatureId) ?? null) : null,
      noSignatureReason: station ? str(c.noSignatureReason) : null,
    },
    withheld: withheldOf(d),
    submittedBy: String(d.submittedBy ?? ''),
  };
}

/** A conflict with both sides in list form (masked). */
export function toConflictDto(
  c: RawDoc,
  server: RawDoc | null,
  names: ReadonlyMap<string, RawDoc>,
): VisitConflictDto {
  const phoneDoc: RawDoc = { ...(isObj(c.doc) ? c.doc : {}), _id: String(c.visitId ?? '') };
  const none = new Set<string>();
  return {
    id: c._id,
    visitId: String(c.visitId ?? ''),
    stationId: String(c.stationId ?? ''),
    phoneVersion: num(c.phoneVersion),
    baseVersion: typeof c.baseVersion === 'number' ? c.baseVersion : null,
    serverVersion: num(c.serverVersion),
    submittedBy: String(c.submittedBy ?? ''),
    at: iso(c.at),
    phone: toVisitListItem(phoneDoc, names, none),
    server: server ? toVisitListItem(server, names, none) : null,
    status: c.status === 'resolved' ? 'resolved' : 'open',
  };
}
