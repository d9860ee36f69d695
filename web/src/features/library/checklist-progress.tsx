import { describeError } from '../../lib/api/problem';
import { FormAlert } from '../../lib/ui/status';
import { useTickChecklist, type Checklist } from './hooks';

type Props = { workspaceId: string; checklist: Checklist; canWrite: boolean };

/** A copied checklist: its progress and a box per step, saved at the version shown. */
export function ChecklistProgress({ workspaceId, checklist, canWrite }: Props) {
  const tick = useTickChecklist(workspaceId);
  const headingId = `checklist-${checklist.id}`;
  const onToggle = (stepId: string, isDone: boolean) => {
    const done = checklist.steps.filter((step) => step.done && step.id !== stepId).map((step) => step.id);
    tick.mutate({
      checklistId: checklist.id,
      version: checklist.version,
      doneStepIds: isDone ? [...done, stepId] : done,
    });
  };
  return (
    <section className="library-checklist" aria-labelledby={headingId} data-testid="library-checklist">
      <h3 id={headingId}>{checklist.title}</h3>
      <p data-testid="library-checklist-progress">
        <progress max={checklist.totalCount} value={checklist.doneCount} aria-labelledby={headingId} />{' '}
        {checklist.doneCount} of {checklist.totalCount} done
      </p>
      <ul className="library-steps">
        {checklist.steps.map((step) => (
          <li key={step.id}>
            <label>
              <input
                type="checkbox"
                checked={step.done}
                disabled={!canWrite || tick.isPending}
                onChange={(event) => onToggle(step.id, event.target.checked)}
              />{' '}
              {step.text}
            </label>
          </li>
        ))}
      </ul>
      <FormAlert message={tick.isError ? describeError(tick.error) : undefined} />
    </section>
  );
}
