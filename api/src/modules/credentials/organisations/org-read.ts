import type { AppDeps } from '../../../platform/deps.js';
import { AppError } from '../../../platform/errors.js';
import { computeChecklist } from './checklist.js';
import * as repo from './repo.js';
import type { ChecklistEntry, SharedCredentials } from './schema.js';
import { getRequestItem, pageRequests } from './service.js';
import { readSharedRecords, type SharedRecords } from './shared-records.js';
import { presentSharedActivities, presentSharedDocument, presentSharedLicense } from '../shared-view.js';

/**
 * What the organisation reads of people who answered: only the records a live share names, read
 * from the person's workspace through the request that leads there. A withdrawn share, or one
 * whose request no longer names that workspace, reads as nothing (404 for the records).
 */

async function readLive(
  deps: AppDeps,
  item: repo.RequestItem,
): Promise<{ records: SharedRecords; sharedAt: string } | undefined> {
  const { request, holderWorkspaceId } = item;
  if (request.status !== 'shared' || holderWorkspaceId === null) return undefined;
  const share = await repo.getOrgShare(deps.db, holderWorkspaceId, request.id);
  if (share === undefined || share.withdrawnAt !== null || share.organisationId === holderWorkspaceId)
    return undefined;
  return { records: await readSharedRecords(deps, holderWorkspaceId, share), sharedAt: share.sharedAt };
}

export async function readSharedCredentials(
  deps: AppDeps,
  tenantId: string,
  requestId: string,
): Promise<SharedCredentials> {
  const item = await getRequestItem(deps, tenantId, requestId);
  const live = await readLive(deps, item);
  if (live === undefined) throw new AppError('not_found');
  const { records } = live;
  return {
    requestId,
    personName: item.request.personName,
    sharedAt: live.sharedAt,
    licenses: records.licenses.map((license) => ({ id: license.id, ...presentSharedLicense(license) })),
    activities: presentSharedActivities(records.activities),
    documents: records.documents.map(({ requirementId, document }) => ({
      requirementId,
      ...presentSharedDocument(document),
    })),
  };
}

/** One page of the checklist: one entry per person asked, newest request first. */
export async function pageChecklist(
  deps: AppDeps,
  tenantId: string,
  query: { cursor?: string; limit?: number },
): Promise<{ items: ChecklistEntry[]; nextCursor?: string }> {
  const page = await pageRequests(deps, tenantId, query);
  const now = deps.now();
  const items = await Promise.all(
    page.items.map(async (item) =>
      computeChecklist(item.request, (await readLive(deps, item))?.records, now),
    ),
  );
  return { ...page, items };
}
