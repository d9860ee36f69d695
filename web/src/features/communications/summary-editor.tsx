import { useState } from 'react';
import { describeError } from '../../lib/api/problem';
import { formatDateTime } from '../../lib/dates';
import { TextAreaField } from '../../lib/ui/field';
import { FormAlert, Notice } from '../../lib/ui/status';
import { CitationLinks, numberCitations } from './citations';
import { useSaveSummary, type SummarySentence, type SummarySuggestion } from './summary-hooks';

type SummaryEditorProps = {
  workspaceId: string;
  base: string;
  suggestion: SummarySuggestion;
  onSaved: () => void;
};

/**
 * A suggested summary to review: each sentence editable or removable, its sources linked. Only
 * saving keeps it, marked AI-assisted and reviewed by the person (P-AI-2).
 */
export function SummaryEditor({ workspaceId, base, suggestion, onSaved }: SummaryEditorProps) {
  const [sentences, setSentences] = useState<SummarySentence[]>(suggestion.sentences);
  const save = useSaveSummary(workspaceId);
  const names = numberCitations(suggestion.sentences);
  const isBlank = sentences.some((sentence) => sentence.text.trim() === '');

  const onChange = (index: number, text: string) =>
    setSentences((current) => current.map((sentence, i) => (i === index ? { ...sentence, text } : sentence)));
  const onRemove = (index: number) => setSentences((current) => current.filter((_, i) => i !== index));
  const onSave = () =>
    save.mutate(
      {
        from: suggestion.from,
        to: suggestion.to,
        sentences,
        promptVersion: suggestion.promptVersion,
        aiProvider: suggestion.aiProvider,
        model: suggestion.model,
      },
      { onSuccess: onSaved },
    );

  return (
    <section aria-labelledby="suggestion-heading" className="card" data-testid="summary-suggestion">
      <h2 id="suggestion-heading">Suggested summary</h2>
      <p className="hint">
        {formatDateTime(suggestion.from)} – {formatDateTime(suggestion.to)}, from{' '}
        {suggestion.sourceCounts.incidents} incidents and {suggestion.sourceCounts.communications} messages.
        Check each sentence against its sources, edit or remove it, then save. Nothing is saved until you do.
      </p>
      <ol className="summary-sentences">
        {sentences.map((sentence, index) => (
          <li key={index} data-testid="summary-sentence">
            <TextAreaField
              label={`Sentence ${index + 1}`}
              value={sentence.text}
              maxLength={1000}
              rows={2}
              onChange={(event) => onChange(index, event.target.value)}
            />
            <CitationLinks citations={sentence.citations} names={names} base={base} />{' '}
            <button type="button" className="button button-small" onClick={() => onRemove(index)}>
              Remove sentence {index + 1}
            </button>
          </li>
        ))}
      </ol>
      {suggestion.unsupported.length > 0 && (
        <Notice tone="warning" title="Left out: not supported by the records" testId="summary-unsupported">
          <ul>
            {suggestion.unsupported.map((claim, index) => (
              <li key={index}>
                “{claim.text}” — {claim.reason}
              </li>
            ))}
          </ul>
        </Notice>
      )}
      <FormAlert message={save.isError ? describeError(save.error) : undefined} />
      <button
        type="button"
        className="button button-primary"
        onClick={onSave}
        disabled={save.isPending || sentences.length === 0 || isBlank}
      >
        {save.isPending ? 'Saving…' : 'Save this summary'}
      </button>
      <p className="hint">
        AI-assisted ({suggestion.promptVersion}, {suggestion.aiProvider} {suggestion.model}).
      </p>
    </section>
  );
}
