import { useDocumentTitle } from '../../lib/ui/page';
import { CARE_NOTE_FIELDS } from './record-fields';
import { RecordsSection } from './records-section';

/** Notes on counseling, therapy or psychiatry sessions. */
export function CareNotesPage() {
  useDocumentTitle('Care notes');
  return (
    <RecordsSection
      path="care-notes"
      fields={CARE_NOTE_FIELDS}
      noun="care note"
      testPrefix="care-note"
      describe={(r) => `${String(r.sessionDate)} · ${String(r.provider)} · ${String(r.type)}`}
    />
  );
}
