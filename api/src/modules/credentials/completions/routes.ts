import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { addSchemas } from '../../../platform/http/schema-ref.js';
import { ActivitySchema } from '../activity-schema.js';
import { personCompletionRoutes } from './person-routes.js';
import { providerCompletionRoutes } from './provider-routes.js';
import {
  CompletionReportSchema,
  ProviderLinkSchema,
  ProviderSideLinkSchema,
  ReportedCompletionSchema,
} from './schema.js';

/** Completions reported by training providers: both sides of the link. */
export const completionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  addSchemas(app, [
    ActivitySchema,
    ProviderLinkSchema,
    ProviderSideLinkSchema,
    CompletionReportSchema,
    ReportedCompletionSchema,
  ]);
  await app.register(personCompletionRoutes);
  await app.register(providerCompletionRoutes);
};
