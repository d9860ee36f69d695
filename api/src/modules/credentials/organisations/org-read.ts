import type { AuditActor } from '../../../platform/audit/audit-chain.js';
import type { AppDeps } from '../../../platform/deps.js';
import { AppError } from '../../../platform/errors.js';
import { computeChecklist } from './checklist.js';
import * as repo from './repo.js';
import type { ChecklistEntry, SharedCredentials } from './schema.js';
import { getRequestItem, pageRequests } from './service.js';
import { logOrganisationReads, type OrganisationRead } from './read-log.js';
import { readSharedRecords, type SharedRecords } from './shared-records.js';
import { presentSharedActivities, presentSharedDocument, presentSharedLicense } from '../shared-view.js';

/**
 * What the organisation reads of people who answered: only the records a live share names, read
 * from the person's workspace through the request that leads there. A withdrawn share, or one
 * whose request no longer names that workspace, reads as nothing (404 for the records). Every read
 * of a person's records is written to their access log before it is answered (read-log.ts).
 */

type LiveShare = OrganisationRead & { records: SharedRecords };

async function readLive(deps: AppDeps, item: repo.RequestItem): Promise<LiveShare | undefined> {
  const { request, holderWorkspaceId } = item;
  if (request.status !== 'shared' || holderWorkspaceId === null) return undefined;
  const share = await repo.getOrgShare(deps.db, holderWorkspaceId, request.id);
  if (share === undefined || share.withdrawnAt !== null || share.organisationId === holderWorkspaceId)
    return undefined;
  return { records: await readSharedRecords(deps, holderWorkspaceId, share), holderWorkspaceId, share };
}

/** Who reads and through which route: what the person's access log names. */
export type Reader = { actor: AuditActor; route: string };

export async function readSharedCredentials(
  deps: AppDeps,
  tenantId: string,
  reader: Reader,
  requestId: string,
): Promise<SharedCredentials> {
  const item = await getRequestItem(deps, tenantId, requestId);
  const live = await readLive(deps, item);
  if (live === undefined) throw new AppError('not_found');
  await logOrganisationReads(deps.db, reader.actor, [live], reader.route, deps.now());
  const { records } = live;
  return {
    requestId,
    personName: item.request.personName,
    sharedAt: live.share.sharedAt,
    licenses: records.licenses.map((license) => ({ id: license.id, ...presentSharedLicense(license) })),
    activities: presentSharedActivities(records.activities),
    documents: records.documents.map(({ requirementId, document }) => ({
      requirementId,
      ...presentSharedDocument(document),
    })),
  };
}

/**
 * One page of the checklist: one entry per person asked, newest request first. It reads what each
 * person shared, so each such read is in that person's access log too.
 */
export async function pageChecklist(
  deps: AppDeps,
  tenantId: string,
  reader: Reader,
  query: { cursor?: string; limit?: number },
): Promise<{ items: ChecklistEntry[]; nextCursor?: string }> {
  const page = await pageRequests(deps, tenantId, query);
  const now = deps.now();
  const live = await Promise.all(page.items.map((item) => readLive(deps, item)));
  await logOrganisationReads(
    deps.db,
    reader.actor,
    live.filter((read) => read !== undefined),
    reader.route,
    now,
  );
  const items = page.items.map((item, index) => computeChecklist(item.request, live[index]?.records, now));
  return { ...page, items };
}
