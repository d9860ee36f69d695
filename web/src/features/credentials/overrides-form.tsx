import { useState } from 'react';
import { TextField } from '../../lib/ui/field';
import { FormAlert } from '../../lib/ui/status';
import { useProblemForm } from '../../lib/ui/use-problem-form';
import type { License, OverridesBody, Renewal } from './license-hooks';

const FIELDS = ['cycleMonths', 'totalHours', 'topics', 'limits', 'reason'] as const;

type Props = {
  license: License;
  renewal: Renewal;
  isPending: boolean;
  onSubmit: (body: OverridesBody) => Promise<unknown>;
};

function numberOrUndefined(value: FormDataEntryValue | null): number | undefined {
  const text = typeof value === 'string' ? value.trim() : '';
  return text === '' ? undefined : Number(text);
}

/** The request body from the form: only the boxes filled in, as an empty one follows the catalogue. */
function readOverrides(data: FormData, renewal: Renewal): OverridesBody {
  const topics = renewal.requirements.topics.flatMap((topic, index) => {
    const hours = numberOrUndefined(data.get(`topic-${index}`));
    return hours === undefined ? [] : [{ topic: topic.topic, hours }];
  });
  const cycleMonths = numberOrUndefined(data.get('cycleMonths'));
  const totalHours = numberOrUndefined(data.get('totalHours'));
  const reasonValue = data.get('reason');
  const reason = typeof reasonValue === 'string' ? reasonValue : '';
  return {
    ...(cycleMonths === undefined ? {} : { cycleMonths }),
    ...(totalHours === undefined ? {} : { totalHours }),
    ...(topics.length === 0 ? {} : { topics }),
    ...(reason.trim() === '' ? {} : { reason }),
  };
}

/**
 * The holder's own numbers for a license, where the board's rule differs from the catalogue or
 * the catalogue does not know. An empty box follows the catalogue; saving records who and when.
 */
export function OverridesForm({ license, renewal, isPending, onSubmit }: Props) {
  const [saved, setSaved] = useState('');
  const {
    ref,
    errors,
    onSubmit: onFormSubmit,
  } = useProblemForm(FIELDS, {
    send: (data) => onSubmit(readOverrides(data, renewal)),
    onSaved: () => setSaved('Your numbers were saved.'),
    onFailed: () => setSaved(''),
  });
  const own = license.overrides;
  const ownTopic = (topic: string) => own?.topics?.find((t) => t.topic === topic)?.hours;

  return (
    <form ref={ref} className="form" onSubmit={onFormSubmit} noValidate data-testid="overrides-form">
      <p>Leave a box empty to follow the catalogue. Your numbers are shown beside the catalogue’s.</p>
      {own?.setAt !== undefined && (
        <p data-testid="overrides-recorded">
          Your numbers were last set on {own.setAt.slice(0, 10)}
          {own.reason !== undefined && ` (${own.reason})`}.
        </p>
      )}
      <FormAlert message={errors.form} />
      <p className="status-line" role="status">
        {saved}
      </p>
      <TextField
        label="Cycle length (months)"
        name="cycleMonths"
        type="number"
        min={1}
        max={120}
        step={1}
        defaultValue={own?.cycleMonths ?? ''}
        error={errors.fields.cycleMonths}
      />
      <TextField
        label="Total hours"
        name="totalHours"
        type="number"
        min={0}
        max={1000}
        step={0.25}
        defaultValue={own?.totalHours ?? ''}
        error={errors.fields.totalHours}
      />
      {renewal.requirements.topics.map((topic, index) => (
        <TextField
          key={topic.topic}
          label={`Hours of ${topic.topic}`}
          name={`topic-${index}`}
          type="number"
          min={0}
          max={1000}
          step={0.25}
          defaultValue={ownTopic(topic.topic) ?? ''}
          error={index === 0 ? errors.fields.topics : undefined}
        />
      ))}
      <TextField
        label="Why (optional)"
        name="reason"
        maxLength={1000}
        hint="For example: the board’s letter of 5 January 2026."
        defaultValue={own?.reason ?? ''}
        error={errors.fields.reason}
      />
      <button type="submit" className="button button-primary" disabled={isPending}>
        {isPending ? 'Saving…' : 'Save my numbers'}
      </button>
    </form>
  );
}
