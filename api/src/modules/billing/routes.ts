import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { tenantCaller, tenantRoute } from '../../platform/tenancy/tenant-route.js';
import { Type } from 'typebox';
import { addSchemas, PROBLEM_RESPONSES, ref } from '../../platform/http/schema-ref.js';
import { BillingSchema, CheckoutInputSchema, EntitlementsSchema, InvoiceSchema } from './schema.js';
import * as service from './service.js';
import { WorkspaceParams } from '../../platform/http/params.js';

const UrlSchema = Type.Object({ url: Type.String() });
const UNAVAILABLE = Type.Unsafe<unknown>({ $ref: 'Problem#', description: 'Billing is off' });

/** Billing: the plan page, Checkout, the Customer Portal and invoices. */
export const billingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  addSchemas(app, [EntitlementsSchema, BillingSchema, InvoiceSchema]);
  const { deps } = app;

  app.get(
    '/v1/workspaces/:workspaceId/billing',
    tenantRoute(
      { permission: 'workspace:read' },
      {
        tags: ['billing'],
        summary: 'Current plan, subscription state and entitlements',
        params: WorkspaceParams,
        response: { 200: ref(BillingSchema) },
      },
    ),
    async (request) => service.getBilling(deps, tenantCaller(request).tenantId),
  );

  app.post(
    '/v1/workspaces/:workspaceId/billing/checkout',
    tenantRoute(
      { permission: 'billing:manage', administrative: 'workspace', allowApiKey: false },
      {
        tags: ['billing'],
        summary: 'Open a Stripe Checkout page for a paid plan (with a trial the first time)',
        params: WorkspaceParams,
        body: CheckoutInputSchema,
        response: {
          200: UrlSchema,
          409: PROBLEM_RESPONSES[409],
          503: UNAVAILABLE,
        },
      },
    ),
    async (request) => {
      const { tenantId, actor } = tenantCaller(request);
      return service.createCheckout(deps, tenantId, actor, request.body);
    },
  );

  app.post(
    '/v1/workspaces/:workspaceId/billing/portal',
    tenantRoute(
      { permission: 'billing:manage', administrative: 'workspace', allowApiKey: false },
      {
        tags: ['billing'],
        summary: 'Open the Stripe Customer Portal (change plan, card, cancel)',
        params: WorkspaceParams,
        response: {
          200: UrlSchema,
          409: PROBLEM_RESPONSES[409],
          503: UNAVAILABLE,
        },
      },
    ),
    async (request) => service.createPortal(deps, tenantCaller(request).tenantId),
  );

  app.get(
    '/v1/workspaces/:workspaceId/billing/invoices',
    tenantRoute(
      { permission: 'billing:manage', allowApiKey: false },
      {
        tags: ['billing'],
        summary: 'Recent invoices, with links to Stripe’s invoice pages',
        params: WorkspaceParams,
        response: {
          200: Type.Object({ items: Type.Array(ref(InvoiceSchema)) }),
          503: UNAVAILABLE,
        },
      },
    ),
    async (request) => ({ items: await service.listInvoices(deps, tenantCaller(request).tenantId) }),
  );
};
