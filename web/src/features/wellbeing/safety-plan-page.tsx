import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { describeError } from '../../lib/api/problem';
import { formatDateTime } from '../../lib/dates';
import { TextAreaField } from '../../lib/ui/field';
import { useDocumentTitle } from '../../lib/ui/page';
import { ErrorState, FormAlert, Loading, Notice } from '../../lib/ui/status';
import { useCurrentWorkspace } from '../workspaces/workspace-context';
import {
  useSafetyPlan,
  useSafetyPlanVersion,
  useSafetyPlanVersions,
  useSaveSafetyPlan,
  type SafetyPlan,
} from './hooks';

/** The sections of a safety plan, in the order people fill them in. */
export const PLAN_SECTIONS = [
  {
    name: 'warningSigns',
    label: 'Warning signs',
    hint: 'Thoughts, moods or situations that tell me a crisis may be coming.',
  },
  { name: 'copingStrategies', label: 'Things I can do on my own', hint: 'To take my mind off problems.' },
  {
    name: 'peopleAndPlaces',
    label: 'People and places that help',
    hint: 'Who and where gives me distraction.',
  },
  { name: 'peopleToAsk', label: 'People I can ask for help', hint: 'Names and how to reach them.' },
  {
    name: 'professionals',
    label: 'Professionals and crisis lines',
    hint: 'Clinicians, local emergency services, a crisis line such as 988 in the US.',
  },
  { name: 'safeEnvironment', label: 'Making my environment safe', hint: 'Steps to keep means of harm away.' },
  { name: 'reasonsForLiving', label: 'My reasons for living' },
] as const;

type PlanValues = Record<(typeof PLAN_SECTIONS)[number]['name'], string>;

function toValues(plan: SafetyPlan | null): PlanValues {
  const values = {} as PlanValues;
  for (const section of PLAN_SECTIONS) values[section.name] = plan?.[section.name] ?? '';
  return values;
}

/** The current safety plan (editable; each save keeps the previous version) and its versions. */
export function SafetyPlanPage() {
  useDocumentTitle('Safety plan');
  const { workspaceId } = useCurrentWorkspace();
  const plan = useSafetyPlan(workspaceId);
  const versions = useSafetyPlanVersions(workspaceId);
  if (plan.isPending) return <Loading label="Loading your safety plan…" />;
  if (plan.isError) return <ErrorState error={plan.error} onRetry={() => void plan.refetch()} />;
  return (
    <>
      <section className="section" aria-labelledby="plan-heading">
        <h2 id="plan-heading">My safety plan</h2>
        {plan.data === null ? (
          <Notice title="No plan yet">Write what helps you in a crisis; you can change it any time.</Notice>
        ) : (
          <p className="record-meta" data-testid="safety-plan-current">
            {`Version ${plan.data.version}, saved ${formatDateTime(plan.data.savedAt)}. `}
            <Link to={`versions/${plan.data.version}`}>Print view</Link>
          </p>
        )}
        <PlanForm key={plan.data?.version ?? 0} plan={plan.data} />
      </section>
      <section className="section" aria-labelledby="versions-heading">
        <h2 id="versions-heading">Earlier versions</h2>
        {versions.isPending ? (
          <Loading />
        ) : versions.isError ? (
          <ErrorState error={versions.error} />
        ) : (
          <ul className="record-list" data-testid="safety-plan-versions">
            {versions.data.items.map((item) => (
              <li key={item.version}>
                <Link to={`versions/${item.version}`} data-testid="safety-plan-version">
                  {`Version ${item.version}, saved ${formatDateTime(item.savedAt)}`}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

function PlanForm({ plan }: { plan: SafetyPlan | null }) {
  const { workspaceId } = useCurrentWorkspace();
  const save = useSaveSafetyPlan(workspaceId);
  const [values, setValues] = useState<PlanValues>(() => toValues(plan));
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ ...values, ...(plan === null ? {} : { version: plan.version }) });
  };
  return (
    <form className="form" onSubmit={onSubmit}>
      {PLAN_SECTIONS.map((section) => (
        <TextAreaField
          key={section.name}
          label={section.label}
          {...('hint' in section ? { hint: section.hint } : {})}
          rows={3}
          value={values[section.name]}
          onChange={(e) => setValues((current) => ({ ...current, [section.name]: e.target.value }))}
          data-testid={`safety-plan-${section.name}`}
        />
      ))}
      {save.isError && <FormAlert message={describeError(save.error)} />}
      <div className="form-actions">
        <button
          type="submit"
          className="button button-primary"
          disabled={save.isPending}
          data-testid="safety-plan-save"
        >
          {save.isPending ? 'Saving…' : 'Save a new version'}
        </button>
      </div>
    </form>
  );
}

/** One version of the safety plan, laid out to print. */
export function SafetyPlanVersionPage() {
  const { workspaceId } = useCurrentWorkspace();
  const version = Number(useParams().version ?? '0');
  useDocumentTitle(`Safety plan, version ${version}`);
  const plan = useSafetyPlanVersion(workspaceId, version);
  if (plan.isPending) return <Loading />;
  if (plan.isError) return <ErrorState error={plan.error} onRetry={() => void plan.refetch()} />;
  return (
    <article className="print-sheet" data-testid="safety-plan-version-view">
      <div className="print-hide record-actions">
        <Link to="../.." relative="path">
          Back to my safety plan
        </Link>
        <button
          type="button"
          className="button"
          onClick={() => window.print()}
          data-testid="safety-plan-print"
        >
          Print
        </button>
      </div>
      <h2>{`Safety plan, version ${plan.data.version}${plan.data.isCurrent ? ' (current)' : ''}`}</h2>
      <p className="record-meta">{`Saved ${formatDateTime(plan.data.savedAt)}`}</p>
      {PLAN_SECTIONS.map((section) => (
        <section key={section.name} className="print-section">
          <h3>{section.label}</h3>
          <p className="preserve-lines" data-testid={`safety-plan-view-${section.name}`}>
            {plan.data[section.name] === '' ? '—' : plan.data[section.name]}
          </p>
        </section>
      ))}
    </article>
  );
}
