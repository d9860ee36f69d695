import { useEffect, useMemo } from 'react';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../lib/api/problem';
import { PageHeader } from '../../lib/ui/page';
import { ErrorState, Loading } from '../../lib/ui/status';
import { useCurrentUser } from '../auth/current-user';
import { BillingBanners } from '../billing/billing-banners';
import { useWorkspaceQuery } from './hooks';
import { forgetWorkspace, rememberWorkspace } from './last-workspace';
import { toCurrentWorkspace, WorkspaceContext } from './workspace-context';
import { PageOutlet } from '../../app/page-outlet';

/** Loads the workspace named in the URL, remembers it as the last one, and provides it to its pages. */
export function WorkspaceLayout() {
  const { workspaceId = '' } = useParams();
  const me = useCurrentUser();
  const query = useWorkspaceQuery(workspaceId);
  const isMissing = isApiError(query.error, { status: 404 }) || isApiError(query.error, { status: 403 });

  useEffect(() => {
    if (query.data !== undefined) rememberWorkspace(me.user.id, query.data.id);
    if (isMissing) forgetWorkspace(me.user.id);
  }, [query.data, isMissing, me.user.id]);

  const value = useMemo(
    () => (query.data === undefined ? null : toCurrentWorkspace(query.data)),
    [query.data],
  );

  if (query.isPending) return <Loading label="Opening workspace…" />;
  if (isMissing) {
    return (
      <>
        <PageHeader title="Workspace not found" />
        <p>This workspace does not exist, or you are not a member of it.</p>
        <p>
          <Link to="/workspaces">See your workspaces</Link>
        </p>
      </>
    );
  }
  if (value === null) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  return (
    <WorkspaceContext.Provider value={value}>
      <BillingBanners workspaceId={value.workspaceId} />
      <PageOutlet />
    </WorkspaceContext.Provider>
  );
}
