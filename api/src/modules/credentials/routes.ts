import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { activityRoutes } from './activity-routes.js';
import { extractionRoutes } from './extraction-routes.js';
import { licenseRoutes } from './license-routes.js';
import { shareRoutes } from './share-routes.js';
import { transcriptRoutes } from './transcript-routes.js';
import { verifyRoutes } from './verify-routes.js';

/** Credentials and continuing education: every route of the module. */
export const credentialsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(licenseRoutes);
  await app.register(activityRoutes);
  await app.register(extractionRoutes);
  await app.register(shareRoutes);
  await app.register(verifyRoutes);
  await app.register(transcriptRoutes);
};
