import { NavLink } from 'react-router';
import type { Entitlements } from '../../lib/api/types';
import type { Permission } from '../../features/workspaces/permissions';
import { groupNavItems, NAV_ITEMS } from './nav-items';

type AreaNavProps = {
  workspaceId: string;
  can: (permission: Permission) => boolean;
  modules: readonly Entitlements['modules'][number][] | undefined;
  /** Called after a link is followed, so the phone menu can close. */
  onNavigate: () => void;
};

/** A workspace's pages grouped by area of work, each area a labelled list. */
export function AreaNav({ workspaceId, can, modules, onNavigate }: AreaNavProps) {
  const groups = groupNavItems(NAV_ITEMS, can, modules);
  const base = `/w/${encodeURIComponent(workspaceId)}`;
  return (
    <>
      {groups.map((group) => (
        <section key={group.id} className="area-nav-group" aria-labelledby={`nav-area-${group.id}`}>
          <h2 className="area-nav-heading" id={`nav-area-${group.id}`}>
            {group.label}
          </h2>
          <ul>
            {group.items.map((item) => (
              <li key={item.path}>
                <NavLink to={`${base}/${item.path}`} data-testid={`nav-${item.path}`} onClick={onNavigate}>
                  {item.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}
