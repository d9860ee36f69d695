import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api/client';
import { describeError } from '../../lib/api/problem';
import { queryKeys } from '../../lib/api/query-keys';
import { FormAlert, Loading } from '../../lib/ui/status';
import { useWorkspaceQuery } from '../workspaces/hooks';

function useSetRequirement(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (isRequired: boolean) =>
      unwrap(
        api.PUT('/v1/workspaces/{workspaceId}/second-factor-requirement', {
          params: { path: { workspaceId } },
          body: { isRequired },
        }),
      ),
    onSuccess: (workspace) => queryClient.setQueryData(queryKeys.workspace(workspaceId), workspace),
  });
}

/**
 * Owners and admins require a second factor of everyone who opens the workspace. The API asks
 * for their own fresh factor first (the step-up prompt opens when it does).
 */
export function SecondFactorRequirementSection({ workspaceId }: { workspaceId: string }) {
  const workspace = useWorkspaceQuery(workspaceId);
  const setRequirement = useSetRequirement(workspaceId);
  return (
    <section className="section card" aria-labelledby="second-factor-requirement-heading">
      <h2 id="second-factor-requirement-heading">Second factor for everyone</h2>
      {workspace.data === undefined ? (
        <Loading label="Loading the workspace…" />
      ) : (
        <>
          <div className="checkbox-row">
            <input
              id="second-factor-requirement"
              type="checkbox"
              checked={workspace.data.secondFactorRequired}
              disabled={setRequirement.isPending}
              onChange={(event) => setRequirement.mutate(event.target.checked)}
              data-testid="second-factor-requirement"
            />
            <label htmlFor="second-factor-requirement">
              Require a passkey or an authenticator app of every member who opens this workspace
            </label>
          </div>
          <p className="muted small">
            Members without one are asked to set one up before they see anything here; their own account stays
            open. API keys keep working.
          </p>
        </>
      )}
      <FormAlert message={setRequirement.isError ? describeError(setRequirement.error) : undefined} />
    </section>
  );
}
