import type { ConsentGiver, ConsentMethod, SensitiveCategory } from '@sgz/shared';
import { clearFormDraft, loadFormDraft, newId, saveFormDraft } from '../form-kit';

/** The consent-at-the-door form as typed. */
export interface ConsentDraft {
  /** Made on the phone once per form: a retry records one consent. */
  consentId: string;
  kind: 'give' | 'withdraw';
  categories: SensitiveCategory[];
  givenBy: ConsentGiver;
  guardianName: string;
  guardianRelationship: string;
  day: string;
  method: ConsentMethod;
  fileId: string | null;
  witnessName: string;
}

export const consentDraftKey = (personId: string): string => `sgz.consentDraft.${personId}`;

export const emptyConsentDraft = (paper: boolean): ConsentDraft => ({
  consentId: newId('pc'),
  kind: 'give',
  categories: [],
  givenBy: 'self',
  guardianName: '',
  guardianRelationship: '',
  day: '',
  method: paper ? 'paper' : 'verbal',
  fileId: null,
  witnessName: '',
});

export function loadConsentDraft(key: string, paper: boolean): ConsentDraft | null {
  const d = loadFormDraft<ConsentDraft>(key);
  if (!d || typeof d.consentId !== 'string' || !d.consentId) return null;
  const merged = { ...emptyConsentDraft(paper), ...d } as ConsentDraft;
  return paper ? merged : { ...merged, method: 'verbal', fileId: null };
}

export const saveConsentDraft = (key: string, d: ConsentDraft): void => saveFormDraft(key, d);
export const clearConsentDraft = (key: string): void => clearFormDraft(key);

/** recordConsent input of the draft (empty fields left out, so the schema says what is missing). */
export function consentInputOf(d: ConsentDraft, personId: string): Record<string, unknown> {
  return {
    consentId: d.consentId,
    personId,
    kind: d.kind,
    categories: d.categories,
    givenBy: d.givenBy,
    ...(d.givenBy === 'guardian'
      ? { guardian: { name: d.guardianName.trim(), relationship: d.guardianRelationship.trim() } }
      : {}),
    ...(d.day.trim() ? { day: d.day.trim() } : {}),
    method: d.method,
    ...(d.method === 'paper' && d.fileId ? { fileId: d.fileId } : {}),
    ...(d.method === 'verbal' && d.witnessName.trim() ? { witnessName: d.witnessName.trim() } : {}),
  };
}

/**
 * The schema's cross-field rules (a witness for verbal, a photo for paper, a named
 * guardian) run only once every field passes; the form says them at once too, in
 * the schema's words.
 */
export function crossFieldErrors(d: ConsentDraft): Record<string, string> {
  const out: Record<string, string> = {};
  if (d.method === 'verbal' && !d.witnessName.trim()) out.witnessName = '口头同意请填写见证人姓名';
  if (d.method === 'paper' && !d.fileId) out.fileId = '书面同意请拍照上传签字的同意书';
  if (d.givenBy === 'guardian' && !d.guardianName.trim())
    out.guardianName = '由监护人同意时，请填写监护人姓名和关系';
  return out;
}
