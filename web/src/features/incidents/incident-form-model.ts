import { fromWallTime, isValidTimeZone, toWallTime } from '../../lib/dates';
import { mergeChipDraft } from '../../lib/ui/chips';
import { isCategory } from './categories';
import type { Incident, IncidentCategory, IncidentCreateBody, IncidentPatchBody } from '../../lib/api/types';

/** The incident form's state: the wall-clock time and its zone are kept apart, as the person typed them. */
export type IncidentFormValues = {
  occurredAtLocal: string;
  timeZone: string;
  category: IncidentCategory | '';
  location: string;
  peopleInvolved: string[];
  childrenPresent: string[];
  narrative: string;
  witnesses: string[];
  tags: string[];
  followUpNeeded: boolean;
};

/** The fields typed as chips; text still in their inputs is added on save. */
export const CHIP_FIELDS = ['peopleInvolved', 'childrenPresent', 'witnesses', 'tags'] as const;
export type ChipField = (typeof CHIP_FIELDS)[number];
export type ChipDrafts = Record<ChipField, string>;
export const EMPTY_CHIP_DRAFTS: ChipDrafts = {
  peopleInvolved: '',
  childrenPresent: '',
  witnesses: '',
  tags: '',
};

/** The form with the text still typed in each chip input added as chips (tags in lower case, as the API keeps them). */
export function mergeChipDrafts(values: IncidentFormValues, drafts: ChipDrafts): IncidentFormValues {
  const merged = { ...values };
  for (const field of CHIP_FIELDS) merged[field] = mergeChipDraft(values[field], drafts[field]);
  merged.tags = merged.tags.map((tag) => tag.toLocaleLowerCase());
  return merged;
}

/**
 * Every field of the API's incident body, from the generated OpenAPI types: the map must name
 * each one exactly, so a field the API adds fails this typecheck until the form knows of it.
 */
const INCIDENT_FIELD_MAP: Record<keyof IncidentCreateBody, true> = {
  occurredAt: true,
  timeZone: true,
  category: true,
  location: true,
  peopleInvolved: true,
  childrenPresent: true,
  narrative: true,
  witnesses: true,
  tags: true,
  followUpNeeded: true,
};
export type IncidentField = keyof IncidentCreateBody;
/** The API field names the form shows errors for (problem `errors[].field` maps onto these). */
export const INCIDENT_FIELDS: readonly IncidentField[] = Object.keys(INCIDENT_FIELD_MAP).filter(
  (field): field is IncidentField => field in INCIDENT_FIELD_MAP,
);
export type IncidentFieldErrors = Partial<Record<IncidentField, string>>;

/** Limits the API's schema sets, checked here too so the person hears about them at the field. */
export const LIMITS = {
  name: 120,
  names: 50,
  tag: 40,
  tags: 30,
  location: 300,
  narrative: 20_000,
} as const;

type Fields = IncidentCreateBody;
type ChangeableFields = Omit<IncidentPatchBody, 'version'>;

/** A blank form dated now, in `timeZone`. */
export function createEmptyIncidentForm(timeZone: string, now: number = Date.now()): IncidentFormValues {
  return {
    occurredAtLocal: toWallTime(now, timeZone),
    timeZone,
    category: '',
    location: '',
    peopleInvolved: [],
    childrenPresent: [],
    narrative: '',
    witnesses: [],
    tags: [],
    followUpNeeded: false,
  };
}

/** The form for editing an incident, showing its time on the wall clock of its own zone. */
export function toIncidentForm(incident: Incident): IncidentFormValues {
  return {
    occurredAtLocal: toWallTime(incident.occurredAt, incident.timeZone),
    timeZone: incident.timeZone,
    category: incident.category,
    location: incident.location,
    peopleInvolved: [...incident.peopleInvolved],
    childrenPresent: [...incident.childrenPresent],
    narrative: incident.narrative,
    witnesses: [...incident.witnesses],
    tags: [...incident.tags],
    followUpNeeded: incident.followUpNeeded,
  };
}

function checkNames(values: string[], max: number, maxItems: number, noun: string): string | undefined {
  if (values.length > maxItems) return `Add at most ${maxItems} ${noun}.`;
  const long = values.find((value) => value.length > max);
  if (long !== undefined) return `“${long.slice(0, 24)}…” is too long (at most ${max} characters).`;
  return undefined;
}

export type IncidentValidation = { ok: true; body: Fields } | { ok: false; errors: IncidentFieldErrors };

/** Checks the form and, when it is complete, builds the API body (time as ISO 8601 with the zone's offset). */
export function validateIncidentForm(values: IncidentFormValues): IncidentValidation {
  const errors: IncidentFieldErrors = {};
  let occurredAt = '';
  if (!isValidTimeZone(values.timeZone)) {
    errors.timeZone = 'Choose the time zone where it happened.';
  }
  if (values.occurredAtLocal === '') {
    errors.occurredAt = 'Enter the date and time it happened.';
  } else if (errors.timeZone === undefined) {
    const result = fromWallTime(values.occurredAtLocal, values.timeZone);
    if (result.ok) occurredAt = result.iso;
    else if (result.reason === 'nonexistent') {
      errors.occurredAt = `This time did not exist in ${values.timeZone}: the clocks changed. Check the time.`;
    } else errors.occurredAt = 'Enter a real date and time.';
  }
  if (values.category === '') errors.category = 'Choose a category.';
  if (values.location.length > LIMITS.location)
    errors.location = `Keep the location under ${LIMITS.location} characters.`;
  if (values.narrative.trim() === '') errors.narrative = 'Describe what happened.';
  else if (values.narrative.length > LIMITS.narrative) {
    errors.narrative = `Keep this under ${LIMITS.narrative.toLocaleString()} characters.`;
  }
  const people = checkNames(values.peopleInvolved, LIMITS.name, LIMITS.names, 'people');
  if (people !== undefined) errors.peopleInvolved = people;
  const children = checkNames(values.childrenPresent, LIMITS.name, LIMITS.names, 'children');
  if (children !== undefined) errors.childrenPresent = children;
  const witnesses = checkNames(values.witnesses, LIMITS.name, LIMITS.names, 'witnesses');
  if (witnesses !== undefined) errors.witnesses = witnesses;
  const tags = checkNames(values.tags, LIMITS.tag, LIMITS.tags, 'tags');
  if (tags !== undefined) errors.tags = tags;

  if (Object.keys(errors).length > 0 || values.category === '') return { ok: false, errors };
  return {
    ok: true,
    body: {
      occurredAt,
      timeZone: values.timeZone,
      category: values.category,
      location: values.location.trim(),
      peopleInvolved: values.peopleInvolved,
      childrenPresent: values.childrenPresent,
      narrative: values.narrative,
      witnesses: values.witnesses,
      tags: values.tags,
      followUpNeeded: values.followUpNeeded,
    },
  };
}

function isSameList(left: readonly string[], right: readonly string[]): boolean {
  return left.length === right.length && left.every((value, index) => value === right[index]);
}

/**
 * Only the fields that differ from the incident as loaded, so the audit log records what was
 * corrected. The time counts as changed when the instant or the zone differs.
 */
export function getIncidentChanges(incident: Incident, body: Fields): ChangeableFields {
  const changes: ChangeableFields = {};
  if (
    Date.parse(body.occurredAt) !== Date.parse(incident.occurredAt) ||
    body.timeZone !== incident.timeZone
  ) {
    changes.occurredAt = body.occurredAt;
    changes.timeZone = body.timeZone;
  }
  if (body.category !== incident.category) changes.category = body.category;
  const location = body.location ?? '';
  const peopleInvolved = body.peopleInvolved ?? [];
  const childrenPresent = body.childrenPresent ?? [];
  const witnesses = body.witnesses ?? [];
  const tags = body.tags ?? [];
  const followUpNeeded = body.followUpNeeded ?? false;
  if (location !== incident.location) changes.location = location;
  if (body.narrative !== incident.narrative) changes.narrative = body.narrative;
  if (!isSameList(peopleInvolved, incident.peopleInvolved)) changes.peopleInvolved = peopleInvolved;
  if (!isSameList(childrenPresent, incident.childrenPresent)) changes.childrenPresent = childrenPresent;
  if (!isSameList(witnesses, incident.witnesses)) changes.witnesses = witnesses;
  if (!isSameList(tags, incident.tags)) changes.tags = tags;
  if (followUpNeeded !== incident.followUpNeeded) changes.followUpNeeded = followUpNeeded;
  return changes;
}

/** The form started from a library template (navigation state), or unchanged when there is none. */
export function fromTemplate(values: IncidentFormValues, state: unknown): IncidentFormValues {
  if (typeof state !== 'object' || state === null || !('template' in state)) return values;
  const template: unknown = state.template;
  if (typeof template !== 'object' || template === null) return values;
  const narrative =
    'narrative' in template && typeof template.narrative === 'string' ? template.narrative : '';
  const category =
    'category' in template && typeof template.category === 'string' && isCategory(template.category)
      ? template.category
      : values.category;
  return { ...values, narrative: narrative === '' ? values.narrative : narrative, category };
}
