import { Navigate } from 'react-router';
import { useCurrentUser } from '../features/auth/current-user';
import { recallWorkspace } from '../features/workspaces/last-workspace';

/** "/" opens the last workspace used on this device, else the first one, else the workspace list. */
export function HomeRedirect() {
  const me = useCurrentUser();
  const remembered = recallWorkspace(me.user.id);
  const target = me.workspaces.find((workspace) => workspace.id === remembered) ?? me.workspaces[0];
  if (target === undefined) return <Navigate to="/workspaces" replace />;
  return <Navigate to={`/w/${encodeURIComponent(target.id)}/incidents`} replace />;
}
