import type { AuditActor } from '../../../platform/audit/audit-chain.js';
import type { Db } from '../../../platform/db/client.js';
import { commitTransaction } from '../../../platform/db/transactions.js';
import { PROFESSIONAL_READ_ACTION } from '../../../platform/tenancy/professional-reads.js';
import { buildOtherSideAudit } from './other-side-audit.js';
import type { OrgShare } from './schema.js';

/**
 * An organisation's reads of what a person shared land in that person's access log, the same one
 * professionals' reads use (`professional.read` entries naming the person as owner), so they see
 * which organisation looked at what and when. Written before the records are answered: what is not
 * logged is not shown.
 */

export type OrganisationRead = { holderWorkspaceId: string; share: OrgShare };

/** The audit target of such a read: the share, named by the request it answered. */
export const ORGANISATION_READ_TARGET = 'credentials-shared-with-organisation';

/** Logs each read in its person's workspace, all in one transaction (a page holds at most 100). */
export async function logOrganisationReads(
  db: Db,
  actor: AuditActor,
  reads: readonly OrganisationRead[],
  route: string,
  now: Date,
): Promise<void> {
  if (reads.length === 0) return;
  await commitTransaction(
    db,
    reads.map(({ holderWorkspaceId, share }) =>
      buildOtherSideAudit(
        db,
        holderWorkspaceId,
        {
          // The person knows the organisation, not its staff: the organisation's name is who read.
          actor: { type: actor.type, id: actor.id, label: share.organisationName },
          action: PROFESSIONAL_READ_ACTION,
          target: { type: ORGANISATION_READ_TARGET, id: share.requestId },
          details: {
            ownerId: share.sharedBy,
            organisationId: share.organisationId,
            method: 'GET',
            route,
            licenses: share.licenseIds.length,
            activities: share.activityIds.length,
            documents: share.documents.length,
          },
        },
        now,
      ),
    ),
  );
}
