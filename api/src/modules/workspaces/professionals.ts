import type { AuditEntry } from '../../platform/audit/audit-chain.js';
import { queryOwnerEntries } from '../../platform/audit/owner-entries.js';
import type { AppDeps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { PROFESSIONAL_READ_ACTION } from '../../platform/tenancy/professional-reads.js';
import type { ProfessionalGrant, Role } from '../../platform/tenancy/roles.js';
import * as repo from './repo.js';
import type { ProfessionalInput } from './schema.js';

/**
 * Professional access: a person gives an attorney, therapist, mediator, guardian ad litem or
 * parenting coordinator read-only access to chosen record kinds until an end date. The grant rides
 * on the invite and then on the member item; the tenancy check ends it at its end date and writes
 * every read to the person's log (platform/tenancy).
 */

const DAY_MS = 86_400_000;
export const DEFAULT_GRANT_DAYS = 90;
/** Longer than a year is a standing role, not a case's access: ask again then. */
const MAX_GRANT_DAYS = 366;

function invalidField(field: string, message: string): AppError {
  return new AppError('validation_failed', `Check the body: ${field} ${message}`, {
    errors: [{ field, message }],
  });
}

/** Whether a grant still gives access at `now`. */
export function isGrantLive(grant: ProfessionalGrant, now: Date): boolean {
  return Date.parse(grant.endsAt) > now.getTime();
}

/**
 * The grant an invite carries: required with the professional role, refused with any other; the
 * end date within a year from now, 90 days when left out.
 */
export function planGrant(
  input: { role: Role; professional?: ProfessionalInput },
  grantedBy: string,
  now: Date,
): ProfessionalGrant | undefined {
  const { professional } = input;
  if (input.role !== 'professional') {
    if (professional !== undefined) throw invalidField('/professional', 'is only for the professional role');
    return undefined;
  }
  if (professional === undefined)
    throw invalidField('/professional', 'is required for the professional role');
  const endsAt =
    professional.endsAt === undefined
      ? now.getTime() + DEFAULT_GRANT_DAYS * DAY_MS
      : Date.parse(professional.endsAt);
  if (!Number.isFinite(endsAt) || endsAt <= now.getTime() || endsAt > now.getTime() + MAX_GRANT_DAYS * DAY_MS)
    throw invalidField('/professional/endsAt', 'must be in the future and within a year');
  return {
    profession: professional.profession,
    kinds: [...professional.kinds],
    endsAt: new Date(endsAt).toISOString(),
    grantedBy,
  };
}

export type SharedWithMe = {
  workspaceId: string;
  workspaceName: string;
  sharedBy: { userId: string; displayName: string };
  grant: ProfessionalGrant;
};

/** The workspaces shared with a professional whose access is still live, across everyone who invited them. */
export async function listSharedWithMe(deps: AppDeps, userId: string): Promise<SharedWithMe[]> {
  const now = deps.now();
  const shared: SharedWithMe[] = [];
  for (const membership of await repo.listMembershipsOfUser(deps.db, userId)) {
    const { grant } = membership;
    if (membership.role !== 'professional' || grant === undefined || !isGrantLive(grant, now)) continue;
    const sharer = await repo.getMember(deps.db, membership.tenantId, grant.grantedBy);
    shared.push({
      workspaceId: membership.tenantId,
      workspaceName: membership.name,
      sharedBy: { userId: grant.grantedBy, displayName: sharer?.displayName ?? 'A former member' },
      grant,
    });
  }
  return shared.sort((a, b) => a.grant.endsAt.localeCompare(b.grant.endsAt));
}

/** One page of what professionals read of what `ownerId` shared with them, newest first. */
export async function listProfessionalReads(
  deps: AppDeps,
  tenantId: string,
  ownerId: string,
  query: { cursor?: string; limit?: number },
): Promise<{ items: AuditEntry[]; nextCursor?: string }> {
  const queryKey = `professional-reads:${ownerId}`;
  const startKey = deps.cursors.decode(tenantId, queryKey, query.cursor);
  const page = await queryOwnerEntries(
    deps.db,
    tenantId,
    { actionPrefix: PROFESSIONAL_READ_ACTION, ownerId },
    { limit: query.limit ?? 50, ...(startKey === undefined ? {} : { startKey }) },
  );
  const nextCursor = deps.cursors.encode(tenantId, queryKey, page.lastKey);
  return { items: page.items, ...(nextCursor === undefined ? {} : { nextCursor }) };
}
