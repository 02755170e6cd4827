import { createHouseholdInput, createPersonInput, updatePersonInput, type PersonDetail } from '@sgz/shared';
import { issuesToErrors, type Errors } from '../form-kit';
import { draftOfPerson, type PersonDraft } from './draft';

/** The form field that shows a schema or server path (`contact.phone` → contactPhone). */
export function fieldOfPath(path: readonly (string | number)[]): string | null {
  const [head, sub] = path;
  if (head === 'contact') {
    if (sub === 'name') return 'contactName';
    if (sub === 'phone') return 'contactPhone';
    if (sub === 'relationship') return 'contactRelationship';
    return 'contactName';
  }
  if (head === 'householdId') return 'address';
  return typeof head === 'string' ? head : null;
}

const orNull = (s: string): string | null => (s.trim() === '' ? null : s.trim());
/** A typed year: a number when it is digits, else the text (the schema then says it must be a number). */
const year = (s: string): unknown => (s.trim() === '' ? null : /^\d+$/.test(s.trim()) ? Number(s.trim()) : s);

/** True when the form says where the person lives (a household is then made with the file). */
export const hasHousehold = (d: PersonDraft): boolean =>
  d.address.trim() !== '' || d.contactName.trim() !== '' || d.contactPhone.trim() !== '';

/** createHousehold input of a new file's draft. */
export function householdInputOf(d: PersonDraft, stationId: string): Record<string, unknown> {
  const contact =
    d.contactName.trim() || d.contactPhone.trim()
      ? {
          name: d.contactName.trim(),
          phone: d.contactPhone.trim(),
          ...(orNull(d.contactRelationship) ? { relationship: orNull(d.contactRelationship) } : {}),
        }
      : null;
  return {
    householdId: d.householdId,
    stationId,
    ...(d.community ? { community: d.community } : {}),
    address: d.address.trim(),
    contact,
  };
}

/** The person fields as the schemas take them (empty → null / left out). */
function personFieldsOf(d: PersonDraft): Record<string, unknown> {
  return {
    name: d.name.trim(),
    phone: orNull(d.phone),
    sex: d.sex,
    birthDate: orNull(d.birthDate),
    birthYear: year(d.birthYear),
    idNumber: orNull(d.idNumber),
    community: d.community,
    relationship: d.relationship,
    categories: d.categories,
    ...(d.livingSituation ? { livingSituation: d.livingSituation } : {}),
    ...(d.risk ? { risk: d.risk } : {}),
    notes: orNull(d.notes),
  };
}

/** createPerson input of a new file's draft (with its household when one is given). */
export function createInputOf(d: PersonDraft, stationId: string): Record<string, unknown> {
  const f = personFieldsOf(d);
  for (const k of Object.keys(f)) if (f[k] === null) delete f[k];
  return {
    personId: d.personId,
    stationId,
    ...f,
    ...(hasHousehold(d) ? { householdId: d.householdId, relationship: d.relationship ?? '户主' } : {}),
  };
}

/** updatePerson input: the fields that differ from the file as loaded, with the revision. */
export function updateInputOf(d: PersonDraft, base: PersonDetail): Record<string, unknown> {
  const now = personFieldsOf(d);
  const was = personFieldsOf(draftOfPerson(base));
  if (base.keep.health.allowed) {
    now.healthNotes = orNull(d.healthNotes);
    was.healthNotes = base.healthNotes;
  }
  const changed: Record<string, unknown> = {};
  for (const k of Object.keys(now))
    if (JSON.stringify(now[k]) !== JSON.stringify(was[k])) changed[k] = now[k];
  // A date entered clears a year-only birth, and the other way round.
  if ('birthDate' in changed && changed.birthDate) changed.birthYear = null;
  return { personId: base.id, rev: d.rev ?? base.rev, ...changed };
}

/** Checks a new file on the phone with the shared schemas (person, and household when given). */
export function validateCreate(d: PersonDraft, stationId: string): Errors {
  const errors: Errors = {};
  const person = createPersonInput.safeParse(createInputOf(d, stationId));
  if (!person.success) Object.assign(errors, issuesToErrors(person.error.issues, fieldOfPath));
  if (hasHousehold(d) && !d.householdDone) {
    const hh = createHouseholdInput.safeParse(householdInputOf(d, stationId));
    if (!hh.success) {
      for (const [k, m] of Object.entries(issuesToErrors(hh.error.issues, fieldOfPath)))
        if (!errors[k]) errors[k] = m;
    }
  }
  // The schema's cross-field birth rule runs only once every field passes: say it at once.
  if (!d.birthDate.trim() && !d.birthYear.trim() && !errors.birthDate)
    errors.birthDate = '请填写出生日期，或至少填写出生年份';
  if (hasHousehold(d) && !d.community && !errors.community) errors.community = '请选择社区/村';
  return errors;
}

/** Checks an edit on the phone. */
export function validateUpdate(d: PersonDraft, base: PersonDetail): Errors {
  const res = updatePersonInput.safeParse(updateInputOf(d, base));
  return res.success ? {} : issuesToErrors(res.error.issues, fieldOfPath);
}
