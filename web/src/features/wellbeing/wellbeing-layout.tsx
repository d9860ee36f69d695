import { SectionLayout } from '../../lib/ui/section-layout';

const TABS = [
  { to: 'check-ins', label: 'Check-ins' },
  { to: 'safety-plan', label: 'Safety plan' },
  { to: 'complaints', label: 'Provider complaints' },
  { to: 'care-notes', label: 'Care notes' },
  { to: 'access-log', label: 'Access log' },
] as const;

/** The wellbeing area: a privacy note, its own navigation, and the page chosen there. */
export function WellbeingLayout() {
  return (
    <SectionLayout
      title="Wellbeing"
      description="Your check-ins, safety plan, complaints and care notes are encrypted and private to you, even in a shared workspace. You choose what to share, with whom, and you can take it back. Every time anyone opens them is in your access log."
      navLabel="Wellbeing sections"
      testIdPrefix="wellbeing"
      tabs={TABS}
    />
  );
}
