import { Navigate, useNavigate, useParams } from 'react-router';
import { isApiError } from '../../lib/api/problem';
import { PageHeader } from '../../lib/ui/page';
import { ErrorState, Loading, Notice } from '../../lib/ui/status';
import { useCurrentWorkspace } from '../workspaces/workspace-context';
import { useIncident, useUpdateIncident } from './hooks';
import { IncidentForm } from './incident-form';
import { getIncidentChanges, toIncidentForm } from './incident-form-model';

/** Correct an incident. A stale version (someone else saved first) is caught and offered a reload. */
export function EditIncidentPage() {
  const { workspaceId, can } = useCurrentWorkspace();
  const { incidentId = '' } = useParams();
  const incident = useIncident(workspaceId, incidentId);
  const update = useUpdateIncident(workspaceId, incidentId);
  const navigate = useNavigate();
  const detailPath = `/w/${encodeURIComponent(workspaceId)}/incidents/${encodeURIComponent(incidentId)}`;
  const isConflict = isApiError(update.error, { code: 'version_conflict' });

  if (!can('incidents:write')) return <Navigate to={detailPath} replace />;

  const onReload = async () => {
    // Keep the banner until the latest version has arrived and the form shows it.
    await incident.refetch();
    update.reset();
  };

  return (
    <>
      <PageHeader
        title="Edit incident"
        description="Correct what needs correcting. The audit log keeps which fields changed."
      />
      {incident.isPending ? (
        <Loading label="Loading the incident…" />
      ) : incident.isError ? (
        <ErrorState error={incident.error} onRetry={() => void incident.refetch()} />
      ) : incident.data.deletedAt !== undefined ? (
        <Notice tone="warning" title="This incident is deleted">
          <p>Restore it from its page before editing.</p>
        </Notice>
      ) : (
        <IncidentForm
          key={`${incident.data.id}-${incident.data.version}`}
          initialValues={toIncidentForm(incident.data)}
          isSaving={update.isPending}
          saveError={isConflict ? null : update.error}
          submitLabel="Save changes"
          cancelTo={detailPath}
          banner={
            isConflict ? (
              <div className="notice notice-warning" role="alert" data-testid="incident-conflict">
                <p className="notice-title">This incident changed since you opened it</p>
                <p>
                  Someone saved a newer version. Reload to see it, then make your correction again. Reloading
                  replaces what you typed here.
                </p>
                <button
                  type="button"
                  className="button"
                  onClick={() => void onReload()}
                  data-testid="incident-reload"
                >
                  {incident.isFetching ? 'Reloading…' : 'Reload the latest version'}
                </button>
              </div>
            ) : undefined
          }
          onSave={(body) => {
            const changes = getIncidentChanges(incident.data, body);
            if (Object.keys(changes).length === 0) {
              void navigate(detailPath, { state: { flash: 'No changes to save.' } });
              return;
            }
            update.mutate(
              { ...changes, version: incident.data.version },
              { onSuccess: () => void navigate(detailPath, { state: { flash: 'Changes saved.' } }) },
            );
          }}
        />
      )}
    </>
  );
}
