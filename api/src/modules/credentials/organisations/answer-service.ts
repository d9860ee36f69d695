import type { AuditActor } from '../../../platform/audit/audit-chain.js';
import {
  commitWithAudit,
  WriteConditionFailed,
  type TransactItem,
} from '../../../platform/audit/audit-log.js';
import type { AppDeps } from '../../../platform/deps.js';
import { AppError } from '../../../platform/errors.js';
import { getActivitiesByIds } from '../activity-repo.js';
import { invalidField } from '../field-error.js';
import { listLicenses } from '../license-service.js';
import { buildOtherSideAudit } from './other-side-audit.js';
import { getRequestsAndOrganisations } from './received-repo.js';
import * as repo from './repo.js';
import type { CredentialRequest, OrgShare, OrgShareInput, ReceivedRequest } from './schema.js';
import { hashEmail } from './service.js';
import { findDocument } from './shared-records.js';

/**
 * The person's side: the requests addressed to their email, answered from the workspace they open
 * by sharing chosen records into the organisation. The share lives in the person's workspace;
 * withdrawing it ends the organisation's access at once. Every change is in both audit logs.
 */

/** Most waiting requests a person is shown at once (the oldest wait until these are answered). */
export const MAX_LISTED_REQUESTS = 50;

const SYSTEM_PURGE: AuditActor = { type: 'system', id: 'account-purge', label: 'Account purge' };

function toReceived(
  entry: Pick<repo.InboxEntry, 'organisationName' | 'organisationKind'>,
  request: CredentialRequest,
  share: OrgShare | null,
): ReceivedRequest {
  return {
    requestId: request.id,
    organisationName: entry.organisationName,
    organisationKind: entry.organisationKind,
    personName: request.personName,
    message: request.message,
    licenses: request.licenses,
    documents: request.documents,
    requestedAt: request.createdAt,
    status: share === null ? request.status : share.withdrawnAt === null ? 'shared' : 'withdrawn',
    share,
  };
}

/**
 * What the caller was asked, in the workspace they opened: requests still waiting for their address,
 * then what this workspace shared (with the request it answered, while the organisation keeps it).
 * The inbox and the shares are two partitions read side by side; the requests they name and the
 * organisations behind the shares are then read together in one batch, not one read each.
 */
export async function listReceived(
  deps: AppDeps,
  tenantId: string,
  email: string,
): Promise<ReceivedRequest[]> {
  const [inbox, shares] = await Promise.all([
    repo.listInbox(deps.db, hashEmail(email), MAX_LISTED_REQUESTS),
    repo.listOrgShares(deps.db, tenantId),
  ]);
  if (inbox.length + shares.length === 0) return [];
  const found = await getRequestsAndOrganisations(deps.db, {
    requests: [...inbox, ...shares],
    organisationIds: shares.map((share) => share.organisationId),
  });
  const waiting: ReceivedRequest[] = [];
  for (const entry of inbox) {
    const item = found.request(entry.organisationId, entry.requestId);
    if (item !== undefined && item.request.status === 'pending')
      waiting.push(toReceived(entry, item.request, null));
  }
  const answered: ReceivedRequest[] = [];
  for (const share of shares) {
    const item = found.request(share.organisationId, share.requestId);
    // Cancelled by the organisation: it no longer asks, so the person is not shown it.
    if (item?.request.status === 'cancelled') continue;
    const request: CredentialRequest = item?.request ?? {
      // The organisation is gone: the share is still the person's to see and withdraw.
      id: share.requestId,
      email,
      personName: '',
      message: '',
      licenses: [],
      documents: [],
      status: 'withdrawn',
      createdAt: share.sharedAt,
      createdBy: '',
      answeredAt: share.sharedAt,
      withdrawnAt: share.withdrawnAt,
      cancelledAt: null,
      version: 1,
    };
    const organisation = found.organisation(share.organisationId);
    answered.push(
      toReceived(
        { organisationName: share.organisationName, organisationKind: organisation?.kind ?? 'other' },
        request,
        share,
      ),
    );
  }
  return [...waiting, ...answered];
}

/** Refuses picks the workspace does not hold or the request did not ask for, naming the field. */
async function assertPicks(
  deps: AppDeps,
  tenantId: string,
  request: CredentialRequest,
  input: OrgShareInput,
): Promise<void> {
  if (input.licenseIds.length + input.activityIds.length + input.documents.length === 0)
    throw invalidField('licenseIds', 'must name at least one license, activity or document');
  const held = new Set((await listLicenses(deps, tenantId)).map((license) => license.id));
  if (input.licenseIds.some((id) => !held.has(id)))
    throw invalidField('licenseIds', 'names a license this workspace does not hold');
  const activities = await getActivitiesByIds(deps.db, tenantId, input.activityIds);
  if (activities.length !== input.activityIds.length)
    throw invalidField('activityIds', 'names an activity this workspace does not hold');
  const asked = new Set(request.documents.map((document) => document.id));
  const answered = new Set<string>();
  for (const { requirementId, documentId } of input.documents) {
    if (!asked.has(requirementId) || answered.has(requirementId))
      throw invalidField('documents', 'must answer each document the request asks for at most once');
    answered.add(requirementId);
    if ((await findDocument(deps, tenantId, documentId)) === undefined)
      throw invalidField('documents', 'names a document this workspace does not hold');
  }
}

/** Shares chosen records into the organisation that asked; the request is then answered. */
export async function shareIntoOrganisation(
  deps: AppDeps,
  tenantId: string,
  actor: AuditActor,
  email: string,
  requestId: string,
  input: OrgShareInput,
): Promise<ReceivedRequest> {
  const emailHash = hashEmail(email);
  const entry = await repo.getInboxEntry(deps.db, emailHash, requestId);
  const item =
    entry === undefined ? undefined : await repo.getRequest(deps.db, entry.organisationId, requestId);
  if (entry === undefined || item === undefined || item.request.status !== 'pending')
    throw new AppError('not_found');
  if (entry.organisationId === tenantId)
    throw new AppError('conflict', 'Answer from your own workspace, not from the organisation that asked.');
  await assertPicks(deps, tenantId, item.request, input);
  const now = deps.now();
  const share: OrgShare = {
    requestId,
    organisationId: entry.organisationId,
    organisationName: entry.organisationName,
    licenseIds: input.licenseIds,
    activityIds: input.activityIds,
    documents: input.documents.map(({ requirementId, documentId }) => ({ requirementId, documentId })),
    sharedAt: now.toISOString(),
    sharedBy: actor.id,
    withdrawnAt: null,
    version: 1,
  };
  const counts = {
    licenses: share.licenseIds.length,
    activities: share.activityIds.length,
    documents: share.documents.length,
  };
  const operations: TransactItem[] = [
    ...repo.buildAnswer(deps.db, {
      organisationId: entry.organisationId,
      personWorkspaceId: tenantId,
      emailHash,
      share,
    }),
    buildOtherSideAudit(
      deps.db,
      entry.organisationId,
      {
        actor,
        action: 'credential-request.answered',
        target: { type: 'credential-request', id: requestId },
        details: counts,
      },
      now,
    ),
  ];
  try {
    await commitWithAudit(
      deps.db,
      tenantId,
      operations,
      {
        actor,
        action: 'credential-org-share.created',
        target: { type: 'credential-org-share', id: requestId },
        details: { organisationId: entry.organisationId, ...counts },
      },
      deps.now,
    );
  } catch (error) {
    // Answered (or withdrawn by the organisation's purge) meanwhile: there is nothing to answer.
    if (error instanceof WriteConditionFailed) throw new AppError('not_found');
    throw error;
  }
  return toReceived(entry, { ...item.request, status: 'shared' }, share);
}

export async function getOrgShare(deps: AppDeps, tenantId: string, requestId: string): Promise<OrgShare> {
  const share = await repo.getOrgShare(deps.db, tenantId, requestId);
  if (share === undefined) throw new AppError('not_found');
  return share;
}

/**
 * Withdraws a share at once: the person's share is marked and the organisation's request no longer
 * leads here, in one transaction with an entry in each log. Withdrawing twice changes nothing.
 */
export async function withdrawShare(
  deps: AppDeps,
  tenantId: string,
  actor: AuditActor,
  requestId: string,
): Promise<OrgShare> {
  const share = await getOrgShare(deps, tenantId, requestId);
  if (share.withdrawnAt !== null) return share;
  const now = deps.now();
  const at = now.toISOString();
  const request = await repo.getRequest(deps.db, share.organisationId, requestId);
  const orgSide: TransactItem[] =
    request?.request.status === 'shared' && request.holderWorkspaceId === tenantId
      ? [
          repo.buildMarkWithdrawn(deps.db, share.organisationId, requestId, at),
          buildOtherSideAudit(
            deps.db,
            share.organisationId,
            {
              actor,
              action: 'credential-request.withdrawn',
              target: { type: 'credential-request', id: requestId },
            },
            now,
          ),
        ]
      : [];
  try {
    await commitWithAudit(
      deps.db,
      tenantId,
      [repo.buildWithdrawShare(deps.db, tenantId, requestId, at), ...orgSide],
      {
        actor,
        action: 'credential-org-share.withdrawn',
        target: { type: 'credential-org-share', id: requestId },
        details: { organisationId: share.organisationId },
      },
      deps.now,
    );
  } catch (error) {
    // Withdrawn meanwhile by another of the person's sessions: the outcome asked for holds.
    if (!(error instanceof WriteConditionFailed)) throw error;
  }
  return getOrgShare(deps, tenantId, requestId);
}

/**
 * A purged workspace's shares end their organisations' access: each request still leading here is
 * marked withdrawn, logged in the organisation's audit. The shares go with the partition sweep.
 * Safe to run again: a request already withdrawn is left as it is.
 */
export async function withdrawAllForPurge(deps: AppDeps, tenantId: string): Promise<void> {
  for (const share of await repo.listOrgShares(deps.db, tenantId)) {
    const request = await repo.getRequest(deps.db, share.organisationId, share.requestId);
    if (request?.request.status !== 'shared' || request.holderWorkspaceId !== tenantId) continue;
    try {
      await commitWithAudit(
        deps.db,
        share.organisationId,
        [repo.buildMarkWithdrawn(deps.db, share.organisationId, share.requestId, deps.now().toISOString())],
        {
          actor: SYSTEM_PURGE,
          action: 'credential-request.withdrawn',
          target: { type: 'credential-request', id: share.requestId },
        },
        deps.now,
      );
    } catch (error) {
      if (!(error instanceof WriteConditionFailed)) throw error;
    }
  }
}
