import { useQueryClient } from '@tanstack/react-query';
import { useWorkspaceQuery } from '../workspaces/hooks';

/** A neutral page to land on: nothing on it says what was open before. */
export const NEUTRAL_SITE = 'https://www.weather.gov/';

/**
 * The quick exit of a workspace in safety mode: one press drops everything the SPA holds in
 * memory (the query cache and this tab's session storage) and replaces the page with a neutral
 * site, replacing the history entry so Back does not return here. Shown only in safety mode.
 */
export function QuickExit({ workspaceId }: { workspaceId: string }) {
  const workspace = useWorkspaceQuery(workspaceId);
  const queryClient = useQueryClient();
  if (workspace.data?.safetyMode !== true) return null;

  const onExit = () => {
    queryClient.clear();
    window.sessionStorage.clear();
    window.location.replace(NEUTRAL_SITE);
  };

  return (
    <button
      type="button"
      className="button quick-exit"
      onClick={onExit}
      data-testid="quick-exit"
      aria-label="Quick exit: leave this site now"
    >
      Quick exit
    </button>
  );
}
