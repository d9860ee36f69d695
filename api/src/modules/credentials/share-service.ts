import type { AuditActor } from '../../platform/audit/audit-chain.js';
import { commitWithAudit, WriteConditionFailed } from '../../platform/audit/audit-log.js';
import { createId, createSecret, hashSecret } from '../../platform/db/ids.js';
import type { AppDeps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { getDocument } from '../vault/service.js';
import { getActivitiesByIds } from './activity-repo.js';
import { invalidField } from './field-error.js';
import { listLicenses } from './license-service.js';
import * as repo from './share-repo.js';
import { presentSharedActivities, presentSharedDocument, presentSharedLicense } from './shared-view.js';
import type { Share, ShareInput, ShareView, StoredShare, Verification } from './share-schema.js';

/**
 * Verification links (P-CRED-2): the holder picks licenses, activities and documents; a verifier
 * with the link sees exactly those, until the link expires or is revoked, and each view is logged
 * for the holder. The token is 256 random bits; only its SHA-256 is stored.
 */

/** Most views a holder is shown per link (newest first); the count on the link covers them all. */
export const MAX_LISTED_VIEWS = 100;
const DAY_MS = 24 * 60 * 60 * 1000;
/** A token as handed out: 32 random bytes, base64url. Anything else cannot name a link. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

function statusOf(share: StoredShare, now: Date): Share['status'] {
  if (share.revokedAt !== null) return 'revoked';
  return share.expiresAt <= now.toISOString() ? 'expired' : 'active';
}

function present(share: StoredShare, now: Date): Share {
  return { ...share, status: statusOf(share, now) };
}

/** Refuses a pick that names nothing in the workspace, naming the field (a 400, never a 5xx). */
async function assertPicksExist(deps: AppDeps, tenantId: string, input: ShareInput): Promise<void> {
  if (input.licenseIds.length + input.activityIds.length + input.documentIds.length === 0)
    throw invalidField('licenseIds', 'must name at least one license, activity or document');
  const licenseIds = new Set((await listLicenses(deps, tenantId)).map((license) => license.id));
  if (input.licenseIds.some((id) => !licenseIds.has(id)))
    throw invalidField('licenseIds', 'names a license this workspace does not hold');
  const activities = await getActivitiesByIds(deps.db, tenantId, input.activityIds);
  if (activities.length !== input.activityIds.length)
    throw invalidField('activityIds', 'names an activity this workspace does not hold');
  for (const documentId of input.documentIds) {
    try {
      await getDocument(deps, tenantId, documentId);
    } catch (error) {
      if (error instanceof AppError && error.code === 'not_found')
        throw invalidField('documentIds', 'names a document this workspace does not hold');
      throw error;
    }
  }
}

/** Creates a link; the answer carries its token this once. The audit entry names no token. */
export async function createShare(
  deps: AppDeps,
  tenantId: string,
  actor: AuditActor,
  input: ShareInput,
): Promise<{ share: Share; token: string }> {
  await assertPicksExist(deps, tenantId, input);
  const now = deps.now();
  const token = createSecret(32);
  const share: StoredShare = {
    id: createId(),
    label: input.label.trim(),
    holderName: input.holderName.trim(),
    licenseIds: input.licenseIds,
    activityIds: input.activityIds,
    documentIds: input.documentIds,
    createdAt: now.toISOString(),
    createdBy: actor.id,
    expiresAt: new Date(now.getTime() + input.expiresInDays * DAY_MS).toISOString(),
    revokedAt: null,
    viewCount: 0,
    lastViewedAt: null,
    version: 1,
  };
  await commitWithAudit(
    deps.db,
    tenantId,
    repo.buildPutShare(deps.db, tenantId, share, hashSecret(token)),
    {
      actor,
      action: 'credential-share.created',
      target: { type: 'credential-share', id: share.id },
      details: {
        licenses: share.licenseIds.length,
        activities: share.activityIds.length,
        documents: share.documentIds.length,
        expiresAt: share.expiresAt,
      },
    },
    deps.now,
  );
  return { share: present(share, now), token };
}

export async function listShares(deps: AppDeps, tenantId: string): Promise<Share[]> {
  const now = deps.now();
  return (await repo.listShares(deps.db, tenantId)).map((share) => present(share, now));
}

async function getShareItem(deps: AppDeps, tenantId: string, shareId: string) {
  const item = await repo.getShareItem(deps.db, tenantId, shareId);
  if (item === undefined) throw new AppError('not_found');
  return item;
}

export async function getShare(deps: AppDeps, tenantId: string, shareId: string): Promise<Share> {
  return present((await getShareItem(deps, tenantId, shareId)).share, deps.now());
}

/** Revokes a link at once; revoking one already revoked changes nothing and answers it as it is. */
export async function revokeShare(
  deps: AppDeps,
  tenantId: string,
  actor: AuditActor,
  shareId: string,
): Promise<Share> {
  const item = await getShareItem(deps, tenantId, shareId);
  if (item.share.revokedAt === null) {
    try {
      await commitWithAudit(
        deps.db,
        tenantId,
        repo.buildRevokeShare(deps.db, tenantId, shareId, item.tokenHash, deps.now().toISOString()),
        { actor, action: 'credential-share.revoked', target: { type: 'credential-share', id: shareId } },
        deps.now,
      );
    } catch (error) {
      // Revoked by someone else meanwhile: the outcome asked for holds.
      if (!(error instanceof WriteConditionFailed)) throw error;
    }
  }
  return getShare(deps, tenantId, shareId);
}

export async function listShareViews(deps: AppDeps, tenantId: string, shareId: string): Promise<ShareView[]> {
  await getShareItem(deps, tenantId, shareId);
  return repo.listViews(deps.db, tenantId, shareId, MAX_LISTED_VIEWS);
}

/** Removes the public lookups of a workspace's links (its partition goes with the workspace purge). */
export async function purgeShareLookups(deps: AppDeps, tenantId: string): Promise<void> {
  for (const tokenHash of await repo.listShareTokenHashes(deps.db, tenantId))
    await repo.deleteLookup(deps.db, tokenHash);
}

/**
 * The public page of a token. Unknown, expired and revoked links answer the same 404, so a
 * verifier learns nothing about links they were not given. The view is logged before the answer.
 */
export async function openVerification(deps: AppDeps, token: string): Promise<Verification> {
  if (!TOKEN_PATTERN.test(token)) throw new AppError('not_found');
  const tokenHash = hashSecret(token);
  const lookup = await repo.findShareByTokenHash(deps.db, tokenHash);
  if (lookup === undefined) throw new AppError('not_found');
  const found = await repo.getShareItem(deps.db, lookup.tenantId, lookup.shareId);
  const now = deps.now();
  if (found === undefined || found.tokenHash !== tokenHash || statusOf(found.share, now) !== 'active')
    throw new AppError('not_found');
  const share = found.share;
  try {
    await repo.recordView(deps.db, lookup.tenantId, share.id, {
      id: createId(),
      viewedAt: now.toISOString(),
    });
  } catch (error) {
    // Revoked between the read and the log: answered like any revoked link.
    if (error instanceof Error && error.name === 'TransactionCanceledException')
      throw new AppError('not_found');
    throw error;
  }
  return readShared(deps, lookup.tenantId, share);
}

/** What the holder picked, as it is now; a record deleted since is simply left out. */
async function readShared(deps: AppDeps, tenantId: string, share: StoredShare): Promise<Verification> {
  const picked = new Set(share.licenseIds);
  const [licenses, activities, documents] = await Promise.all([
    listLicenses(deps, tenantId),
    getActivitiesByIds(deps.db, tenantId, share.activityIds),
    Promise.all(
      share.documentIds.map((id) =>
        getDocument(deps, tenantId, id).then(
          (document) => document,
          (error: unknown) => {
            if (error instanceof AppError && error.code === 'not_found') return undefined;
            throw error;
          },
        ),
      ),
    ),
  ]);
  return {
    holderName: share.holderName,
    sharedAt: share.createdAt,
    expiresAt: share.expiresAt,
    licenses: licenses.filter((license) => picked.has(license.id)).map(presentSharedLicense),
    activities: presentSharedActivities(activities),
    documents: documents.filter((document) => document !== undefined).map(presentSharedDocument),
  };
}
