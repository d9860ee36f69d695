import type { Profession, SharedKind } from '../../lib/api/types';

/**
 * Words for the professions and record kinds the API offers. Typed by the generated schema, so a
 * profession or kind the API adds is a type error here until it has a label.
 */
export const PROFESSION_LABELS: Record<Profession, string> = {
  'family-attorney': 'Family attorney',
  therapist: 'Therapist',
  mediator: 'Mediator',
  'guardian-ad-litem': 'Guardian ad litem',
  'parenting-coordinator': 'Parenting coordinator',
};

export const SHARED_KIND_LABELS: Record<SharedKind, string> = {
  incidents: 'Incidents',
  communications: 'Communications',
  documents: 'Documents',
  wellbeing: 'Wellbeing records you share one by one',
};

/** The workspace page where a professional reads each kind (the ordinary pages, read-only for them). */
export const SHARED_KIND_PATHS: Record<SharedKind, string> = {
  incidents: 'incidents',
  communications: 'communications',
  documents: 'documents',
  wellbeing: 'wellbeing',
};

export const PROFESSIONS = Object.keys(PROFESSION_LABELS) as Profession[];
export const SHARED_KINDS = Object.keys(SHARED_KIND_LABELS) as SharedKind[];

/** How long access lasts when the person does not choose (the API's default too). */
export const DEFAULT_GRANT_DAYS = 90;
/** The API refuses an end date more than a year away. */
export const MAX_GRANT_DAYS = 365;

/** The kinds of a grant as a short phrase ("Incidents, Documents"). */
export function describeKinds(kinds: readonly SharedKind[]): string {
  return kinds
    .map((kind) => (kind === 'wellbeing' ? 'Chosen wellbeing records' : SHARED_KIND_LABELS[kind]))
    .join(', ');
}
