import { useDocumentTitle } from '../../lib/ui/page';
import { COMPLAINT_FIELDS } from './record-fields';
import { RecordsSection } from './records-section';

/** Complaints about providers, each with its status (draft, filed, resolved). */
export function ComplaintsPage() {
  useDocumentTitle('Provider complaints');
  return (
    <RecordsSection
      path="complaints"
      fields={COMPLAINT_FIELDS}
      noun="complaint"
      testPrefix="complaint"
      describe={(r) => `${String(r.date)} · ${String(r.providerName)} · ${String(r.status)}`}
    />
  );
}
