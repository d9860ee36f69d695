/** What each wellbeing record kind asks for, shared by its create and edit forms and its list. */

import type { components } from '../../lib/api/schema';
import type { CareNote, Complaint } from './hooks';

/**
 * Every value of a generated (API) union, in display order. The exhaustive `Record` makes a value
 * added to the API fail this typecheck until it is offered here too.
 */
function choicesOf<T extends string>(all: Record<T, true>): readonly T[] {
  return Object.keys(all).filter((key): key is T => key in all);
}

export const PROVIDER_TYPES = choicesOf<Complaint['providerType']>({
  therapist: true,
  psychiatrist: true,
  counselor: true,
  physician: true,
  hospital: true,
  clinic: true,
  other: true,
});
export const COMPLAINT_STATUSES = choicesOf<Complaint['status']>({
  draft: true,
  filed: true,
  resolved: true,
});
export const CARE_NOTE_TYPES = choicesOf<CareNote['type']>({
  therapy: true,
  psychiatry: true,
  counseling: true,
  other: true,
});

export type FieldSpec = {
  name: string;
  label: string;
  kind: 'datetime' | 'date' | 'score' | 'number' | 'text' | 'textarea' | 'select' | 'list' | 'symptoms';
  options?: readonly string[];
  isRequired?: boolean;
  hint?: string;
};

/** Offered as choices on a check-in (the API's published list); anything else can be typed in. */
export const COMMON_SYMPTOMS = choicesOf<components['schemas']['WellbeingCommonSymptom']>({
  'low mood': true,
  worry: true,
  panic: true,
  irritability: true,
  fatigue: true,
  'poor concentration': true,
  'poor appetite': true,
  restlessness: true,
  headache: true,
  'trouble sleeping': true,
  'intrusive thoughts': true,
  'feeling numb': true,
});

export const CHECK_IN_FIELDS: FieldSpec[] = [
  { name: 'occurredAt', label: 'Date and time', kind: 'datetime', isRequired: true },
  { name: 'mood', label: 'Mood (1 = very low, 10 = very good)', kind: 'score', isRequired: true },
  { name: 'anxiety', label: 'Anxiety (1 = calm, 10 = severe)', kind: 'score', isRequired: true },
  { name: 'sleepHours', label: 'Sleep (hours)', kind: 'number' },
  {
    name: 'symptoms',
    label: 'Symptoms',
    kind: 'symptoms',
    hint: 'Tick any that apply, or add your own separated by commas.',
  },
  { name: 'triggers', label: 'Triggers', kind: 'list', hint: 'Separate with commas.' },
  { name: 'notes', label: 'Notes', kind: 'textarea' },
];

export const COMPLAINT_FIELDS: FieldSpec[] = [
  { name: 'date', label: 'Date', kind: 'date', isRequired: true },
  { name: 'providerName', label: 'Provider name', kind: 'text', isRequired: true },
  {
    name: 'providerType',
    label: 'Provider type',
    kind: 'select',
    options: PROVIDER_TYPES,
    isRequired: true,
  },
  {
    name: 'category',
    label: 'Category',
    kind: 'text',
    isRequired: true,
    hint: 'For example billing, conduct, access to records.',
  },
  { name: 'description', label: 'What happened', kind: 'textarea', isRequired: true },
  { name: 'desiredOutcome', label: 'Desired outcome', kind: 'textarea' },
  {
    name: 'status',
    label: 'Status',
    kind: 'select',
    options: COMPLAINT_STATUSES,
    isRequired: true,
  },
  { name: 'whereFiled', label: 'Where filed', kind: 'text' },
];

export const CARE_NOTE_FIELDS: FieldSpec[] = [
  { name: 'sessionDate', label: 'Session date', kind: 'date', isRequired: true },
  { name: 'provider', label: 'Provider', kind: 'text', isRequired: true },
  {
    name: 'type',
    label: 'Type',
    kind: 'select',
    options: CARE_NOTE_TYPES,
    isRequired: true,
  },
  { name: 'notes', label: 'Notes', kind: 'textarea', isRequired: true },
  { name: 'followUps', label: 'Follow-ups', kind: 'list', hint: 'Separate with commas.' },
];

export type FormValues = Record<string, string>;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** An ISO instant as the value of a datetime-local input, in the browser's time zone. */
export function toDateTimeLocal(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Form values of a record (or the defaults of a new one). */
export function toFormValues(fields: readonly FieldSpec[], record?: Record<string, unknown>): FormValues {
  const values: FormValues = {};
  for (const field of fields) {
    const value = record?.[field.name];
    if (value === undefined) {
      values[field.name] =
        field.kind === 'datetime'
          ? toDateTimeLocal(new Date().toISOString())
          : field.kind === 'date'
            ? toDateTimeLocal(new Date().toISOString()).slice(0, 10)
            : field.kind === 'score'
              ? '5'
              : field.kind === 'select'
                ? (field.options?.[0] ?? '')
                : '';
    } else if (Array.isArray(value)) values[field.name] = value.join(', ');
    else if (field.kind === 'datetime' && typeof value === 'string')
      values[field.name] = toDateTimeLocal(value);
    else values[field.name] = typeof value === 'number' || typeof value === 'string' ? String(value) : '';
  }
  return values;
}

/** The items of a comma-separated list, trimmed, empty ones left out. */
export const splitList = (text: string) =>
  text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');

/** Ticks or unticks one symptom in a comma-separated list. */
export function toggleListItem(text: string, item: string): string {
  const items = splitList(text);
  return (items.includes(item) ? items.filter((i) => i !== item) : [...items, item]).join(', ');
}
