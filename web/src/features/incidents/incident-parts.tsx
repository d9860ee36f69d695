import type { Incident } from '../../lib/api/types';
import { CATEGORY_LABELS } from './categories';

/** The category as a small label. */
export function CategoryBadge({ category }: { category: Incident['category'] }) {
  return <span className={`badge badge-category badge-${category}`}>{CATEGORY_LABELS[category]}</span>;
}

/** A list of names or tags as chips, or a dash when there are none. */
export function NameList({ values, label }: { values: readonly string[]; label: string }) {
  if (values.length === 0) return <span className="muted">None recorded</span>;
  return (
    <ul className="chips chips-static" aria-label={label}>
      {values.map((value) => (
        <li key={value} className="chip">
          {value}
        </li>
      ))}
    </ul>
  );
}

/** The first line of a narrative, shortened for lists. */
export function summarize(narrative: string, maxLength = 160): string {
  const firstParagraph = narrative.trim().split(/\n\s*\n/)[0] ?? '';
  const flat = firstParagraph.replace(/\s+/g, ' ');
  return flat.length <= maxLength ? flat : `${flat.slice(0, maxLength - 1).trimEnd()}…`;
}
