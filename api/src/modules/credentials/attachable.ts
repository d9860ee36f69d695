import type { AppDeps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import type { Attachable } from '../vault/service.js';
import { getActivity, getLicense } from './service.js';

/** Whether a read finds the record: a 404 means no, any other failure is passed on. */
async function isFound(read: () => Promise<unknown>): Promise<boolean> {
  try {
    await read();
    return true;
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') return false;
    throw error;
  }
}

/**
 * Licenses and CE activities as records documents attach to: a license document or CE certificate
 * is kept in the vault like any file, with its SHA-256 (P-CRED-1). The app hands these to the
 * vault's routes, so the vault never imports credentials.
 */
export function licenseAttachable(deps: AppDeps): Attachable {
  return { exists: (tenantId, licenseId) => isFound(() => getLicense(deps, tenantId, licenseId)) };
}

export function activityAttachable(deps: AppDeps): Attachable {
  return { exists: (tenantId, activityId) => isFound(() => getActivity(deps, tenantId, activityId)) };
}
