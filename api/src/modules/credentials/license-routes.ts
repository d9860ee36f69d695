import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { tenantRoute } from '../../platform/tenancy/tenant-route.js';
import { Type } from 'typebox';
import { toActor } from '../../platform/auth/principal.js';
import { IdParam, WorkspaceParams } from '../../platform/http/params.js';
import { addSchemas, ref } from '../../platform/http/schema-ref.js';
import { requireTenant } from '../../platform/tenancy/tenancy-plugin.js';
import { CATALOGUE_VERSION, listRules } from './catalogue/load-catalogue.js';
import { READ_ACCESS, WRITE_ACCESS, WRITE_ERRORS } from './route-access.js';
import * as service from './license-service.js';
import { CatalogueSchema, RenewalSchema, RuleSchema } from './renewal-schema.js';
import { BOARD_NOTICE, toRuleView } from './rule-view.js';
import {
  LicenseInputSchema,
  LicenseOverridesInputSchema,
  LicensePatchSchema,
  LicenseSchema,
} from './schema.js';

const LicenseParams = Type.Object({ workspaceId: IdParam, licenseId: IdParam });

/** Credentials: licenses, the requirement catalogue and each license's renewal cycles. */
export const licenseRoutes: FastifyPluginAsyncTypebox = async (app) => {
  addSchemas(app, [LicenseSchema, RuleSchema, RenewalSchema, CatalogueSchema]);
  const { deps } = app;
  const base = '/v1/workspaces/:workspaceId/credentials';

  app.get(
    `${base}/catalogue`,
    tenantRoute(READ_ACCESS, {
      tags: ['credentials'],
      summary: 'The built-in CE requirement catalogue, with each rule’s sources and confidence',
      params: WorkspaceParams,
      response: { 200: ref(CatalogueSchema) },
    }),
    async () => ({
      version: CATALOGUE_VERSION,
      boardNotice: BOARD_NOTICE,
      rules: listRules().map(toRuleView),
    }),
  );

  app.get(
    `${base}/licenses`,
    tenantRoute(READ_ACCESS, {
      tags: ['credentials'],
      summary: 'Every license kept in the workspace',
      params: WorkspaceParams,
      response: {
        200: Type.Object({ items: Type.Array(ref(LicenseSchema)) }),
      },
    }),
    async (request) => ({ items: await service.listLicenses(deps, requireTenant(request).tenantId) }),
  );

  app.post(
    `${base}/licenses`,
    tenantRoute(WRITE_ACCESS, {
      tags: ['credentials'],
      summary: 'Add a license',
      params: WorkspaceParams,
      body: LicenseInputSchema,
      response: { 201: ref(LicenseSchema), ...WRITE_ERRORS },
    }),
    async (request, reply) => {
      const tenant = requireTenant(request);
      const license = await service.createLicense(
        deps,
        tenant.tenantId,
        toActor(tenant.principal),
        request.body,
      );
      return reply.status(201).send(license);
    },
  );

  app.get(
    `${base}/licenses/:licenseId`,
    tenantRoute(READ_ACCESS, {
      tags: ['credentials'],
      summary: 'One license',
      params: LicenseParams,
      response: { 200: ref(LicenseSchema) },
    }),
    async (request) => service.getLicense(deps, requireTenant(request).tenantId, request.params.licenseId),
  );

  app.patch(
    `${base}/licenses/:licenseId`,
    tenantRoute(WRITE_ACCESS, {
      tags: ['credentials'],
      summary: 'Correct any fields of a license',
      params: LicenseParams,
      body: LicensePatchSchema,
      response: { 200: ref(LicenseSchema), ...WRITE_ERRORS },
    }),
    async (request) => {
      const tenant = requireTenant(request);
      return service.updateLicense(
        deps,
        tenant.tenantId,
        toActor(tenant.principal),
        request.params.licenseId,
        request.body,
      );
    },
  );

  app.put(
    `${base}/licenses/:licenseId/overrides`,
    tenantRoute(WRITE_ACCESS, {
      tags: ['credentials'],
      summary: 'Replace your own numbers for a license (an empty body clears them)',
      params: LicenseParams,
      body: LicenseOverridesInputSchema,
      response: { 200: ref(LicenseSchema), ...WRITE_ERRORS },
    }),
    async (request) => {
      const tenant = requireTenant(request);
      return service.setOverrides(
        deps,
        tenant.tenantId,
        toActor(tenant.principal),
        request.params.licenseId,
        request.body,
      );
    },
  );

  app.delete(
    `${base}/licenses/:licenseId`,
    tenantRoute(WRITE_ACCESS, {
      tags: ['credentials'],
      summary: 'Delete a license',
      params: LicenseParams,
      response: { 204: Type.Null() },
    }),
    async (request, reply) => {
      const tenant = requireTenant(request);
      await service.deleteLicense(deps, tenant.tenantId, toActor(tenant.principal), request.params.licenseId);
      return reply.status(204).send(null);
    },
  );

  app.get(
    `${base}/licenses/:licenseId/renewal`,
    tenantRoute(READ_ACCESS, {
      tags: ['credentials'],
      summary: 'The license’s catalogue rule, the numbers in force and its renewal cycles',
      params: LicenseParams,
      response: { 200: ref(RenewalSchema) },
    }),
    async (request) => service.getRenewal(deps, requireTenant(request).tenantId, request.params.licenseId),
  );
};
