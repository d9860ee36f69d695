import { Link } from 'react-router';
import type { SummarySentence } from './summary-hooks';

type Citation = SummarySentence['citations'][number];

/**
 * Numbers each cited record once per summary, by kind and in order of first citation ("Incident 1",
 * "Message 2"), so a link's text says where it goes and the same record keeps the same name.
 */
export function numberCitations(sentences: readonly SummarySentence[]): Map<string, string> {
  const names = new Map<string, string>();
  const counts = { incident: 0, communication: 0 };
  for (const sentence of sentences)
    for (const citation of sentence.citations) {
      const key = `${citation.recordType}#${citation.recordId}`;
      if (names.has(key)) continue;
      counts[citation.recordType] += 1;
      names.set(
        key,
        `${citation.recordType === 'incident' ? 'Incident' : 'Message'} ${counts[citation.recordType]}`,
      );
    }
  return names;
}

function pathOf(base: string, citation: Citation): string {
  const section = citation.recordType === 'incident' ? 'incidents' : 'communications';
  return `${base}/${section}/${encodeURIComponent(citation.recordId)}`;
}

/** The records a sentence rests on, each a link to the record. */
export function CitationLinks({
  citations,
  names,
  base,
}: {
  citations: readonly Citation[];
  names: ReadonlyMap<string, string>;
  base: string;
}) {
  return (
    <span className="citations" data-testid="citations">
      {' '}
      (sources:{' '}
      {citations.map((citation, index) => (
        <span key={`${citation.recordType}#${citation.recordId}`}>
          {index > 0 && ', '}
          <Link to={pathOf(base, citation)} data-testid="citation">
            {names.get(`${citation.recordType}#${citation.recordId}`) ?? 'Record'}
          </Link>
        </span>
      ))}
      )
    </span>
  );
}
