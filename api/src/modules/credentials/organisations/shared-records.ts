import type { AppDeps } from '../../../platform/deps.js';
import { AppError } from '../../../platform/errors.js';
import { getDocument } from '../../vault/service.js';
import type { VaultDocument } from '../../vault/schema.js';
import { getActivitiesByIds } from '../activity-repo.js';
import type { Activity } from '../activity-schema.js';
import { listLicenses } from '../license-service.js';
import type { License } from '../schema.js';
import type { OrgShare } from './schema.js';

/**
 * The records a share names, read from the person's own workspace as they are now. Only the ids
 * the share holds are read back; a record deleted since is simply left out.
 */
export type SharedRecords = {
  licenses: License[];
  activities: Activity[];
  documents: { requirementId: string; document: VaultDocument }[];
};

/** A document of the workspace, or undefined when it has none by that id. */
export async function findDocument(
  deps: AppDeps,
  tenantId: string,
  documentId: string,
): Promise<VaultDocument | undefined> {
  try {
    return await getDocument(deps, tenantId, documentId);
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') return undefined;
    throw error;
  }
}

export async function readSharedRecords(
  deps: AppDeps,
  tenantId: string,
  share: Pick<OrgShare, 'licenseIds' | 'activityIds' | 'documents'>,
): Promise<SharedRecords> {
  const picked = new Set(share.licenseIds);
  const [licenses, activities, documents] = await Promise.all([
    share.licenseIds.length === 0 ? [] : listLicenses(deps, tenantId),
    getActivitiesByIds(deps.db, tenantId, share.activityIds),
    Promise.all(
      share.documents.map(async ({ requirementId, documentId }) => {
        const document = await findDocument(deps, tenantId, documentId);
        return document === undefined ? undefined : { requirementId, document };
      }),
    ),
  ]);
  return {
    licenses: licenses.filter((license) => picked.has(license.id)),
    activities,
    documents: documents.filter((entry) => entry !== undefined),
  };
}
