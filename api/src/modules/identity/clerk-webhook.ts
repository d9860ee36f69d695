import type { IncomingHttpHeaders } from 'node:http';
import type { TransactItem } from '../../platform/audit/audit-log.js';
import { normalizeEmail } from '../../platform/db/ids.js';
import type { AppDeps } from '../../platform/deps.js';
import type { ProviderWebhook } from '../../platform/webhooks/webhook-routes.js';
import type { FollowUpRunner, WebhookEffect } from '../../platform/webhooks/types.js';
import { syncProfileCopies } from './profile.js';
import * as repo from './repo.js';
import { buildProvisionUser } from './service.js';

/** The parts of a Clerk user event we read: ids, the primary email and the name. */
type ClerkUserData = {
  id?: string;
  deleted?: boolean;
  first_name?: string | null;
  last_name?: string | null;
  primary_email_address_id?: string | null;
  email_addresses?: { id: string; email_address: string }[];
};

export type ClerkEvent = { id: string; type: string; data: ClerkUserData };

function headerOf(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return typeof value === 'string' ? value : undefined;
}

function primaryEmail(data: ClerkUserData): string | undefined {
  const emails = data.email_addresses ?? [];
  const primary = emails.find((e) => e.id === data.primary_email_address_id) ?? emails[0];
  return primary === undefined ? undefined : normalizeEmail(primary.email_address);
}

function displayNameOf(data: ClerkUserData): string | undefined {
  const name = [data.first_name, data.last_name]
    .filter((part) => typeof part === 'string' && part !== '')
    .join(' ');
  return name === '' ? undefined : name.slice(0, 120);
}

/** Keeps the local profile (email, name) in step with Clerk's; a taken email is left alone. */
async function syncProfile(deps: AppDeps, event: ClerkEvent, clerkUserId: string): Promise<WebhookEffect> {
  const email = primaryEmail(event.data);
  const displayName = displayNameOf(event.data);
  const lookup = await repo.findClerkLookup(deps.db, clerkUserId);
  // A late event about a user Clerk already deleted changes nothing (nor makes a new account).
  if (lookup?.clerkDeletedAt !== undefined) return { operations: [], outcome: 'clerk-user-deleted' };
  const userId = lookup?.userId;
  const emailOwner = email === undefined ? undefined : await repo.findUserIdByEmail(deps.db, email);
  if (userId === undefined) {
    if (email === undefined) return { operations: [], outcome: 'no-email' };
    // Never link a Clerk account to someone else's existing account by email alone.
    if (emailOwner !== undefined) return { operations: [], outcome: 'email-in-use' };
    const provision = buildProvisionUser(deps, {
      email,
      ...(displayName === undefined ? {} : { displayName }),
      clerkUserId,
    });
    return {
      operations: provision.operations,
      outcome: 'user-created',
      audit: { tenantId: provision.tenantId, event: provision.event },
    };
  }
  const user = await repo.getUser(deps.db, userId);
  if (user === undefined) return { operations: [], outcome: 'unknown-user' };
  const canTakeEmail =
    email !== undefined && email !== user.email && (emailOwner === undefined || emailOwner === userId);
  if (displayName === undefined && !canTakeEmail)
    return { operations: [], outcome: email !== user.email ? 'email-in-use' : 'unchanged' };
  const operations: TransactItem[] = [
    repo.buildUpdateUserProfileItem(deps.db, userId, {
      ...(displayName === undefined ? {} : { displayName }),
      ...(canTakeEmail ? { email } : {}),
    }),
  ];
  if (canTakeEmail) operations.push(...repo.buildMoveEmailLookupItems(deps.db, userId, user.email, email));
  // Sessions and each workspace keep copies of the name and email; they follow once the profile is written.
  return {
    operations,
    outcome: 'profile-updated',
    followUps: [{ kind: 'sync-profile-copies', data: { userId } }],
  };
}

/**
 * The follow-up that hides an account whose deletion the Clerk webhook committed; the app runs it
 * with the privacy module's `applyAccountDeletion`.
 */
export const APPLY_ACCOUNT_DELETION = 'apply-account-deletion';

/**
 * The items that start an account's deletion (the privacy module's `planAccountDeletion`), given
 * by the app: the deletion depends on this module, so this module does not import it.
 */
export type PlanAccountDeletion = (
  deps: AppDeps,
  user: { id: string; email: string },
) => Promise<TransactItem[]>;

/**
 * Starts the account's deletion (P-RIGHT-3) when its Clerk user is deleted: the same deletion a
 * person asks for in the app (`planAccountDeletion`): hidden at once, restorable for 30 days,
 * then purged. The request, the profile's mark and the queued notice commit with the ledger entry,
 * so a redelivery starts nothing twice; hiding it (sessions, workspaces, API keys) and delivering
 * the notice is the follow-up, re-run until done.
 *
 * The Clerk lookup is kept, marked deleted: a token Clerk issued before the deletion, or a late
 * user.updated, then reaches neither this account nor a new one, and the purge does not ask Clerk
 * to delete a user it no longer has. As the Clerk identity is gone, the restore offer is reached
 * only through the built-in email sign-in link (`/v1/auth/magic-link`) to the account's address;
 * a new Clerk user with the same email is never linked to it (see `syncProfile`).
 */
async function startDeletion(
  deps: AppDeps,
  clerkUserId: string,
  planAccountDeletion: PlanAccountDeletion,
): Promise<WebhookEffect> {
  const lookup = await repo.findClerkLookup(deps.db, clerkUserId);
  const user = lookup === undefined ? undefined : await repo.getUser(deps.db, lookup.userId);
  if (lookup === undefined || user === undefined) return { operations: [], outcome: 'unknown-user' };
  const mark = repo.buildMarkClerkUserDeletedItem(deps.db, clerkUserId, user.id, deps.now().toISOString());
  // Already deleted in the app: that deletion runs its course; only Clerk's side is recorded.
  if (user.deletionRequestedAt !== undefined)
    return { operations: [mark], outcome: 'deletion-already-requested' };
  return {
    operations: [...(await planAccountDeletion(deps, user)), mark],
    outcome: 'deletion-started',
    followUps: [{ kind: APPLY_ACCOUNT_DELETION, data: { userId: user.id } }],
  };
}

/** Copies a person's profile to their sessions and member entries; safe to repeat. */
export const syncProfileCopiesFollowUp: FollowUpRunner = async (deps, data) => {
  if (data.userId !== undefined) await syncProfileCopies(deps, data.userId);
};

/** Clerk's Svix-signed webhooks, verified with `@clerk/backend` on the raw body (5-minute tolerance). */
export function createClerkWebhook(
  secret: string,
  planAccountDeletion: PlanAccountDeletion,
): ProviderWebhook<ClerkEvent> {
  return {
    verify: async (raw, headers) => {
      const forwarded: Record<string, string> = { 'content-type': 'application/json' };
      for (const name of [
        'svix-id',
        'svix-timestamp',
        'svix-signature',
        'webhook-id',
        'webhook-timestamp',
        'webhook-signature',
      ]) {
        const value = headerOf(headers, name);
        if (value !== undefined) forwarded[name] = value;
      }
      const request = new Request('https://holdfast.invalid/webhooks/clerk', {
        method: 'POST',
        headers: forwarded,
        body: raw.toString('utf8'),
      });
      // Loaded on the first delivery, so a cold start that serves no Clerk webhook skips it.
      const { verifyWebhook } = await import('@clerk/backend/webhooks');
      const event = await verifyWebhook(request, { signingSecret: secret });
      // The message id is part of what Svix signs, so it can key the ledger.
      const id = forwarded['svix-id'] ?? forwarded['webhook-id'] ?? '';
      return { id, type: event.type, data: event.data };
    },
    handle: async (deps, event) => {
      const clerkUserId = event.data.id;
      if (clerkUserId === undefined) return { operations: [], outcome: 'ignored' };
      switch (event.type) {
        case 'user.created':
        case 'user.updated':
          return syncProfile(deps, event, clerkUserId);
        case 'user.deleted':
          return startDeletion(deps, clerkUserId, planAccountDeletion);
        default:
          return { operations: [], outcome: 'ignored' };
      }
    },
  };
}
