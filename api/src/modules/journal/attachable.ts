import type { AppDeps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import type { Attachable } from '../vault/service.js';
import { getIncident } from './service.js';

/**
 * An incident as a record documents can be attached to: the vault asks through this whether the
 * incident exists (and is not deleted). The app hands it to the vault's routes, so the vault never
 * imports the journal.
 */
export function incidentAttachable(deps: AppDeps): Attachable {
  return {
    exists: async (tenantId, incidentId) => {
      try {
        return (await getIncident(deps, tenantId, incidentId)).deletedAt === undefined;
      } catch (error) {
        if (error instanceof AppError && error.code === 'not_found') return false;
        throw error;
      }
    },
  };
}
