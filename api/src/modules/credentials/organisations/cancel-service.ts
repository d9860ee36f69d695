import type { AuditActor } from '../../../platform/audit/audit-chain.js';
import { commitWithAudit, WriteConditionFailed } from '../../../platform/audit/audit-log.js';
import type { AppDeps } from '../../../platform/deps.js';
import { AppError } from '../../../platform/errors.js';
import { buildEnqueueEmailItem, deliverQueuedEmail } from '../../notifications/service.js';
import { buildOtherSideAudit } from './other-side-audit.js';
import * as repo from './repo.js';
import { buildCancelledMail } from './request-mail.js';
import type { CredentialRequest } from './schema.js';
import { getRequestItem } from './service.js';

/**
 * The organisation withdraws its own request: the person no longer sees it, and anything they
 * shared for it ends at once (the organisation reads 404). When a share ends, the person's
 * workspace logs it in the same transaction as the organisation's entry; a request still waiting
 * leads to no workspace yet, so only the organisation's log holds it. The person asked is told by
 * email, queued in the same transaction as the cancel (so a cancel that lands always mails once,
 * and a lost race mails nothing) and sent through the outbox like the request itself.
 */

/** Reads before each try: an answer or withdrawal between the read and the write changes what ends. */
const MAX_ATTEMPTS = 3;

export async function cancelRequest(
  deps: AppDeps,
  tenantId: string,
  actor: AuditActor,
  requestId: string,
): Promise<CredentialRequest> {
  // The name the person knows the organisation by now; the profile outlives its requests.
  const organisationName = (await repo.getOrganisation(deps.db, tenantId))?.name ?? 'The organisation';
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
    const item = await getRequestItem(deps, tenantId, requestId);
    // Cancelling twice changes nothing (and mails nothing more).
    if (item.request.status === 'cancelled') return item.request;
    const mail = buildCancelledMail(deps, organisationName, item.request, item.request.status);
    const now = deps.now();
    const { holderWorkspaceId } = item;
    const endsShare = item.request.status === 'shared' && holderWorkspaceId !== null;
    const personSide = endsShare
      ? [
          buildOtherSideAudit(
            deps.db,
            holderWorkspaceId,
            {
              actor,
              action: 'credential-org-share.ended',
              target: { type: 'credential-org-share', id: requestId },
              details: { organisationId: tenantId, reason: 'request-cancelled' },
            },
            now,
          ),
        ]
      : [];
    try {
      await commitWithAudit(
        deps.db,
        tenantId,
        [
          ...repo.buildCancel(deps.db, { organisationId: tenantId, item, at: now.toISOString() }),
          ...personSide,
          buildEnqueueEmailItem(deps, mail),
        ],
        {
          actor,
          action: 'credential-request.cancelled',
          target: { type: 'credential-request', id: requestId },
          details: { previousStatus: item.request.status, endedShare: endsShare },
        },
        deps.now,
      );
    } catch (error) {
      if (error instanceof WriteConditionFailed) continue;
      throw error;
    }
    await deliverQueuedEmail(deps, mail.dedupeKey);
    return (await getRequestItem(deps, tenantId, requestId)).request;
  }
  throw new AppError('conflict', 'The request changed while it was being cancelled. Try again.');
}
