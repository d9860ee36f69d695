import {
  commitWithAudit,
  WriteConditionFailed,
  type AuditEvent,
  type TransactItem,
} from '../../platform/audit/audit-log.js';
import { toActor, type TenantContext } from '../../platform/auth/principal.js';
import { canRole } from '../../platform/tenancy/roles.js';
import type { AuditActor } from '../../platform/audit/audit-chain.js';
import { createId } from '../../platform/db/ids.js';
import type { AppDeps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import * as repo from './repo.js';
import type { Feedback, FeedbackInput, FeedbackListQuery, FeedbackPatch } from './schema.js';

const SCREENSHOT_MAGIC: Record<string, number[]> = {
  'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  'image/jpeg': [0xff, 0xd8, 0xff],
};

function decodeScreenshot(dataUrl: string): { bytes: Uint8Array; type: string } {
  const match = /^data:(image\/(?:png|jpeg));base64,(.+)$/.exec(dataUrl);
  const type = match?.[1];
  const bytes = Buffer.from(match?.[2] ?? '', 'base64');
  const magic = type === undefined ? undefined : SCREENSHOT_MAGIC[type];
  if (magic === undefined || !magic.every((byte, i) => bytes[i] === byte))
    throw new AppError('validation_failed', 'The screenshot is not a PNG or JPEG image.', {
      errors: [{ field: 'screenshot', message: 'must be a PNG or JPEG image' }],
    });
  return { bytes, type: type ?? 'image/png' };
}

export async function submitFeedback(
  deps: AppDeps,
  tenantId: string,
  actor: AuditActor,
  input: FeedbackInput,
): Promise<Feedback> {
  const screenshot = input.screenshot === undefined ? undefined : decodeScreenshot(input.screenshot);
  const feedback: Feedback = {
    id: createId(),
    message: input.message.trim(),
    pageUrl: input.pageUrl,
    userAgent: input.userAgent,
    hasScreenshot: screenshot !== undefined,
    submittedBy: { id: actor.id, label: actor.label },
    createdAt: deps.now().toISOString(),
  };
  await commitWithAudit(
    deps.db,
    tenantId,
    [repo.buildPutFeedback(deps.db, tenantId, feedback, screenshot)],
    {
      actor,
      action: 'feedback.submitted',
      target: { type: 'feedback', id: feedback.id },
      details: { hasScreenshot: feedback.hasScreenshot },
    },
    deps.now,
  );
  return feedback;
}

/** Feedback of a workspace, newest first: all of it for admins, or one author's own. */
export async function listFeedback(
  deps: AppDeps,
  tenantId: string,
  query: FeedbackListQuery,
  authorId?: string,
): Promise<{ items: Feedback[]; nextCursor?: string }> {
  const status = query.status ?? (authorId === undefined ? 'open' : 'all');
  const queryKey = `feedback:${status}:${authorId ?? '*'}`;
  const startKey = deps.cursors.decode(tenantId, queryKey, query.cursor);
  const page = await repo.queryFeedback(
    deps.db,
    tenantId,
    { status, ...(authorId === undefined ? {} : { authorId }) },
    { limit: query.limit ?? 25, ...(startKey === undefined ? {} : { startKey }) },
  );
  const nextCursor = deps.cursors.encode(tenantId, queryKey, page.lastKey);
  return { items: page.items, ...(nextCursor === undefined ? {} : { nextCursor }) };
}

/** A page of a workspace's feedback (or one author's), for the export. */
export async function listFeedbackPage(
  deps: AppDeps,
  tenantId: string,
  authorId: string | undefined,
  startKey: Record<string, unknown> | undefined,
): Promise<{ items: Feedback[]; lastKey?: Record<string, unknown> }> {
  return repo.queryFeedback(
    deps.db,
    tenantId,
    { status: 'all', ...(authorId === undefined ? {} : { authorId }) },
    { limit: 100, ...(startKey === undefined ? {} : { startKey }) },
  );
}

/**
 * The feedback a caller may act on: their own, or any of the workspace's when they manage
 * feedback. Anyone else is answered as if it did not exist.
 */
async function findActionableFeedback(deps: AppDeps, tenant: TenantContext, feedbackId: string) {
  const found = await repo.getFeedback(deps.db, tenant.tenantId, feedbackId);
  const isAuthor = found?.feedback.submittedBy.id === toActor(tenant.principal).id;
  if (found === undefined || (!isAuthor && !canRole(tenant.role, 'feedback:manage')))
    throw new AppError('not_found');
  return { found, isAuthor };
}

/** The author corrects the message; admins mark it handled or open it again. */
export async function changeFeedback(
  deps: AppDeps,
  tenant: TenantContext,
  feedbackId: string,
  patch: FeedbackPatch,
): Promise<Feedback> {
  const { isAuthor } = await findActionableFeedback(deps, tenant, feedbackId);
  const actor = toActor(tenant.principal);
  if (patch.message !== undefined && !isAuthor)
    throw new AppError('forbidden', 'Only the person who wrote this feedback can change its message.');
  if (patch.handled !== undefined && !canRole(tenant.role, 'feedback:manage'))
    throw new AppError('forbidden', 'Only owners and admins mark feedback handled.');
  const at = deps.now().toISOString();
  if (patch.message !== undefined)
    await commitFeedbackChange(
      deps,
      tenant.tenantId,
      repo.buildEditFeedbackMessage(deps.db, tenant.tenantId, feedbackId, actor.id, patch.message.trim(), at),
      {
        actor,
        action: 'feedback.edited',
        target: { type: 'feedback', id: feedbackId },
        details: { fields: ['message'] },
      },
    );
  if (patch.handled !== undefined)
    await commitFeedbackChange(
      deps,
      tenant.tenantId,
      repo.buildMarkFeedback(
        deps.db,
        tenant.tenantId,
        feedbackId,
        patch.handled ? { at, by: actor.label } : undefined,
      ),
      {
        actor,
        action: patch.handled ? 'feedback.handled' : 'feedback.reopened',
        target: { type: 'feedback', id: feedbackId },
        details: {},
      },
    );
  const found = await repo.getFeedback(deps.db, tenant.tenantId, feedbackId);
  if (found === undefined) throw new AppError('not_found');
  return found.feedback;
}

/** Removes the screenshot sent with a piece of feedback (its author, or an admin). */
export async function removeFeedbackScreenshot(
  deps: AppDeps,
  tenant: TenantContext,
  feedbackId: string,
): Promise<void> {
  const { isAuthor } = await findActionableFeedback(deps, tenant, feedbackId);
  const actor = toActor(tenant.principal);
  await commitFeedbackChange(
    deps,
    tenant.tenantId,
    repo.buildRemoveFeedbackScreenshot(deps.db, tenant.tenantId, feedbackId, isAuthor ? actor.id : undefined),
    {
      actor,
      action: 'feedback.screenshot_removed',
      target: { type: 'feedback', id: feedbackId },
      details: {},
    },
  );
}

async function commitFeedbackChange(
  deps: AppDeps,
  tenantId: string,
  operation: TransactItem,
  event: AuditEvent,
): Promise<void> {
  try {
    await commitWithAudit(deps.db, tenantId, [operation], event, deps.now);
  } catch (error) {
    if (error instanceof WriteConditionFailed) throw new AppError('not_found');
    throw error;
  }
}

/** The screenshot sent with a piece of feedback, for its author or an admin. */
export async function getFeedbackScreenshot(
  deps: AppDeps,
  tenant: TenantContext,
  feedbackId: string,
): Promise<{ bytes: Uint8Array; type: string }> {
  const { found } = await findActionableFeedback(deps, tenant, feedbackId);
  if (found.screenshot === undefined) throw new AppError('not_found');
  return found.screenshot;
}
