import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { toActor } from '../../platform/auth/principal.js';
import { addSchemas, PROBLEM_RESPONSES, ref } from '../../platform/http/schema-ref.js';
import { requireTenant } from '../../platform/tenancy/tenancy-plugin.js';
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
    {
      config: { access: { kind: 'tenant', permission: 'workspace:read' } },
      schema: {
        tags: ['billing'],
        summary: 'Current plan, subscription state and entitlements',
        params: WorkspaceParams,
        response: { 200: ref(BillingSchema), 404: PROBLEM_RESPONSES[404] },
      },
    },
    async (request) => service.getBilling(deps, requireTenant(request).tenantId),
  );

  app.post(
    '/v1/workspaces/:workspaceId/billing/checkout',
    {
      config: {
        access: { kind: 'tenant', permission: 'billing:manage', allowApiKey: false },
        administrative: 'workspace',
      },
      schema: {
        tags: ['billing'],
        summary: 'Open a Stripe Checkout page for a paid plan (with a trial the first time)',
        params: WorkspaceParams,
        body: CheckoutInputSchema,
        response: {
          200: UrlSchema,
          400: PROBLEM_RESPONSES[400],
          403: PROBLEM_RESPONSES[403],
          404: PROBLEM_RESPONSES[404],
          409: PROBLEM_RESPONSES[409],
          503: UNAVAILABLE,
        },
      },
    },
    async (request) => {
      const tenant = requireTenant(request);
      return service.createCheckout(deps, tenant.tenantId, toActor(tenant.principal), request.body);
    },
  );

  app.post(
    '/v1/workspaces/:workspaceId/billing/portal',
    {
      config: {
        access: { kind: 'tenant', permission: 'billing:manage', allowApiKey: false },
        administrative: 'workspace',
      },
      schema: {
        tags: ['billing'],
        summary: 'Open the Stripe Customer Portal (change plan, card, cancel)',
        params: WorkspaceParams,
        response: {
          200: UrlSchema,
          403: PROBLEM_RESPONSES[403],
          404: PROBLEM_RESPONSES[404],
          409: PROBLEM_RESPONSES[409],
          503: UNAVAILABLE,
        },
      },
    },
    async (request) => service.createPortal(deps, requireTenant(request).tenantId),
  );

  app.get(
    '/v1/workspaces/:workspaceId/billing/invoices',
    {
      config: { access: { kind: 'tenant', permission: 'billing:manage', allowApiKey: false } },
      schema: {
        tags: ['billing'],
        summary: 'Recent invoices, with links to Stripe’s invoice pages',
        params: WorkspaceParams,
        response: {
          200: Type.Object({ items: Type.Array(ref(InvoiceSchema)) }),
          403: PROBLEM_RESPONSES[403],
          404: PROBLEM_RESPONSES[404],
          503: UNAVAILABLE,
        },
      },
    },
    async (request) => ({ items: await service.listInvoices(deps, requireTenant(request).tenantId) }),
  );
};
