import { useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { createIdempotencyKey } from '../../lib/api/client';
import { getBrowserTimeZone } from '../../lib/dates';
import { PageHeader } from '../../lib/ui/page';
import { useCurrentWorkspace } from '../workspaces/workspace-context';
import { useCreateIncident } from './hooks';
import { IncidentForm } from './incident-form';
import { createEmptyIncidentForm, fromTemplate } from './incident-form-model';

/** Record a new incident. */
export function NewIncidentPage() {
  const { workspaceId, can } = useCurrentWorkspace();
  const create = useCreateIncident(workspaceId);
  const navigate = useNavigate();
  const location = useLocation();
  // A library template opens this page with its category and narrative to start from.
  const [initialValues] = useState(() =>
    fromTemplate(createEmptyIncidentForm(getBrowserTimeZone()), location.state),
  );
  const [idempotencyKey] = useState(createIdempotencyKey);
  const base = `/w/${encodeURIComponent(workspaceId)}/incidents`;

  if (!can('incidents:write')) return <Navigate to={base} replace />;

  return (
    <>
      <PageHeader
        title="New incident"
        description="Write it down while it is fresh. You can correct any field later; every change is kept in the audit log."
      />
      <IncidentForm
        initialValues={initialValues}
        isSaving={create.isPending}
        saveError={create.error}
        submitLabel="Save incident"
        cancelTo={base}
        onSave={(body) =>
          create.mutate(
            { body, idempotencyKey },
            {
              onSuccess: (incident) =>
                void navigate(`${base}/${encodeURIComponent(incident.id)}`, {
                  state: { flash: 'Incident saved.' },
                }),
            },
          )
        }
      />
    </>
  );
}
