import { SectionLayout } from '../../lib/ui/section-layout';

const TABS = [
  { to: 'licenses', label: 'Licenses' },
  { to: 'activities', label: 'CE activities' },
  { to: 'progress', label: 'Progress' },
  { to: 'shares', label: 'Verification links' },
  { to: 'requests', label: 'Requests from organisations' },
  { to: 'organisation', label: 'Organisation' },
  { to: 'providers', label: 'Training providers' },
] as const;

/** The credentials area: licenses, CE activities and each renewal cycle's progress. */
export function CredentialsLayout() {
  return (
    <SectionLayout
      title="Credentials and CE"
      description="Your licenses, their renewal cycles and the continuing-education hours each one needs. Holdfast does the arithmetic; the licensing board’s current rule is what counts."
      navLabel="Credentials sections"
      testIdPrefix="credentials"
      tabs={TABS}
    />
  );
}
