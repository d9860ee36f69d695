import { SectionLayout } from '../../lib/ui/section-layout';
import { useCurrentWorkspace } from '../workspaces/workspace-context';

const TABS = [
  { to: 'check-ins', label: 'Check-ins', isOwnOnly: false },
  { to: 'safety-plan', label: 'Safety plan', isOwnOnly: true },
  { to: 'complaints', label: 'Provider complaints', isOwnOnly: false },
  { to: 'care-notes', label: 'Care notes', isOwnOnly: false },
  { to: 'access-log', label: 'Access log', isOwnOnly: true },
] as const;

/**
 * The wellbeing area: a privacy note, its own navigation, and the page chosen there. A professional
 * given chosen records sees only the kinds that can be shared, and a note saying whose they are.
 */
export function WellbeingLayout() {
  const { can } = useCurrentWorkspace();
  const isSharedReader = !can('wellbeing:use');
  return (
    <SectionLayout
      title="Wellbeing"
      description={
        isSharedReader
          ? 'The wellbeing records the person chose to share with you, read only. They can take any of them back, and each time you open one is in their access log.'
          : 'Your check-ins, safety plan, complaints and care notes are encrypted and private to you, even in a shared workspace. You choose what to share, with whom, and you can take it back. Every time anyone opens them is in your access log.'
      }
      navLabel="Wellbeing sections"
      testIdPrefix="wellbeing"
      tabs={TABS.filter((tab) => !(isSharedReader && tab.isOwnOnly))}
    />
  );
}
