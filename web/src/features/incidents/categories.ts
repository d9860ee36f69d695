import type { IncidentCategory } from '../../lib/api/types';

/** Each incident category in words. Typed by the API's enum, so a new category is a type error here. */
export const CATEGORY_LABELS: Record<IncidentCategory, string> = {
  'missed-exchange': 'Missed exchange',
  'late-pickup': 'Late pickup',
  communication: 'Communication',
  'safety-concern': 'Safety concern',
  medical: 'Medical',
  school: 'School',
  'schedule-change': 'Schedule change',
  financial: 'Financial',
  other: 'Other',
};

export const CATEGORIES = Object.keys(CATEGORY_LABELS) as IncidentCategory[];

/** Whether `value` is one of the API's incident categories. */
export function isCategory(value: string | null | undefined): value is IncidentCategory {
  return value !== null && value !== undefined && Object.hasOwn(CATEGORY_LABELS, value);
}
