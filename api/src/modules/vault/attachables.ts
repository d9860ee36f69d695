import type { AppDeps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import * as journal from '../journal/service.js';
import type { Attachables } from './service.js';

/**
 * The record types documents can be attached to, each through its own module's service. A later
 * record type (a credential, a CE activity) adds one entry here and its name to
 * `ATTACHABLE_RECORD_TYPES`.
 */
export function buildAttachables(deps: AppDeps): Attachables {
  return {
    incident: {
      exists: async (tenantId, incidentId) => {
        try {
          return (await journal.getIncident(deps, tenantId, incidentId)).deletedAt === undefined;
        } catch (error) {
          if (error instanceof AppError && error.code === 'not_found') return false;
          throw error;
        }
      },
    },
  };
}
