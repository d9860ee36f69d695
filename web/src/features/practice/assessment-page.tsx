import { useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { describeError } from '../../lib/api/problem';
import { PageHeader } from '../../lib/ui/page';
import { ErrorState, FormAlert, Loading, Notice } from '../../lib/ui/status';
import { useCurrentWorkspace } from '../workspaces/workspace-context';
import {
  useStartAssessment,
  useSubmitAssessment,
  type Assessment,
  type StartedAssessment,
} from './assessment-hooks';
import {
  buildAssessmentAnswers,
  describeLevelChange,
  EMPTY_QUESTION,
  type QuestionDraft,
} from './assessment-model';
import { AssessmentQuestion } from './assessment-question';
import { AssessmentTimer } from './assessment-timer';
import { useProgress, type Progress } from './hooks';
import { levelLabel, percent } from './progress-model';
import './practice.css';

type Level = Progress['skills'][number]['level'];

/** Assessments: a timed set across one skill, scored, turned into mastery. */
export function AssessmentPage() {
  const { workspaceId } = useCurrentWorkspace();
  const progress = useProgress(workspaceId);
  const start = useStartAssessment(workspaceId);
  const [taking, setTaking] = useState<{ started: StartedAssessment; levelBefore: Level | undefined }>();
  const [result, setResult] = useState<{ assessment: Assessment; levelBefore: Level | undefined }>();

  const levelOf = (skillId: string) => progress.data?.skills.find((s) => s.skillId === skillId)?.level;
  const onStart = (skillId: string) => {
    setResult(undefined);
    start.mutate(skillId, {
      onSuccess: (started) => setTaking({ started, levelBefore: levelOf(skillId) }),
    });
  };

  return (
    <>
      <PageHeader
        title="Assessments"
        description="A timed set of questions across one skill. Your score earns a mastery level; a late submission is kept but does not count."
        actions={
          <Link className="button" to={`/w/${encodeURIComponent(workspaceId)}/practice`}>
            Back to practice
          </Link>
        }
      />
      {result !== undefined ? (
        <AssessmentResult
          assessment={result.assessment}
          levelBefore={result.levelBefore}
          levelAfter={progress.isFetching ? undefined : levelOf(result.assessment.skillId)}
          skillTitle={progress.data?.skills.find((s) => s.skillId === result.assessment.skillId)?.title}
          progressUrl={`/w/${encodeURIComponent(workspaceId)}/practice/progress`}
          onAnother={() => setResult(undefined)}
        />
      ) : taking !== undefined ? (
        <AssessmentForm
          key={taking.started.assessment.id}
          workspaceId={workspaceId}
          started={taking.started}
          onSubmitted={(assessment) => {
            setResult({ assessment, levelBefore: taking.levelBefore });
            setTaking(undefined);
          }}
        />
      ) : progress.isPending ? (
        <Loading label="Loading your skills…" />
      ) : progress.isError ? (
        <ErrorState error={progress.error} onRetry={() => void progress.refetch()} />
      ) : (
        <SkillChooser progress={progress.data} onStart={onStart} isStarting={start.isPending} />
      )}
      <FormAlert message={start.isError ? describeError(start.error) : undefined} />
    </>
  );
}

function SkillChooser({
  progress,
  onStart,
  isStarting,
}: {
  progress: Progress;
  onStart: (skillId: string) => void;
  isStarting: boolean;
}) {
  const headingId = useId();
  const [skillId, setSkillId] = useState(progress.skills[0]?.skillId ?? '');
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (skillId !== '') onStart(skillId);
  };
  return (
    <section className="section" aria-labelledby={headingId}>
      <h2 id={headingId}>Take an assessment</h2>
      <form onSubmit={onSubmit} className="practice-assessment-start">
        <label className="field">
          <span className="field-label">Skill</span>
          <select
            value={skillId}
            onChange={(event) => setSkillId(event.target.value)}
            data-testid="assessment-skill"
          >
            {progress.skills.map((skill) => (
              <option key={skill.skillId} value={skill.skillId}>
                {skill.title} ({levelLabel(skill.level)})
              </option>
            ))}
          </select>
        </label>
        <button
          type="submit"
          className="button button-primary"
          disabled={isStarting || skillId === ''}
          data-testid="assessment-start"
        >
          {isStarting ? 'Starting…' : 'Start the timed assessment'}
        </button>
      </form>
      <p className="muted">
        About 90 seconds per multiple-choice question and 5 minutes per written one; the clock starts when you
        press start.
      </p>
    </section>
  );
}

function AssessmentForm({
  workspaceId,
  started,
  onSubmitted,
}: {
  workspaceId: string;
  started: StartedAssessment;
  onSubmitted: (assessment: Assessment) => void;
}) {
  const submit = useSubmitAssessment(workspaceId);
  const [drafts, setDrafts] = useState<Record<string, QuestionDraft>>({});
  const headingId = useId();
  const { assessment, exercises } = started;
  const answered = buildAssessmentAnswers(exercises, drafts).length;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    submit.mutate(
      { assessmentId: assessment.id, body: { answers: buildAssessmentAnswers(exercises, drafts) } },
      { onSuccess: onSubmitted },
    );
  };
  return (
    <section className="section" aria-labelledby={headingId} data-testid="assessment-form">
      <h2 id={headingId} tabIndex={-1} ref={(node) => node?.focus()}>
        Assessment: {exercises.length} questions
      </h2>
      <AssessmentTimer deadline={assessment.deadline} />
      <form onSubmit={onSubmit} noValidate>
        {exercises.map((exercise, index) => (
          <AssessmentQuestion
            key={exercise.id}
            exercise={exercise}
            number={index + 1}
            draft={drafts[exercise.id] ?? EMPTY_QUESTION}
            onChange={(draft) => setDrafts({ ...drafts, [exercise.id]: draft })}
          />
        ))}
        <p className="muted" aria-live="polite">
          {answered} of {exercises.length} answered; an unanswered question counts 0.
        </p>
        <FormAlert message={submit.isError ? describeError(submit.error) : undefined} />
        <button
          type="submit"
          className="button button-primary"
          disabled={submit.isPending}
          data-testid="assessment-submit"
        >
          {submit.isPending ? 'Scoring…' : 'Submit my answers'}
        </button>
      </form>
    </section>
  );
}

function AssessmentResult({
  assessment,
  levelBefore,
  levelAfter,
  skillTitle,
  progressUrl,
  onAnother,
}: {
  assessment: Assessment;
  levelBefore: Level | undefined;
  levelAfter: Level | undefined;
  skillTitle: string | undefined;
  progressUrl: string;
  onAnother: () => void;
}) {
  const headingId = useId();
  return (
    <section className="section" aria-labelledby={headingId} data-testid="assessment-result">
      <h2 id={headingId} tabIndex={-1} ref={(node) => node?.focus()}>
        {skillTitle ?? assessment.skillId}: {percent(assessment.score ?? 0)}
      </h2>
      <p data-testid="assessment-mastery" aria-live="polite">
        {describeLevelChange(levelBefore, levelAfter)}
      </p>
      {assessment.isLate === true && (
        <Notice tone="warning" title="Submitted after the time limit">
          The result is kept in your history but does not count toward mastery.
        </Notice>
      )}
      <div className="practice-actions">
        <button type="button" className="button button-primary" onClick={onAnother}>
          Take another assessment
        </button>
        <Link className="button" to={progressUrl} data-testid="assessment-progress-link">
          See your progress
        </Link>
      </div>
    </section>
  );
}
