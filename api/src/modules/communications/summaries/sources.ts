import type { Incident } from '../../journal/schema.js';
import type { Communication } from '../schema.js';
import type { Citation, Sentence, SummaryAnswer } from './schema.js';

/** Longest text of one record sent to the provider; a longer one is cut, and the cut is marked. */
const MAX_TEXT_PER_RECORD = 4000;

function clip(text: string): string {
  return text.length <= MAX_TEXT_PER_RECORD ? text : `${text.slice(0, MAX_TEXT_PER_RECORD)} […]`;
}

/** What goes to the provider, and how its short references map back to records. */
export type SummarySources = { input: string; byRef: ReadonlyMap<string, Citation> };

/**
 * The provider's input for a period. Records travel under short references ("I1", "M1") instead
 * of their ids, and with only the fields a neutral summary needs: when, what kind, and the words.
 * No record id, author, member, email or workspace name is sent (P-AI-1).
 */
export function buildSummarySources(
  range: { from: string; to: string },
  incidents: readonly Incident[],
  communications: readonly Communication[],
): SummarySources {
  const byRef = new Map<string, Citation>();
  const records: Record<string, unknown>[] = [];
  incidents.forEach((incident, index) => {
    const ref = `I${String(index + 1)}`;
    byRef.set(ref, { recordType: 'incident', recordId: incident.id });
    records.push({
      ref,
      kind: 'incident',
      at: incident.occurredAt,
      category: incident.category,
      text: clip(incident.narrative),
    });
  });
  communications.forEach((message, index) => {
    const ref = `M${String(index + 1)}`;
    byRef.set(ref, { recordType: 'communication', recordId: message.id });
    records.push({
      ref,
      kind: 'message',
      at: message.occurredAt,
      channel: message.channel,
      direction: message.direction,
      counterpart: message.counterpart,
      ...(message.subject === '' ? {} : { subject: message.subject }),
      text: clip(message.content),
    });
  });
  records.sort((a, b) => Date.parse(String(a.at)) - Date.parse(String(b.at)));
  return { input: JSON.stringify({ period: range, records }), byRef };
}

/** An answer's sentences split into those resting on records that were sent and those that do not. */
export type CheckedSummary = { sentences: Sentence[]; unsupported: { text: string; reason: string }[] };

/**
 * Keeps a sentence only when it cites at least one record and every reference it gives is one
 * that was sent; any other sentence is left out and listed with why, so nothing unsupported is
 * presented as resting on the record.
 */
export function checkCitations(answer: SummaryAnswer, byRef: ReadonlyMap<string, Citation>): CheckedSummary {
  const checked: CheckedSummary = { sentences: [], unsupported: [] };
  for (const sentence of answer.sentences) {
    const text = sentence.text.trim();
    if (text === '') continue;
    const refs = [...new Set(sentence.refs.map((ref) => ref.trim().toUpperCase()))];
    const citations = refs.flatMap((ref) => {
      const citation = byRef.get(ref);
      return citation === undefined ? [] : [citation];
    });
    if (refs.length === 0) checked.unsupported.push({ text, reason: 'cites no record' });
    else if (citations.length < refs.length)
      checked.unsupported.push({ text, reason: 'cites a record that is not in this period' });
    else checked.sentences.push({ text, citations });
  }
  return checked;
}
