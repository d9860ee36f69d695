import { Link } from 'react-router';
import { PageHeader } from '../../lib/ui/page';
import { EmptyState, ErrorState, Loading } from '../../lib/ui/status';
import { useCurrentWorkspace } from '../workspaces/workspace-context';
import { useProgress, type Progress } from './hooks';
import { ActivityChart, MasteryChart } from './progress-charts';
import { describeCalibration, percent } from './progress-model';
import './practice.css';

/** Progress: mastery per skill, recent activity and how well you are likely to remember. */
export function ProgressPage() {
  const { workspaceId } = useCurrentWorkspace();
  const progress = useProgress(workspaceId);
  return (
    <>
      <PageHeader
        title="Your progress"
        description="Mastery per skill from your assessments, and your practice over the last eight weeks. Missing a day costs nothing."
        actions={
          <Link className="button" to={`/w/${encodeURIComponent(workspaceId)}/practice`}>
            Back to practice
          </Link>
        }
      />
      {progress.isPending ? (
        <Loading label="Loading your progress…" />
      ) : progress.isError ? (
        <ErrorState error={progress.error} onRetry={() => void progress.refetch()} />
      ) : (
        <ProgressView
          progress={progress.data}
          practiceUrl={`/w/${encodeURIComponent(workspaceId)}/practice`}
        />
      )}
    </>
  );
}

function ProgressView({ progress, practiceUrl }: { progress: Progress; practiceUrl: string }) {
  const notes = progress.skills.flatMap((skill) => {
    const note = describeCalibration(skill.calibration);
    return note === undefined ? [] : [{ skill: skill.title, note }];
  });
  if (progress.retention.cards === 0 && progress.skills.every((s) => s.level === 'not-started'))
    return (
      <EmptyState
        title="No practice yet"
        action={
          <Link className="button button-primary" to={practiceUrl}>
            Do your first exercise
          </Link>
        }
      >
        <p>Your progress shows here once you have done an exercise.</p>
      </EmptyState>
    );
  return (
    <>
      <ul className="practice-figures" data-testid="practice-figures">
        <li>
          <strong data-testid="practice-active-days">{progress.activeDaysLast28}</strong> active days in the
          last 28
        </li>
        <li>
          <strong>{percent(progress.retention.now)}</strong> predicted recall today
        </li>
        <li>
          <strong>{percent(progress.retention.in7Days)}</strong> in 7 days without practice
        </li>
        <li>
          <strong>{percent(progress.retention.in30Days)}</strong> in 30 days without practice
        </li>
      </ul>
      <section className="section" aria-labelledby="mastery-heading">
        <h2 id="mastery-heading">Mastery per skill</h2>
        <MasteryChart skills={progress.skills} />
        {notes.length > 0 && (
          <ul data-testid="practice-calibration">
            {notes.map(({ skill, note }) => (
              <li key={skill}>
                {skill}: {note}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="section" aria-labelledby="activity-heading">
        <h2 id="activity-heading">Recent activity</h2>
        <ActivityChart weeks={progress.weeks} />
      </section>
    </>
  );
}
