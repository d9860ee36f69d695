import type { AuditActor } from '../../../platform/audit/audit-chain.js';
import { commitWithAudit } from '../../../platform/audit/audit-log.js';
import { createId, hashSecret, normalizeEmail } from '../../../platform/db/ids.js';
import type { AppDeps } from '../../../platform/deps.js';
import { AppError } from '../../../platform/errors.js';
import { buildEnqueueEmailItem, deliverQueuedEmail } from '../../notifications/service.js';
import { invalidField } from '../field-error.js';
import * as repo from './repo.js';
import { buildRequestMail } from './request-mail.js';
import type { CredentialRequest, CredentialRequestInput, Organisation, OrganisationInput } from './schema.js';

/**
 * The organisation's side: it says what kind of organisation it is, then asks people by email for
 * named licenses and documents. The request is mailed through the outbox (committed with it) and
 * waits in the person's inbox until they answer, signed in with that address.
 */

/** The address a request is filed under: only its SHA-256, so the key names no one. */
export function hashEmail(email: string): string {
  return hashSecret(normalizeEmail(email));
}

export async function getOrganisation(deps: AppDeps, tenantId: string): Promise<Organisation> {
  const organisation = await repo.getOrganisation(deps.db, tenantId);
  if (organisation === undefined)
    throw new AppError('not_found', 'This workspace is not set up as an organisation.');
  return organisation;
}

/** Sets (or changes) the workspace's organisation kind and name; it may then request credentials. */
export async function setOrganisation(
  deps: AppDeps,
  tenantId: string,
  actor: AuditActor,
  input: OrganisationInput,
): Promise<Organisation> {
  const organisation: Organisation = {
    kind: input.kind,
    name: input.name.trim(),
    updatedAt: deps.now().toISOString(),
    updatedBy: actor.id,
  };
  await commitWithAudit(
    deps.db,
    tenantId,
    [repo.buildPutOrganisation(deps.db, tenantId, organisation)],
    {
      actor,
      action: 'credential-organisation.set',
      target: { type: 'credential-organisation', id: tenantId },
      details: { kind: organisation.kind },
    },
    deps.now,
  );
  return organisation;
}

/** Asks a person for credentials: the request, their inbox entry and the email commit together. */
export async function createRequest(
  deps: AppDeps,
  tenantId: string,
  actor: AuditActor,
  input: CredentialRequestInput,
): Promise<CredentialRequest> {
  const organisation = await repo.getOrganisation(deps.db, tenantId);
  if (organisation === undefined)
    throw new AppError('conflict', 'Set this workspace up as an organisation before requesting credentials.');
  if (input.licenses.length + input.documents.length === 0)
    throw invalidField('licenses', 'must name at least one license or document');
  const now = deps.now();
  const request: CredentialRequest = {
    id: createId(),
    email: normalizeEmail(input.email),
    personName: input.personName.trim(),
    message: (input.message ?? '').trim(),
    licenses: input.licenses.map(({ jurisdiction, credentialType }) => ({ jurisdiction, credentialType })),
    documents: input.documents.map((document) => ({ id: createId(), label: document.label.trim() })),
    status: 'pending',
    createdAt: now.toISOString(),
    createdBy: actor.id,
    answeredAt: null,
    withdrawnAt: null,
    cancelledAt: null,
    version: 1,
  };
  const mail = buildRequestMail(deps, organisation.name, request);
  await commitWithAudit(
    deps.db,
    tenantId,
    [
      ...repo.buildPutRequest(deps.db, tenantId, request, hashEmail(request.email), organisation),
      buildEnqueueEmailItem(deps, mail),
    ],
    {
      actor,
      action: 'credential-request.created',
      target: { type: 'credential-request', id: request.id },
      details: { licenses: request.licenses.length, documents: request.documents.length },
    },
    deps.now,
  );
  await deliverQueuedEmail(deps, mail.dedupeKey);
  return request;
}

export async function getRequestItem(
  deps: AppDeps,
  tenantId: string,
  requestId: string,
): Promise<repo.RequestItem> {
  const item = await repo.getRequest(deps.db, tenantId, requestId);
  if (item === undefined) throw new AppError('not_found');
  return item;
}

export async function getRequest(
  deps: AppDeps,
  tenantId: string,
  requestId: string,
): Promise<CredentialRequest> {
  return (await getRequestItem(deps, tenantId, requestId)).request;
}

/** One page of requests, newest first, with an opaque cursor bound to this workspace and list. */
export async function pageRequests(
  deps: AppDeps,
  tenantId: string,
  query: { cursor?: string; limit?: number },
): Promise<{ items: repo.RequestItem[]; nextCursor?: string }> {
  const queryKey = 'credential-requests';
  const startKey = deps.cursors.decode(tenantId, queryKey, query.cursor);
  const page = await repo.queryRequests(deps.db, tenantId, {
    limit: query.limit ?? 25,
    ...(startKey === undefined ? {} : { startKey }),
  });
  const nextCursor = deps.cursors.encode(tenantId, queryKey, page.lastKey);
  return { items: page.items, ...(nextCursor === undefined ? {} : { nextCursor }) };
}

export async function listRequests(
  deps: AppDeps,
  tenantId: string,
  query: { cursor?: string; limit?: number },
): Promise<{ items: CredentialRequest[]; nextCursor?: string }> {
  const page = await pageRequests(deps, tenantId, query);
  return { ...page, items: page.items.map((item) => item.request) };
}

/** Removes the inbox entries of a purged organisation's requests still waiting for an answer. */
export async function purgeInboxEntries(deps: AppDeps, tenantId: string): Promise<void> {
  for (const item of await repo.listAllRequests(deps.db, tenantId))
    if (item.request.status === 'pending')
      await repo.deleteInboxEntry(deps.db, item.emailHash, item.request.id);
}
