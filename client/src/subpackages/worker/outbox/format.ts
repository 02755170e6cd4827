import type { OutboxItem, OutboxStatus } from '../../../services/outbox';
import {
  SESSION_KIND,
  TRAINING_KIND,
  type SessionRecord,
  type TrainingRecord,
} from '../../../services/supervision-record';
import { CASE_NOTE_KIND } from '../../../services/case-note-record';
import { VISIT_KIND, type VisitRecord } from '../../../services/visits';
import { formatWhen } from '../../../utils/request-format';
import { caseNoteUrl, trainingFormUrl, visitFormUrl } from '../../../utils/routes';

/**
 * A symbol per outbox status, shown before its label (STATUS_LABELS) so a status is
 * never told by colour alone (plain characters: the same on weapp and H5).
 */
export const STATUS_SYMBOLS: Record<OutboxStatus, string> = {
  draft: '✎',
  queued: '○',
  sending: '↻',
  synced: '✓',
  failed: '✕',
  conflict: '⚠',
};

/** What each kind of record is called on the phone (case notes: issue 11). */
export const KIND_LABELS: Readonly<Record<string, string>> = {
  [VISIT_KIND]: '走访记录',
  [SESSION_KIND]: '督导记录',
  [TRAINING_KIND]: '学时记录',
  [CASE_NOTE_KIND]: '个案介入记录',
};

/** The kind's name, or 记录 for a kind this build does not know. */
export const kindLabel = (kind: string): string => KIND_LABELS[kind] ?? '记录';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/**
 * One line about a visit kept on the phone: type, persons seen (or the address), start time
 * in Beijing time, e.g. `常规探访 · 走访对象 2 人 · 2025-03-03 09:30`. A draft may lack any
 * of them: what is missing is left out (未填写 when nothing is there yet).
 */
export function visitSummary(payload: unknown): string {
  if (!isRecord(payload)) return '未填写';
  const p = payload as Partial<Record<keyof VisitRecord, unknown>>;
  const parts: string[] = [];
  if (typeof p.type === 'string' && p.type) parts.push(p.type);
  const persons = Array.isArray(p.personIds) ? p.personIds.length : 0;
  if (persons > 0) parts.push(`走访对象 ${persons} 人`);
  if (typeof p.address === 'string' && p.address.trim()) parts.push(p.address.trim());
  if (typeof p.startAt === 'string' && p.startAt) parts.push(formatWhen(p.startAt));
  return parts.length > 0 ? parts.join(' · ') : '未填写';
}

/** One line about a training record: course, hours, end day (what is missing left out). */
export function trainingSummary(payload: unknown): string {
  if (!isRecord(payload)) return '未填写';
  const p = payload as Partial<Record<keyof TrainingRecord, unknown>>;
  const parts: string[] = [];
  if (typeof p.course === 'string' && p.course) parts.push(p.course);
  if (typeof p.hours === 'number' && p.hours > 0) parts.push(`${p.hours} 学时`);
  if (typeof p.endDay === 'string' && p.endDay) parts.push(p.endDay);
  return parts.length > 0 ? parts.join(' · ') : '未填写';
}

/** One line about a supervision session: project, hours, start time. */
export function sessionSummary(payload: unknown): string {
  if (!isRecord(payload)) return '未填写';
  const p = payload as Partial<Record<keyof SessionRecord, unknown>>;
  const parts: string[] = [];
  if (typeof p.project === 'string' && p.project) parts.push(p.project);
  if (typeof p.hours === 'number' && p.hours > 0) parts.push(`${p.hours} 小时`);
  if (typeof p.startAt === 'string' && p.startAt) parts.push(formatWhen(p.startAt));
  return parts.length > 0 ? parts.join(' · ') : '未填写';
}

/** One line about a case note kept on the phone: day, mode, minutes, e.g. `2026-12-01 · 面谈 · 45 分钟`. */
export function caseNoteSummary(payload: unknown): string {
  if (!isRecord(payload)) return '未填写';
  const parts: string[] = [];
  if (typeof payload.day === 'string' && payload.day) parts.push(payload.day);
  if (typeof payload.mode === 'string' && payload.mode) parts.push(payload.mode);
  if (typeof payload.minutes === 'number' && payload.minutes > 0) parts.push(`${payload.minutes} 分钟`);
  return parts.length > 0 ? parts.join(' · ') : '未填写';
}

/** The summary line of an item of any kind. */
export const itemSummary = (item: OutboxItem): string =>
  item.kind === VISIT_KIND
    ? visitSummary(item.payload)
    : item.kind === CASE_NOTE_KIND
      ? caseNoteSummary(item.payload)
      : item.kind === TRAINING_KIND
        ? trainingSummary(item.payload)
        : item.kind === SESSION_KIND
          ? sessionSummary(item.payload)
          : `编号 ${item.id}`;

/**
 * Where an item is opened again to go on or change it (null: a kind this build cannot edit).
 * A training record continues on its form only while a draft (a sent one is recorded anew).
 */
export const editUrl = (item: OutboxItem): string | null =>
  item.kind === VISIT_KIND
    ? visitFormUrl({ id: item.id })
    : item.kind === CASE_NOTE_KIND
      ? caseNoteUrl({ id: item.id })
      : item.kind === TRAINING_KIND && item.status === 'draft' && item.firstSubmittedAt === null
        ? trainingFormUrl({ id: item.id })
        : null;

/** A draft the worker never submitted (nor is being sent): it may be thrown away (放弃草稿), as core.ts allows. */
export const isDiscardable = (item: OutboxItem): boolean =>
  item.status === 'draft' && item.firstSubmittedAt === null && item.sentVersion === null;
