import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { describeError } from '../../lib/api/problem';
import { SelectField } from '../../lib/ui/field';
import { FormAlert } from '../../lib/ui/status';
import { fetchLibraryItem, useDraftTemplates, type LibraryHit } from '../library/hooks';
import type { DraftTemplate } from './draft-template';
import './template-picker.css';

const keyOf = (hit: LibraryHit) => `${hit.source}:${hit.id}`;

type Props = { workspaceId: string; isDisabled: boolean; onChoose: (template: DraftTemplate) => void };

/**
 * "Start from a template": the library's draft templates, shipped and the workspace's own. A
 * choice is applied with a button rather than on change, so moving through the list with the
 * keyboard never replaces the draft.
 */
export function TemplatePicker({ workspaceId, isDisabled, onChoose }: Props) {
  const templates = useDraftTemplates(workspaceId);
  const [chosenKey, setChosenKey] = useState('');
  const load = useMutation({ mutationFn: (hit: LibraryHit) => fetchLibraryItem(workspaceId, hit) });
  const hits = templates.data?.items ?? [];
  const chosen = hits.find((hit) => keyOf(hit) === chosenKey);

  // Without templates (or while they load) the draft works as before: no empty control to puzzle over.
  if (templates.isError)
    return (
      <p className="hint">The library’s templates could not be loaded; you can still write your draft.</p>
    );
  if (hits.length === 0) return null;

  const onUse = () => {
    if (chosen === undefined) return;
    load.mutate(chosen, {
      onSuccess: (item) => {
        if (item.template?.target !== 'draft') return;
        onChoose({ title: item.title, text: item.template.text });
        setChosenKey('');
      },
    });
  };

  return (
    <div className="template-picker" data-testid="template-picker">
      <SelectField
        label="Start from a template"
        hint="Fills your draft with the template’s text; anything you wrote is kept below, one click away."
        value={chosenKey}
        onChange={(event) => setChosenKey(event.target.value)}
      >
        <option value="">Choose a template…</option>
        {hits.map((hit) => (
          <option key={keyOf(hit)} value={keyOf(hit)}>
            {hit.source === 'workspace' ? `${hit.title} (your workspace’s)` : hit.title}
          </option>
        ))}
      </SelectField>
      <button
        type="button"
        className="button"
        disabled={chosen === undefined || load.isPending || isDisabled}
        onClick={onUse}
      >
        {load.isPending ? 'Opening…' : 'Use this template'}
      </button>
      <FormAlert message={load.isError ? describeError(load.error) : undefined} />
    </div>
  );
}
