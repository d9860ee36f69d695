import { useMemo, useState } from 'react';
import { describeError } from '../../lib/api/problem';
import { ConfirmButton } from '../../lib/ui/confirm-button';
import { useDocumentTitle } from '../../lib/ui/page';
import { EmptyState, ErrorState, FormAlert, LoadMore, Loading } from '../../lib/ui/status';
import { useCurrentWorkspace } from '../workspaces/workspace-context';
import { ActivityForm } from './activity-form';
import { CertificateReader, type Reading } from './certificate-reader';
import { CertificatesSection } from './certificates-section';
import { PendingCompletions } from './pending-completions';
import { attachCertificate } from './extraction-hooks';
import {
  useActivities,
  useCreateActivity,
  useDeleteActivity,
  useAllocations,
  type Activity,
} from './activity-hooks';
import { useCatalogue, useLicenses } from './license-hooks';

const FORMAT_LABELS: Record<string, string> = {
  'live-in-person': 'Live, in person',
  'live-online': 'Live, online',
  'self-study': 'Self-study',
};

/** An activity's certificate, loaded only once opened so a long list asks for none up front. */
function CertificateDisclosure({
  workspaceId,
  activity,
  canWrite,
}: {
  workspaceId: string;
  activity: Activity;
  canWrite: boolean;
}) {
  const [isOpen, setIsOpen] = useState(false);
  return (
    <details onToggle={(event) => setIsOpen(event.currentTarget.open)}>
      <summary>Certificate</summary>
      {isOpen && (
        <CertificatesSection
          workspaceId={workspaceId}
          recordType="ce-activity"
          recordId={activity.id}
          title={`Certificate of ${activity.title}`}
          canWrite={canWrite}
        />
      )}
    </details>
  );
}

/** CE activities: log one, see what each counted for, remove one. */
export function ActivitiesPage() {
  useDocumentTitle('CE activities');
  const { workspaceId, can } = useCurrentWorkspace();
  const activities = useActivities(workspaceId);
  const allocations = useAllocations(workspaceId);
  const licenses = useLicenses(workspaceId);
  const catalogue = useCatalogue(workspaceId);
  const create = useCreateActivity(workspaceId);
  const remove = useDeleteActivity(workspaceId);
  const canWrite = can('credentials:write');
  const [reading, setReading] = useState<Reading | undefined>();
  // A new reading fills the form afresh with its suggestions; saving keeps the form (and its
  // "logged" status) and only clears what it was filled from.
  const [formKey, setFormKey] = useState(0);
  const onReading = (next: Reading | undefined) => {
    setReading(next);
    if (next?.extraction !== undefined) setFormKey((key) => key + 1);
  };

  // Saves what the person confirmed, then keeps the certificate it came from with the activity.
  const onSave = async (body: Parameters<typeof create.mutateAsync>[0]) => {
    const activity = await create.mutateAsync(body);
    if (reading !== undefined) await attachCertificate(workspaceId, activity.id, reading.documentId);
    setReading(undefined);
    return activity;
  };

  // The topics of the rules of the licenses held here, so an activity names them as the rule does.
  const topicSuggestions = useMemo(() => {
    const held = new Set((licenses.data?.items ?? []).map((l) => `${l.jurisdiction} ${l.credentialType}`));
    const topics = (catalogue.data?.rules ?? [])
      .filter((rule) => held.has(`${rule.jurisdiction} ${rule.license.split(/[\s(]/, 1)[0] ?? ''}`))
      .flatMap((rule) => rule.topics.map((t) => t.topic));
    return [...new Set(topics)];
  }, [licenses.data, catalogue.data]);
  const explained = new Map((allocations.data?.allocations ?? []).map((a) => [a.activityId, a.lines]));
  const items = activities.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <>
      <PendingCompletions workspaceId={workspaceId} canWrite={canWrite} />
      {canWrite && (
        <section className="section" aria-labelledby="log-activity-heading">
          <h2 id="log-activity-heading">Log a CE activity</h2>
          <CertificateReader workspaceId={workspaceId} reading={reading} onReading={onReading} />
          <ActivityForm
            key={formKey}
            topicSuggestions={topicSuggestions}
            isPending={create.isPending}
            onSubmit={onSave}
            suggestion={reading?.extraction}
          />
        </section>
      )}
      <section className="section" aria-labelledby="activities-heading">
        <h2 id="activities-heading">Activities</h2>
        <FormAlert message={remove.isError ? describeError(remove.error) : undefined} />
        {activities.isPending ? (
          <Loading label="Loading activities…" />
        ) : activities.isError ? (
          <ErrorState error={activities.error} onRetry={() => void activities.refetch()} />
        ) : items.length === 0 ? (
          <EmptyState title="No activities yet">
            <p>
              Log the first course you completed: its hours count toward every license whose cycle it falls
              in.
            </p>
          </EmptyState>
        ) : (
          <ul className="card-list" data-testid="activities-list">
            {items.map((activity) => (
              <li key={activity.id} className="card">
                <h3>{activity.title}</h3>
                <p>
                  {activity.completedOn} · {activity.hours} h ·{' '}
                  {FORMAT_LABELS[activity.format] ?? activity.format}
                  {activity.provider !== '' && ` · ${activity.provider}`}
                </p>
                {activity.certificateNumber !== undefined && activity.certificateNumber !== '' && (
                  <p>Certificate number: {activity.certificateNumber}</p>
                )}
                {activity.extractedWith !== undefined && (
                  <p className="muted small" data-testid="extracted-with">
                    Filled from the certificate with AI suggestions you checked (prompt{' '}
                    {activity.extractedWith.promptVersion}).
                  </p>
                )}
                {activity.reportedBy !== undefined && (
                  <p className="muted small">Reported by {activity.reportedBy.providerName}.</p>
                )}
                {activity.topics.length > 0 && (
                  <p>Topics: {activity.topics.map((t) => `${t.topic} (${t.hours} h)`).join(', ')}</p>
                )}
                {(explained.get(activity.id) ?? []).length > 0 && (
                  <ul className="plain-list" aria-label={`What ${activity.title} counted for`}>
                    {(explained.get(activity.id) ?? []).map((line) => (
                      <li key={line}>{line}</li>
                    ))}
                  </ul>
                )}
                <CertificateDisclosure workspaceId={workspaceId} activity={activity} canWrite={canWrite} />
                {canWrite && (
                  <ConfirmButton
                    label="Delete"
                    accessibleLabel={`Delete ${activity.title}`}
                    question={`Delete “${activity.title}”?`}
                    confirmLabel="Yes, delete"
                    isPending={remove.isPending}
                    onConfirm={() => remove.mutate(activity.id)}
                  />
                )}
              </li>
            ))}
          </ul>
        )}
        <LoadMore query={activities} label="Load more activities" testId="activities-more" />
      </section>
    </>
  );
}
