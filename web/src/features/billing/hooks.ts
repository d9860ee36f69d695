import { useMutation, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api/client';
import { queryKeys } from '../../lib/api/query-keys';
import type { CheckoutBody } from '../../lib/api/types';
import { LIVE_STATUSES } from './billing-format';
import { billingQuery } from './queries';

/** How often, and how many times at most, the plan is re-read while Stripe confirms a Checkout. */
const CONFIRM_POLL_MS = 2_000;
const CONFIRM_POLL_READS = 60;

/**
 * The workspace's plan, subscription state and entitlements. Back from Checkout
 * (`isAwaitingCheckout`), it is re-read every few seconds until Stripe's webhook has recorded the
 * subscription, for a couple of minutes at most. `enabled: false` waits (no workspace yet).
 */
export function useBilling(
  workspaceId: string,
  options: { isAwaitingCheckout?: boolean; enabled?: boolean } = {},
) {
  return useQuery({
    ...billingQuery(workspaceId),
    enabled: options.enabled ?? true,
    refetchInterval: (query) =>
      options.isAwaitingCheckout === true &&
      !LIVE_STATUSES.has(query.state.data?.status ?? '') &&
      query.state.dataUpdateCount < CONFIRM_POLL_READS
        ? CONFIRM_POLL_MS
        : false,
  });
}

/** Recent invoices (owners and admins, billing on). */
export function useInvoices(workspaceId: string, options: { enabled: boolean }) {
  return useQuery({
    queryKey: queryKeys.invoices(workspaceId),
    queryFn: () =>
      unwrap(api.GET('/v1/workspaces/{workspaceId}/billing/invoices', { params: { path: { workspaceId } } })),
    enabled: options.enabled,
  });
}

/** Opens Stripe Checkout for a plan: the answer is Stripe's page, where the card is entered. */
export function useCheckout(workspaceId: string) {
  return useMutation({
    mutationFn: (body: CheckoutBody) =>
      unwrap(
        api.POST('/v1/workspaces/{workspaceId}/billing/checkout', {
          params: { path: { workspaceId } },
          body,
        }),
      ),
  });
}

/** Opens the Stripe Customer Portal (change plan or card, cancel, invoices). */
export function usePortal(workspaceId: string) {
  return useMutation({
    mutationFn: () =>
      unwrap(api.POST('/v1/workspaces/{workspaceId}/billing/portal', { params: { path: { workspaceId } } })),
  });
}
