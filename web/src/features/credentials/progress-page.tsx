import { useDocumentTitle } from '../../lib/ui/page';
import { EmptyState, ErrorState, Loading } from '../../lib/ui/status';
import { useCurrentWorkspace } from '../workspaces/workspace-context';
import { useProgress, type LicenseProgress } from './activity-hooks';
import { TranscriptLinks } from './transcript-links';

const APPLIES: Record<string, string> = {
  required: 'required this cycle',
  once: 'once in a career: count it if you have not met it yet',
  check: 'not every cycle: check whether this renewal is one',
  'not-this-cycle': 'not required this cycle',
};

/** One requirement as a bar: earned of needed, with the figures in words beside it. */
function Bar({
  label,
  needed,
  earned,
  remaining,
}: {
  label: string;
  needed: number | null;
  earned: number;
  remaining: number | null;
}) {
  const words =
    needed === null
      ? `${earned} h earned; hours needed unknown (no source stated them)`
      : `${earned} of ${needed} h, ${remaining ?? 0} h to go`;
  return (
    <div className="progress-row">
      <span>{label}</span>
      {needed === null ? (
        <span aria-hidden="true">—</span>
      ) : (
        <progress
          max={needed === 0 ? 1 : needed}
          value={Math.min(earned, needed === 0 ? 1 : needed)}
          aria-label={`${label}: ${words}`}
        />
      )}
      <span className="progress-figures">{words}</span>
    </div>
  );
}

function LicenseCard({ workspaceId, license }: { workspaceId: string; license: LicenseProgress }) {
  const headingId = `progress-${license.licenseId}`;
  return (
    <section className="section card" aria-labelledby={headingId} data-testid="license-progress">
      <h2 id={headingId}>{license.label}</h2>
      {license.cycle === null ? (
        <p>{license.reason}</p>
      ) : (
        <p>
          Cycle {license.cycle.startsOn} to {license.cycle.endsOn} · {license.daysLeft} days left
          {license.isAtRisk && <strong> · At risk: hours are missing and the cycle ends soon</strong>}
        </p>
      )}
      <Bar
        label="Total"
        needed={license.total.needed}
        earned={license.total.earned}
        remaining={license.total.remaining}
      />
      {license.topics.map((topic) => (
        <div key={topic.topic}>
          <Bar label={topic.topic} needed={topic.needed} earned={topic.earned} remaining={topic.remaining} />
          <p className="field-hint">{APPLIES[topic.applies] ?? topic.applies}</p>
        </div>
      ))}
      {license.capped.map((cap) => (
        <p key={cap.kind}>
          {cap.excludedHours} h not counted toward the total: the board counts at most {cap.capHours} h of{' '}
          {CAP_KIND[cap.kind] ?? 'this kind of study'}.
        </p>
      ))}
      {license.cycle !== null && (
        <TranscriptLinks workspaceId={workspaceId} licenseId={license.licenseId} label={license.label} />
      )}
    </section>
  );
}

/** Each license's current cycle: hours needed, earned and remaining, in total and per topic. */
/** What each capped kind of study is called, from the requirement catalogue's limit names. */
const CAP_KIND: Record<string, string> = {
  'max-self-study': 'self-study',
  'max-home-study': 'home study',
  'max-independent-learning': 'independent learning',
  'max-correspondence': 'correspondence courses',
  'max-asynchronous': 'self-paced (asynchronous) courses',
  'max-online': 'online courses',
  'max-distance-learning': 'distance learning',
};

export function ProgressPage() {
  useDocumentTitle('CE progress');
  const { workspaceId } = useCurrentWorkspace();
  const progress = useProgress(workspaceId);
  if (progress.isPending) return <Loading label="Totalling your hours…" />;
  if (progress.isError) return <ErrorState error={progress.error} onRetry={() => void progress.refetch()} />;
  if (progress.data.licenses.length === 0)
    return (
      <EmptyState title="No licenses yet">
        <p>Add a license first: progress is counted per license and renewal cycle.</p>
      </EmptyState>
    );
  return (
    <>
      {progress.data.licenses.map((license) => (
        <LicenseCard key={license.licenseId} workspaceId={workspaceId} license={license} />
      ))}
    </>
  );
}
