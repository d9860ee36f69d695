import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { describeError } from '../../lib/api/problem';
import type { Incident } from '../../lib/api/types';
import { formatDateTime, getBrowserTimeZone, isValidTimeZone } from '../../lib/dates';
import { useFlash } from '../../lib/ui/flash';
import { PageHeader } from '../../lib/ui/page';
import { ErrorState, FormAlert, Loading } from '../../lib/ui/status';
import { AttachmentsSection } from '../documents/attachments-section';
import { useMembers } from '../members/hooks';
import { useCurrentWorkspace } from '../workspaces/workspace-context';
import { CATEGORY_LABELS } from './categories';
import { useDeleteIncident, useIncident, useRestoreIncident } from './hooks';
import { CategoryBadge, NameList } from './incident-parts';

/** One incident, as recorded, with its record history and the edit, delete and restore actions. */
export function IncidentDetailPage() {
  const { workspaceId, can } = useCurrentWorkspace();
  const { incidentId = '' } = useParams();
  const query = useIncident(workspaceId, incidentId);
  const listPath = `/w/${encodeURIComponent(workspaceId)}/incidents`;
  const incident = query.data;

  return (
    <>
      <PageHeader
        title={incident === undefined ? 'Incident' : CATEGORY_LABELS[incident.category]}
        documentTitle="Incident"
        description={
          incident === undefined ? undefined : formatDateTime(incident.occurredAt, incident.timeZone)
        }
        actions={
          incident !== undefined && incident.deletedAt === undefined && can('incidents:write') ? (
            <Link
              to={`${listPath}/${encodeURIComponent(incident.id)}/edit`}
              className="button button-primary"
              data-testid="incident-edit"
            >
              Edit
            </Link>
          ) : undefined
        }
      />
      <p>
        <Link to={listPath}>← All incidents</Link>
      </p>
      {query.isPending ? (
        <Loading label="Loading the incident…" />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <IncidentDetail incident={query.data} workspaceId={workspaceId} canWrite={can('incidents:write')} />
      )}
    </>
  );
}

type IncidentDetailProps = { incident: Incident; workspaceId: string; canWrite: boolean };

function IncidentDetail({ incident, workspaceId, canWrite }: IncidentDetailProps) {
  const flash = useFlash();
  const [status, setStatus] = useState<string | undefined>(flash);
  const [justDeleted, setJustDeleted] = useState(false);
  const remove = useDeleteIncident(workspaceId, incident.id);
  const restore = useRestoreIncident(workspaceId);
  const members = useMembers(workspaceId);
  const author = members.data?.items.find((member) => member.userId === incident.createdBy);
  const readerZone = getBrowserTimeZone();
  const isDeleted = incident.deletedAt !== undefined;

  const onDelete = () => {
    remove.mutate(undefined, {
      onSuccess: () => {
        setJustDeleted(true);
        setStatus('Incident deleted. You can undo this.');
      },
    });
  };

  const onRestore = () => {
    restore.mutate(incident.id, {
      onSuccess: () => {
        setJustDeleted(false);
        setStatus('Incident restored.');
      },
    });
  };

  return (
    <>
      <p className="status-line" role="status" data-testid="incident-status">
        {status ?? ''}
      </p>
      <FormAlert
        message={
          remove.isError
            ? describeError(remove.error)
            : restore.isError
              ? describeError(restore.error)
              : undefined
        }
      />
      {isDeleted && (
        <div className="notice notice-warning" data-testid="incident-deleted">
          <p className="notice-title">{justDeleted ? 'Incident deleted' : 'This incident is deleted'}</p>
          <p>
            Deleted {formatDateTime(incident.deletedAt ?? '')}. It is hidden from the list and the timeline,
            and the audit log keeps a record of the deletion.
          </p>
          {canWrite && (
            <button
              type="button"
              className="button"
              onClick={onRestore}
              disabled={restore.isPending}
              data-testid="incident-restore"
            >
              {restore.isPending ? 'Restoring…' : justDeleted ? 'Undo delete' : 'Restore incident'}
            </button>
          )}
        </div>
      )}

      <article className="card incident-detail" data-testid="incident-detail">
        <dl className="detail-list">
          <div>
            <dt>When</dt>
            <dd>
              {formatDateTime(incident.occurredAt, incident.timeZone)}
              <span className="muted"> · {incident.timeZone.replace(/_/g, ' ')}</span>
              {isValidTimeZone(incident.timeZone) && readerZone !== incident.timeZone && (
                <span className="muted small block">
                  Your time: {formatDateTime(incident.occurredAt, readerZone)}
                </span>
              )}
            </dd>
          </div>
          <div>
            <dt>Category</dt>
            <dd>
              <CategoryBadge category={incident.category} />
            </dd>
          </div>
          <div>
            <dt>Location</dt>
            <dd>
              {incident.location !== '' ? incident.location : <span className="muted">Not recorded</span>}
            </dd>
          </div>
          <div>
            <dt>Children present</dt>
            <dd>
              <NameList values={incident.childrenPresent} label="Children present" />
            </dd>
          </div>
          <div>
            <dt>People involved</dt>
            <dd>
              <NameList values={incident.peopleInvolved} label="People involved" />
            </dd>
          </div>
          <div>
            <dt>Witnesses</dt>
            <dd>
              <NameList values={incident.witnesses} label="Witnesses" />
            </dd>
          </div>
          <div>
            <dt>Follow-up needed</dt>
            <dd>{incident.followUpNeeded ? <strong>Yes</strong> : 'No'}</dd>
          </div>
          <div>
            <dt>Tags</dt>
            <dd>
              <NameList values={incident.tags} label="Tags" />
            </dd>
          </div>
        </dl>
        <h2 className="section-title">What happened</h2>
        <div className="narrative" data-testid="incident-narrative-text">
          {incident.narrative}
        </div>
      </article>

      <AttachmentsSection
        workspaceId={workspaceId}
        recordType="incident"
        recordId={incident.id}
        canWrite={canWrite && !isDeleted}
      />

      <section className="section" aria-labelledby="record-heading">
        <h2 id="record-heading">Record</h2>
        <dl className="detail-list detail-list-compact">
          <div>
            <dt>Recorded</dt>
            <dd>
              {formatDateTime(incident.createdAt)}
              {author !== undefined && ` by ${author.displayName !== '' ? author.displayName : author.email}`}
            </dd>
          </div>
          <div>
            <dt>Last changed</dt>
            <dd>{formatDateTime(incident.updatedAt)}</dd>
          </div>
          <div>
            <dt>Version</dt>
            <dd>{incident.version}</dd>
          </div>
          <div>
            <dt>Record id</dt>
            <dd>
              <code>{incident.id}</code>
            </dd>
          </div>
        </dl>
        <p className="muted small">
          Every change to this incident is written to the workspace’s{' '}
          <Link to={`/w/${encodeURIComponent(workspaceId)}/audit`}>audit log</Link>.
        </p>
        {canWrite && !isDeleted && (
          <div className="danger-zone">
            <button
              type="button"
              className="button button-danger-quiet"
              onClick={onDelete}
              disabled={remove.isPending}
              data-testid="incident-delete"
            >
              {remove.isPending ? 'Deleting…' : 'Delete incident'}
            </button>
            <p className="muted small">
              Deleting hides it from the list and the timeline. You can restore it.
            </p>
          </div>
        )}
      </section>
    </>
  );
}
