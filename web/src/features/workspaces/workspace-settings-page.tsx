import { PageHeader } from '../../lib/ui/page';
import { SafetyModeSection } from '../safety/safety-mode-section';

/** Settings that change how the whole workspace behaves for everyone in it. */
export function WorkspaceSettingsPage() {
  return (
    <>
      <PageHeader
        title="Workspace settings"
        description="How this workspace treats what it holds, for everyone in it."
      />
      <SafetyModeSection />
    </>
  );
}
