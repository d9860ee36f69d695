import type { Entitlements } from '../../lib/api/types';
import type { Permission } from '../../features/workspaces/permissions';

/** The areas of work the navigation groups pages by, in the order they are shown. */
export const NAV_AREAS = [
  { id: 'records', label: 'Records' },
  { id: 'wellbeing', label: 'Wellbeing' },
  { id: 'credentials', label: 'Credentials' },
  { id: 'practice', label: 'Practice' },
  { id: 'library', label: 'Library' },
  { id: 'workspace', label: 'Workspace' },
] as const;

export type NavAreaId = (typeof NAV_AREAS)[number]['id'];

export type NavItem = {
  area: NavAreaId;
  /** Path under /w/:workspaceId; also names the link's test id (`nav-<path>`). */
  path: string;
  label: string;
  /** Shown only when the caller's role has this permission (the API enforces it anyway). */
  permission?: Permission;
  /** Shown only when the workspace's plan includes this module. */
  module?: Entitlements['modules'][number];
};

/**
 * Every page of a workspace in the navigation, one line each. A new page appends a line here with
 * its area; the shell groups, filters and lays them out.
 */
export const NAV_ITEMS: readonly NavItem[] = [
  { area: 'records', path: 'incidents', label: 'Incidents', permission: 'incidents:read', module: 'journal' },
  {
    area: 'records',
    path: 'communications',
    label: 'Communications',
    permission: 'communications:read',
    module: 'journal',
  },
  { area: 'records', path: 'summaries', label: 'Summaries', permission: 'summaries:read', module: 'journal' },
  { area: 'records', path: 'timeline', label: 'Timeline', permission: 'incidents:read', module: 'journal' },
  { area: 'records', path: 'report', label: 'Court report', permission: 'incidents:read', module: 'journal' },
  { area: 'records', path: 'documents', label: 'Documents', permission: 'documents:read', module: 'vault' },
  {
    area: 'wellbeing',
    path: 'wellbeing',
    label: 'Check-ins and care',
    permission: 'wellbeing:read',
    module: 'wellbeing',
  },
  {
    area: 'credentials',
    path: 'credentials',
    label: 'Licenses and CE',
    permission: 'credentials:read',
    module: 'credentials',
  },
  { area: 'practice', path: 'practice', label: 'Exercises', permission: 'practice:use', module: 'practice' },
  {
    area: 'practice',
    path: 'practice/own',
    label: 'Your skills',
    permission: 'workspace:manage',
    module: 'practice',
  },
  { area: 'library', path: 'library', label: 'Guides and checklists', permission: 'library:read' },
  { area: 'library', path: 'role-guide', label: 'Which professional?', permission: 'library:read' },
  { area: 'workspace', path: 'members', label: 'Members', permission: 'members:read' },
  { area: 'workspace', path: 'api-keys', label: 'API keys', permission: 'api-keys:manage' },
  { area: 'workspace', path: 'professionals', label: 'Professionals', permission: 'invites:manage' },
  { area: 'workspace', path: 'settings', label: 'Settings', permission: 'workspace:manage' },
  { area: 'workspace', path: 'audit', label: 'Audit log', permission: 'audit:read' },
  { area: 'workspace', path: 'billing', label: 'Plan', permission: 'workspace:read' },
  { area: 'workspace', path: 'feedback', label: 'Feedback received', permission: 'feedback:manage' },
];

export type NavGroup = { id: NavAreaId; label: string; items: NavItem[] };

/**
 * The areas to show and their pages: those the role allows and the plan includes. Until the plan
 * is known (`modules` undefined) no page is hidden for its module, so nothing moves once it arrives
 * on a plan with every module.
 */
export function groupNavItems(
  items: readonly NavItem[],
  can: (permission: Permission) => boolean,
  modules: readonly Entitlements['modules'][number][] | undefined,
): NavGroup[] {
  const shown = items.filter(
    (item) =>
      (item.permission === undefined || can(item.permission)) &&
      (item.module === undefined || modules === undefined || modules.includes(item.module)),
  );
  return NAV_AREAS.map((area) => ({
    id: area.id,
    label: area.label,
    items: shown.filter((item) => item.area === area.id),
  })).filter((group) => group.items.length > 0);
}
