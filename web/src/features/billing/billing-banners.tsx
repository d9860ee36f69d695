import { Link } from 'react-router';
import { formatDateTime } from '../../lib/dates';
import { Notice } from '../../lib/ui/status';
import { formatDaysLeft, getBillingBanner } from './billing-format';
import { useBilling } from './hooks';

/** Banners on every page of a workspace: a trial ending soon, or a failed payment. */
export function BillingBanners({ workspaceId }: { workspaceId: string }) {
  const billing = useBilling(workspaceId);
  const banner = billing.data === undefined ? undefined : getBillingBanner(billing.data);
  if (banner === undefined) return null;
  const planLink = <Link to={`/w/${encodeURIComponent(workspaceId)}/billing`}>Open the plan page</Link>;
  if (banner.kind === 'trial-ending') {
    return (
      <Notice
        tone="warning"
        title={`Trial: ${formatDaysLeft(banner.daysLeft)}`}
        role="status"
        testId="banner-trial-ending"
      >
        <p>Add a payment method to keep your plan after the trial. {planLink}</p>
      </Notice>
    );
  }
  return (
    <Notice tone="error" title="A payment failed" role="alert" testId="banner-payment-failed">
      <p>
        {banner.isReadOnly
          ? 'This workspace is read-only until the payment goes through.'
          : `Update the payment method${banner.graceEndsAt === undefined ? '' : ` before ${formatDateTime(banner.graceEndsAt)}`}, or the workspace becomes read-only.`}{' '}
        {planLink}
      </p>
    </Notice>
  );
}
