import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { describeError } from '../../lib/api/problem';
import type { Billing, CheckoutBody, Entitlements } from '../../lib/api/types';
import { formatDateTime } from '../../lib/dates';
import { SelectField } from '../../lib/ui/field';
import { PageHeader } from '../../lib/ui/page';
import { EmptyState, ErrorState, FormAlert, Loading, Notice } from '../../lib/ui/status';
import { useCurrentWorkspace } from '../workspaces/workspace-context';
import { formatDaysLeft, formatLimit, formatModules, formatPrice, LIVE_STATUSES } from './billing-format';
import { AiUsageSection } from './ai-usage-section';
import { useBilling, useCheckout, useInvoices, usePortal } from './hooks';
import { useStorageUsage } from '../documents/hooks';
import { formatSize } from '../documents/upload';

const STATUS_LABELS: Record<string, string> = {
  trialing: 'Trial',
  active: 'Active',
  past_due: 'Payment past due',
  unpaid: 'Unpaid',
  canceled: 'Cancelled',
  incomplete: 'Waiting for payment',
  incomplete_expired: 'Expired',
  paused: 'Paused',
};

/** The plan page: current plan and what it includes, AI actions used, trial days left, upgrade, manage, invoices. */
export function BillingPage() {
  const { workspaceId, can } = useCurrentWorkspace();
  // Stripe sends the person back here with ?checkout=done; its webhook may land a moment later.
  const [search] = useSearchParams();
  const isBackFromCheckout = search.get('checkout') === 'done';
  const billing = useBilling(workspaceId, { isAwaitingCheckout: isBackFromCheckout });
  // Billing off: the storage a workspace gets is the vault's local quota, not a plan's entitlement,
  // so the plan page shows the same figure as the documents page (and the one uploads obey).
  const localStorage = useStorageUsage(workspaceId, {
    enabled: billing.data?.isEnabled === false && can('documents:read'),
  });
  const canManage = can('billing:manage');
  const isAwaitingConfirmation =
    isBackFromCheckout && billing.data?.isEnabled === true && !LIVE_STATUSES.has(billing.data.status ?? '');

  return (
    <>
      <PageHeader title="Plan" description="What this workspace includes, and its subscription." />
      {billing.isPending ? (
        <Loading label="Loading the plan…" />
      ) : billing.isError ? (
        <ErrorState error={billing.error} onRetry={() => void billing.refetch()} />
      ) : !billing.data.isEnabled ? (
        <>
          <Notice tone="info" title="Local plan: billing is off" testId="billing-local">
            <p>This installation runs without billing, so every workspace has every feature.</p>
          </Notice>
          <EntitlementsList
            entitlements={billing.data.entitlements}
            storage={localStorage.data === undefined ? undefined : formatSize(localStorage.data.quotaBytes)}
          />
          <AiUsageSection workspaceId={workspaceId} />
        </>
      ) : (
        <>
          {isAwaitingConfirmation && (
            <Notice
              tone="info"
              title="Checkout complete: waiting for Stripe to confirm"
              role="status"
              testId="billing-confirming"
            >
              <p>
                The new plan shows here as soon as Stripe confirms the subscription, usually within seconds.
              </p>
            </Notice>
          )}
          <CurrentPlan billing={billing.data} />
          <EntitlementsList entitlements={billing.data.entitlements} />
          <AiUsageSection workspaceId={workspaceId} />
          {!canManage ? (
            <Notice tone="info" title="Only owners and admins manage the plan" />
          ) : billing.data.hasCustomer &&
            billing.data.status !== undefined &&
            LIVE_STATUSES.has(billing.data.status) ? (
            <ManageSection workspaceId={workspaceId} />
          ) : (
            <UpgradeSection workspaceId={workspaceId} billing={billing.data} />
          )}
        </>
      )}
    </>
  );
}

function CurrentPlan({ billing }: { billing: Billing }) {
  return (
    <section className="section card" aria-labelledby="plan-heading" data-testid="billing-current">
      <h2 id="plan-heading">
        {billing.planName}
        {billing.cadence === undefined || billing.tier === 'free' ? '' : ` · ${billing.cadence}`}
      </h2>
      {billing.status !== undefined && (
        <p data-testid="billing-status">Status: {STATUS_LABELS[billing.status] ?? billing.status}</p>
      )}
      {billing.trialDaysLeft !== undefined && (
        <p data-testid="billing-trial-days">
          Trial: {formatDaysLeft(billing.trialDaysLeft)}
          {billing.trialEnd !== undefined && (
            <>
              {' '}
              (ends <span data-testid="billing-trial-end">{formatDateTime(billing.trialEnd)}</span>)
            </>
          )}
        </p>
      )}
      {billing.currentPeriodEnd !== undefined && LIVE_STATUSES.has(billing.status ?? '') && (
        <p>
          {billing.cancelAtPeriodEnd === true ? 'Ends on ' : 'Renews on '}
          {formatDateTime(billing.currentPeriodEnd)}
          {billing.cancelAtPeriodEnd === true
            ? ', then the workspace moves to Free. Nothing is deleted.'
            : ''}
        </p>
      )}
      {billing.isReadOnly && (
        <Notice tone="error" title="Read-only until the payment goes through">
          <p>Records can be read and exported, not changed. Update the payment method to continue.</p>
        </Notice>
      )}
    </section>
  );
}

/** What a plan includes; `storage`, when given, is the quota the vault enforces, shown instead of the plan's. */
function EntitlementsList({ entitlements, storage }: { entitlements: Entitlements; storage?: string }) {
  return (
    <section className="section" aria-labelledby="includes-heading">
      <h2 id="includes-heading">Included</h2>
      <dl className="facts" data-testid="billing-entitlements">
        <dt>Modules</dt>
        <dd>{formatModules(entitlements.modules)}</dd>
        <dt>Members</dt>
        <dd>{formatLimit(entitlements.members, 'count')}</dd>
        <dt>Storage</dt>
        <dd data-testid="billing-storage">
          {storage ?? formatLimit(entitlements.storageQuotaBytes, 'bytes')}
        </dd>
        <dt>AI actions per month</dt>
        <dd>{formatLimit(entitlements.aiActionsPerMonth, 'count')}</dd>
      </dl>
    </section>
  );
}

function UpgradeSection({ workspaceId, billing }: { workspaceId: string; billing: Billing }) {
  const checkout = useCheckout(workspaceId);
  const [cadence, setCadence] = useState<CheckoutBody['cadence']>('monthly');
  const onChoose = (tier: CheckoutBody['tier']) => {
    checkout.mutate({ tier, cadence }, { onSuccess: ({ url }) => window.location.assign(url) });
  };
  return (
    <section className="section" aria-labelledby="upgrade-heading">
      <h2 id="upgrade-heading">Upgrade</h2>
      <SelectField
        label="Billing period"
        value={cadence}
        onChange={(event) => setCadence(event.target.value as CheckoutBody['cadence'])}
        data-testid="billing-cadence"
      >
        <option value="monthly">Monthly</option>
        <option value="yearly">Yearly</option>
      </SelectField>
      <FormAlert message={checkout.isError ? describeError(checkout.error) : undefined} />
      <ul className="card-list">
        {billing.plans.map((plan) => (
          <li key={plan.tier} className="card" data-testid="billing-plan">
            <h3>{plan.name}</h3>
            <PlanPriceLine prices={plan.prices} cadence={cadence} />
            <p className="muted small">
              {formatModules(plan.entitlements.modules)} · {formatLimit(plan.entitlements.members, 'count')}{' '}
              members · {formatLimit(plan.entitlements.storageQuotaBytes, 'bytes')}
            </p>
            <button
              type="button"
              className="button button-primary"
              disabled={checkout.isPending}
              onClick={() => onChoose(plan.tier)}
              data-testid={`billing-upgrade-${plan.tier}`}
            >
              {plan.trialDays > 0 && billing.status === undefined
                ? `Start a ${plan.trialDays}-day trial of ${plan.name}`
                : `Choose ${plan.name}`}
            </button>
          </li>
        ))}
      </ul>
      <p className="muted small">
        Payment details are entered on Stripe’s page; Holdfast never sees your card.
      </p>
    </section>
  );
}

/** The plan's price for the chosen billing period, as Stripe states it. */
function PlanPriceLine({
  prices,
  cadence,
}: {
  prices: Billing['plans'][number]['prices'];
  cadence: CheckoutBody['cadence'];
}) {
  const price = prices.find((candidate) => candidate.cadence === cadence);
  return (
    <p className="plan-price" data-testid="billing-price">
      {price === undefined ? 'The price is shown on Stripe’s page.' : formatPrice(price)}
    </p>
  );
}

function ManageSection({ workspaceId }: { workspaceId: string }) {
  const portal = usePortal(workspaceId);
  const invoices = useInvoices(workspaceId, { enabled: true });
  return (
    <section className="section" aria-labelledby="manage-heading">
      <h2 id="manage-heading">Manage</h2>
      <p>Change the plan or the card, or cancel, in Stripe’s billing portal.</p>
      <FormAlert message={portal.isError ? describeError(portal.error) : undefined} />
      <button
        type="button"
        className="button button-primary"
        disabled={portal.isPending}
        onClick={() => portal.mutate(undefined, { onSuccess: ({ url }) => window.location.assign(url) })}
        data-testid="billing-portal"
      >
        Manage billing
      </button>
      <h3 id="invoices-heading">Invoices</h3>
      {invoices.isPending ? (
        <Loading label="Loading invoices…" />
      ) : invoices.isError ? (
        <ErrorState error={invoices.error} onRetry={() => void invoices.refetch()} />
      ) : invoices.data.items.length === 0 ? (
        <EmptyState title="No invoices yet" />
      ) : (
        <ul className="card-list" aria-labelledby="invoices-heading">
          {invoices.data.items.map((invoice) => (
            <li key={invoice.id} className="card" data-testid="invoice-row">
              {invoice.number ?? invoice.id} · {formatDateTime(invoice.createdAt)} ·{' '}
              {(invoice.amountPaid / 100).toFixed(2)} {invoice.currency.toUpperCase()} · {invoice.status}
              {invoice.url !== undefined && (
                <>
                  {' '}
                  · <a href={invoice.url}>View invoice</a>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
