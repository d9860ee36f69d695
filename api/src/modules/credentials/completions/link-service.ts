import type { AuditActor } from '../../../platform/audit/audit-chain.js';
import { commitWithAudit, WriteConditionFailed } from '../../../platform/audit/audit-log.js';
import { createId } from '../../../platform/db/ids.js';
import type { AppDeps } from '../../../platform/deps.js';
import { AppError } from '../../../platform/errors.js';
import { buildOtherSideAudit } from '../organisations/other-side-audit.js';
import { createLinkCode, hashLinkCode } from './link-code.js';
import * as repo from './link-repo.js';
import type { ProviderLink, ProviderLinkInput, ProviderSideLink, StoredLink } from './schema.js';

/** A workspace keeps at most this many provider links, revoked ones included. */
export const MAX_LINKS = 200;
const DAY_MS = 24 * 60 * 60 * 1000;
const TARGET = 'ce-provider-link';

function statusOf(link: StoredLink, now: Date): ProviderLink['status'] {
  if (link.revokedAt !== null) return 'revoked';
  if (link.endedAt !== null) return 'ended';
  if (link.linkedAt !== null) return 'linked';
  return link.expiresAt <= now.toISOString() ? 'expired' : 'waiting';
}

function present(link: StoredLink, now: Date): ProviderLink {
  return { ...link, status: statusOf(link, now) };
}

/** Makes a link code for a provider; the answer carries the code this once. */
export async function createLink(
  deps: AppDeps,
  tenantId: string,
  actor: AuditActor,
  input: ProviderLinkInput,
): Promise<{ link: ProviderLink; code: string }> {
  if ((await repo.listLinks(deps.db, tenantId)).length >= MAX_LINKS)
    throw new AppError('conflict', `A workspace keeps at most ${MAX_LINKS} provider links.`);
  const now = deps.now();
  const code = createLinkCode();
  const link: StoredLink = {
    id: createId(),
    providerLabel: input.providerLabel.trim(),
    createdAt: now.toISOString(),
    createdBy: actor.id,
    expiresAt: new Date(now.getTime() + input.expiresInDays * DAY_MS).toISOString(),
    linkedAt: null,
    revokedAt: null,
    endedAt: null,
    version: 1,
  };
  await commitWithAudit(
    deps.db,
    tenantId,
    repo.buildPutLink(deps.db, tenantId, link, hashLinkCode(code)),
    {
      actor,
      action: 'ce-provider-link.created',
      target: { type: TARGET, id: link.id },
      details: { expiresAt: link.expiresAt },
    },
    deps.now,
  );
  return { link: present(link, now), code };
}

export async function listLinks(deps: AppDeps, tenantId: string): Promise<ProviderLink[]> {
  const now = deps.now();
  return (await repo.listLinks(deps.db, tenantId)).map((item) => present(item.link, now));
}

/**
 * Revokes a link: a waiting code stops working, a linked provider can report nothing more (its
 * side ends and its log says so). Revoking one already revoked answers it as it is.
 */
export async function revokeLink(
  deps: AppDeps,
  tenantId: string,
  actor: AuditActor,
  linkId: string,
): Promise<ProviderLink> {
  const item = await repo.getLink(deps.db, tenantId, linkId);
  if (item === undefined) throw new AppError('not_found');
  if (item.link.revokedAt === null) {
    const now = deps.now();
    const at = now.toISOString();
    const event = { actor, action: 'ce-provider-link.revoked', target: { type: TARGET, id: linkId } };
    const provider = item.providerWorkspaceId;
    const otherSide =
      provider === null
        ? []
        : [
            repo.buildEndProviderLink(deps.db, provider, linkId, at),
            buildOtherSideAudit(deps.db, provider, event, now),
          ];
    try {
      await commitWithAudit(
        deps.db,
        tenantId,
        [...repo.buildRevoke(deps.db, tenantId, item, at), ...otherSide],
        event,
        deps.now,
      );
    } catch (error) {
      // Revoked meanwhile (the person's side), or the provider's workspace is gone: revoke alone.
      if (!(error instanceof WriteConditionFailed)) throw error;
      if (error.failedIndexes.includes(0)) return getLinkOrFail(deps, tenantId, linkId);
      await commitWithAudit(
        deps.db,
        tenantId,
        repo.buildRevoke(deps.db, tenantId, item, at),
        event,
        deps.now,
      );
    }
  }
  return getLinkOrFail(deps, tenantId, linkId);
}

async function getLinkOrFail(deps: AppDeps, tenantId: string, linkId: string): Promise<ProviderLink> {
  const item = await repo.getLink(deps.db, tenantId, linkId);
  if (item === undefined) throw new AppError('not_found');
  return present(item.link, deps.now());
}

/**
 * A provider redeems a person's code, once, before it expires. Unknown, used, revoked and expired
 * codes answer the same 404. The provider learns the link's id, never the person's workspace.
 */
export async function redeemCode(
  deps: AppDeps,
  providerWorkspaceId: string,
  actor: AuditActor,
  code: string,
): Promise<ProviderSideLink> {
  const codeHash = hashLinkCode(code);
  const now = deps.now();
  const lookup = await repo.findCode(deps.db, codeHash);
  if (lookup === undefined || lookup.expiresAt <= now.toISOString())
    throw new AppError('not_found', 'No waiting link has this code: ask the person for a new one.');
  const at = now.toISOString();
  const event = { actor, action: 'ce-provider-link.redeemed', target: { type: TARGET, id: lookup.linkId } };
  try {
    await commitWithAudit(
      deps.db,
      providerWorkspaceId,
      [
        ...repo.buildRedeem(deps.db, {
          codeHash,
          personWorkspaceId: lookup.personWorkspaceId,
          providerWorkspaceId,
          linkId: lookup.linkId,
          at,
        }),
        buildOtherSideAudit(deps.db, lookup.personWorkspaceId, event, now),
      ],
      event,
      deps.now,
    );
  } catch (error) {
    if (error instanceof WriteConditionFailed)
      throw new AppError('not_found', 'No waiting link has this code: ask the person for a new one.');
    throw error;
  }
  return { linkId: lookup.linkId, linkedAt: at, endedAt: null };
}

/** The person behind a provider's live link, or 404 for anything else (ended, revoked, unknown). */
export async function resolveLiveLink(
  deps: AppDeps,
  providerWorkspaceId: string,
  linkId: string,
): Promise<{ personWorkspaceId: string }> {
  const side = await repo.getProviderLink(deps.db, providerWorkspaceId, linkId);
  if (side === undefined || side.link.endedAt !== null) throw new AppError('not_found');
  const link = await repo.getLink(deps.db, side.personWorkspaceId, linkId);
  if (link === undefined || link.link.revokedAt !== null || link.providerWorkspaceId !== providerWorkspaceId)
    throw new AppError('not_found');
  return { personWorkspaceId: side.personWorkspaceId };
}

/** Whether a provider ever redeemed this link (its reports stay readable after the link ends). */
export async function hasProviderLink(
  deps: AppDeps,
  providerWorkspaceId: string,
  linkId: string,
): Promise<boolean> {
  return (await repo.getProviderLink(deps.db, providerWorkspaceId, linkId)) !== undefined;
}

/** A person's purge: waiting codes stop working and every provider's side of their links ends. */
export async function endLinksForPurge(deps: AppDeps, tenantId: string): Promise<void> {
  const at = deps.now().toISOString();
  for (const item of await repo.listLinks(deps.db, tenantId)) {
    await repo.deleteCode(deps.db, item.codeHash);
    if (item.providerWorkspaceId !== null)
      await repo.endProviderLink(deps.db, item.providerWorkspaceId, item.link.id, at);
  }
}
