import type {
  HouseholdRelationship,
  LivingSituation,
  PersonDetail,
  RiskTier,
  Sex,
  TargetCategory,
} from '@sgz/shared';
import { clearFormDraft, loadFormDraft, newId, saveFormDraft } from '../form-kit';

/** What the file form holds while it is typed (strings as typed; converted on submit). */
export interface PersonDraft {
  /** Made on the phone once per new file: every retry sends the same id. */
  personId: string;
  /** Made on the phone for the new file's household (used only when an address is given). */
  householdId: string;
  /** The household with `householdId` was created (a retry skips it; a changed address gets a new id). */
  householdDone: boolean;
  /** Revision the edit is based on (edit only). */
  rev: number | null;
  name: string;
  sex: Sex | null;
  birthDate: string;
  birthYear: string;
  phone: string;
  idNumber: string;
  community: string | null;
  address: string;
  contactName: string;
  contactPhone: string;
  contactRelationship: string;
  relationship: HouseholdRelationship | null;
  categories: TargetCategory[];
  livingSituation: LivingSituation | null;
  risk: RiskTier | null;
  notes: string;
  healthNotes: string;
}

/** Storage key of a form's draft: one for the new-file form, one per edited file. */
export const draftKey = (personId?: string): string =>
  personId ? `sgz.personDraft.edit.${personId}` : 'sgz.personDraft.new';

/** An empty new-file draft with fresh ids. */
export const emptyPersonDraft = (): PersonDraft => ({
  personId: newId('ps'),
  householdId: newId('hh'),
  householdDone: false,
  rev: null,
  name: '',
  sex: null,
  birthDate: '',
  birthYear: '',
  phone: '',
  idNumber: '',
  community: null,
  address: '',
  contactName: '',
  contactPhone: '',
  contactRelationship: '',
  relationship: null,
  categories: [],
  livingSituation: null,
  risk: null,
  notes: '',
  healthNotes: '',
});

/** The draft of an existing file, as loaded (the edit starts from it). */
export const draftOfPerson = (p: PersonDetail): PersonDraft => ({
  ...emptyPersonDraft(),
  personId: p.id,
  householdId: p.householdId ?? '',
  householdDone: true,
  rev: p.rev,
  name: p.name,
  sex: p.sex,
  birthDate: p.birthDate ?? '',
  birthYear: p.birthDate ? '' : p.birthYear ? String(p.birthYear) : '',
  phone: p.phone ?? '',
  idNumber: p.idNumber ?? '',
  community: p.community,
  relationship: p.relationship,
  categories: [...p.categories],
  livingSituation: p.livingSituation,
  risk: p.risk,
  notes: p.notes ?? '',
  healthNotes: p.healthNotes ?? '',
});

/** The saved draft of a form (null: none or unreadable). */
export function loadPersonDraft(key: string): PersonDraft | null {
  const d = loadFormDraft<PersonDraft>(key);
  if (!d || typeof d.personId !== 'string' || !d.personId) return null;
  return { ...emptyPersonDraft(), ...d } as PersonDraft;
}

export const savePersonDraft = (key: string, d: PersonDraft): void => saveFormDraft(key, d);
export const clearPersonDraft = (key: string): void => clearFormDraft(key);
