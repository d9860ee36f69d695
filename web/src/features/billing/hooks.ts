import { useMutation, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api/client';
import { queryKeys } from '../../lib/api/query-keys';
import type { CheckoutBody } from '../../lib/api/types';

/** The workspace's plan, subscription state and entitlements. */
export function useBilling(workspaceId: string) {
  return useQuery({
    queryKey: queryKeys.billing(workspaceId),
    queryFn: () =>
      unwrap(api.GET('/v1/workspaces/{workspaceId}/billing', { params: { path: { workspaceId } } })),
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
