import type { AppDeps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import * as credentials from '../credentials/service.js';
import * as journal from '../journal/service.js';
import type { Attachables } from './service.js';

/**
 * The record types documents can be attached to, each through its own module's service (incidents;
 * licenses and CE activities of credentials). A new record type adds one entry here and its name
 * to `ATTACHABLE_RECORD_TYPES`.
 */
export function buildAttachables(deps: AppDeps): Attachables {
  // A license document or CE certificate is kept in the vault like any file (P-CRED-1).
  const isFound = async (read: () => Promise<unknown>): Promise<boolean> => {
    try {
      await read();
      return true;
    } catch (error) {
      if (error instanceof AppError && error.code === 'not_found') return false;
      throw error;
    }
  };
  return {
    license: { exists: (tenantId, id) => isFound(() => credentials.getLicense(deps, tenantId, id)) },
    'ce-activity': { exists: (tenantId, id) => isFound(() => credentials.getActivity(deps, tenantId, id)) },
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
