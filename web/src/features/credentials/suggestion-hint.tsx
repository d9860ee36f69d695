import type { SuggestedField } from './extraction-hooks';

/**
 * What the AI reading said of one field, shown at the field: read from the certificate, or flagged
 * (missing, unsure or corrected) with the reason, so the person knows what to check before saving.
 */
export function SuggestionHint({ field, name }: { field: SuggestedField; name: string }) {
  if (field.flag === undefined)
    return (
      <span className="suggestion" data-testid={`suggested-${name}`}>
        {' '}
        Read from the certificate ({Math.round(field.confidence * 100)}% sure).
      </span>
    );
  return (
    <span className="suggestion suggestion-flagged" data-testid={`flag-${name}`}>
      {' '}
      <strong>Check this:</strong> {field.flag.reason}
    </span>
  );
}
