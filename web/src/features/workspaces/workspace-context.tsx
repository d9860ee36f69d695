import { createContext, useContext } from 'react';
import type { Role, Workspace } from '../../lib/api/types';
import { hasPermission, type Permission } from './permissions';

export type CurrentWorkspace = {
  workspace: Workspace;
  workspaceId: string;
  role: Role;
  /** Whether the caller's role allows `permission` here (for showing buttons only). */
  can: (permission: Permission) => boolean;
};

export const WorkspaceContext = createContext<CurrentWorkspace | null>(null);

/** Builds the context value for a loaded workspace. */
export function toCurrentWorkspace(workspace: Workspace): CurrentWorkspace {
  return {
    workspace,
    workspaceId: workspace.id,
    role: workspace.role,
    can: (permission) => hasPermission(workspace, permission),
  };
}

/** The workspace of the current URL; only for pages under /w/:workspaceId. */
export function useCurrentWorkspace(): CurrentWorkspace {
  const value = useContext(WorkspaceContext);
  if (value === null) throw new Error('useCurrentWorkspace is used outside a workspace route');
  return value;
}
