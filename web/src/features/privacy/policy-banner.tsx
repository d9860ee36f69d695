import { useState } from 'react';
import { Link } from 'react-router';
import { usePolicyStatus } from './hooks';
import { formatPolicyDate } from './policy-date';

const DISMISSED_KEY = 'holdfast.policy-notice-dismissed';

function readDismissed(): string | null {
  try {
    return localStorage.getItem(DISMISSED_KEY);
  } catch {
    return null;
  }
}

/** The in-app announcement of an upcoming material policy change (P-RIGHT-5), until dismissed. */
export function PolicyBanner() {
  const status = usePolicyStatus();
  const [dismissed, setDismissed] = useState(readDismissed);
  const upcoming = status.data?.upcoming;
  if (upcoming?.kind !== 'material' || dismissed === upcoming.version) return null;

  const onDismiss = () => {
    try {
      localStorage.setItem(DISMISSED_KEY, upcoming.version);
    } catch {
      // Storage may be off; the banner then hides for this page view only.
    }
    setDismissed(upcoming.version);
  };

  return (
    <div
      className="notice notice-info policy-banner"
      role="region"
      aria-label="Privacy policy change"
      data-testid="policy-banner"
    >
      <p>
        Our privacy policy changes to version {upcoming.version} on{' '}
        <time dateTime={upcoming.effectiveAt}>{formatPolicyDate(upcoming.effectiveAt)}</time>.{' '}
        {upcoming.summary} <Link to="/privacy">Read what changes</Link>.
      </p>
      <button type="button" className="button button-quiet" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
