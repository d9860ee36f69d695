import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { describeError } from '../../lib/api/problem';
import { PageHeader } from '../../lib/ui/page';
import { EmptyState, ErrorState, FormAlert, Loading } from '../../lib/ui/status';
import { useCurrentWorkspace } from '../workspaces/workspace-context';
import { ExerciseRunner } from './exercise-runner';
import {
  useExercise,
  useNextExercises,
  useSkills,
  useStartAttempt,
  type Exercise,
  type NextExercises,
} from './hooks';
import './practice.css';

const KIND_LABEL = { review: 'Review', new: 'New', ahead: 'Optional' } as const;

/** Practice: what to do next and why, and doing one exercise at a time. */
export function PracticePage() {
  const { workspaceId } = useCurrentWorkspace();
  const next = useNextExercises(workspaceId);
  const skills = useSkills(workspaceId);
  const start = useStartAttempt(workspaceId);
  // `?exercise=<id>` opens one chosen exercise above the recommendations (a link to share or revisit).
  const [searchParams] = useSearchParams();
  const chosen = useExercise(workspaceId, searchParams.get('exercise'));
  const [current, setCurrent] = useState<{ attemptId: string; exercise: Exercise }>();

  const onStart = (exercise: Exercise) => {
    start.mutate(exercise.id, { onSuccess: (attempt) => setCurrent({ attemptId: attempt.id, exercise }) });
  };
  const skillTitle = (skillId: string) => skills.data?.items.find((s) => s.id === skillId)?.title ?? skillId;

  return (
    <>
      <PageHeader
        title="Practice"
        description="Short exercises for calm co-parent communication and careful clinical practice. What comes next is chosen for you, and each choice says why."
        actions={
          <>
            <Link
              className="button"
              to={`/w/${encodeURIComponent(workspaceId)}/practice/assessments`}
              data-testid="practice-assessments-link"
            >
              Take an assessment
            </Link>
            <Link
              className="button"
              to={`/w/${encodeURIComponent(workspaceId)}/practice/progress`}
              data-testid="practice-progress-link"
            >
              Your progress
            </Link>
          </>
        }
      />
      {current !== undefined ? (
        <ExerciseRunner
          key={current.attemptId}
          workspaceId={workspaceId}
          attemptId={current.attemptId}
          exercise={current.exercise}
          onNext={() => setCurrent(undefined)}
        />
      ) : next.isPending ? (
        <Loading label="Choosing your next exercises…" />
      ) : next.isError ? (
        <ErrorState error={next.error} onRetry={() => void next.refetch()} />
      ) : (
        <>
          {chosen.data !== undefined && (
            <ChosenExercise exercise={chosen.data} onStart={onStart} isStarting={start.isPending} />
          )}
          {chosen.isError && <FormAlert message={describeError(chosen.error)} />}
          <NextList next={next.data} skillTitle={skillTitle} onStart={onStart} isStarting={start.isPending} />
        </>
      )}
      <FormAlert message={start.isError ? describeError(start.error) : undefined} />
    </>
  );
}

type NextListProps = {
  next: NextExercises;
  skillTitle: (skillId: string) => string;
  onStart: (exercise: Exercise) => void;
  isStarting: boolean;
};

function NextList({ next, skillTitle, onStart, isStarting }: NextListProps) {
  if (next.items.length === 0)
    return (
      <EmptyState title="Nothing to practise right now">
        <p>You have done today’s exercises. Come back tomorrow; nothing is lost by taking a day off.</p>
      </EmptyState>
    );
  return (
    <section className="section" aria-labelledby="next-heading">
      <h2 id="next-heading">Next for you</h2>
      {next.mode === 'catch-up' && (
        <p className="notice notice-info" data-testid="practice-catch-up">
          Welcome back. {next.dueCount}
          {next.isDueCountLowerBound ? ' or more' : ''} reviews were waiting; today shows the ones most worth
          doing first, and the rest are spread over the next days.
        </p>
      )}
      <ol className="practice-next" data-testid="practice-next-list">
        {next.items.map((item) => (
          <li key={item.exercise.id} className="practice-card" data-testid="practice-recommendation">
            <p className="practice-card-meta">
              <span className="badge">{KIND_LABEL[item.kind]}</span> {skillTitle(item.exercise.skillId)}
            </p>
            <h3>{item.exercise.title}</h3>
            <p className="muted">{item.reason}</p>
            <button
              type="button"
              className="button button-primary"
              onClick={() => onStart(item.exercise)}
              disabled={isStarting}
              aria-label={`Start: ${item.exercise.title}`}
              data-testid="practice-start"
            >
              Start
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
}

type ChosenProps = { exercise: Exercise; onStart: (exercise: Exercise) => void; isStarting: boolean };

/** The exercise a link opened, to start before or instead of the recommendations. */
function ChosenExercise({ exercise, onStart, isStarting }: ChosenProps) {
  return (
    <section className="section" aria-labelledby="chosen-heading" data-testid="practice-chosen">
      <h2 id="chosen-heading">The exercise you opened</h2>
      <div className="practice-card">
        <h3>{exercise.title}</h3>
        <button
          type="button"
          className="button button-primary"
          onClick={() => onStart(exercise)}
          disabled={isStarting}
          aria-label={`Start: ${exercise.title}`}
          data-testid="practice-start-chosen"
        >
          Start
        </button>
      </div>
    </section>
  );
}
