import {
  commitWithAudit,
  WriteConditionFailed,
  type AuditEvent,
  type TransactItem,
} from '../../platform/audit/audit-log.js';
import { toActor, type TenantContext } from '../../platform/auth/principal.js';
import { canRole } from '../../platform/tenancy/roles.js';
import type { AuditActor } from '../../platform/audit/audit-chain.js';
import { buildWebUrl } from '../../config.js';
import { createId } from '../../platform/db/ids.js';
import type { AppDeps } from '../../platform/deps.js';
import { sendEmail } from '../notifications/service.js';
import { AppError } from '../../platform/errors.js';
import {
  POLICY_NOTICE_DAYS,
  POLICY_VERSIONS,
  RECORD_TYPES,
  RETENTION_TEXT,
  SUBPROCESSORS,
  type PolicyVersion,
} from './inventory.js';
import * as repo from './repo.js';
import {
  FUNNEL_STEPS,
  type Feedback,
  type FeedbackInput,
  type FeedbackListQuery,
  type FeedbackPatch,
  type PrivacyInventory,
  type UsageReport,
  type UsageEvent,
} from './schema.js';

const DAY_MS = 86_400_000;

/** The version in effect at `now`, and the next announced one, if any. */
export function policyStatus(
  versions: readonly PolicyVersion[],
  now: Date,
): { current: PolicyVersion; upcoming?: PolicyVersion } {
  const sorted = [...versions].sort((a, b) => a.effectiveAt.localeCompare(b.effectiveAt));
  const inEffect = sorted.filter((v) => Date.parse(v.effectiveAt) <= now.getTime());
  const current = inEffect.at(-1) ?? sorted[0];
  if (current === undefined) throw new Error('the privacy policy has no version');
  const upcoming = sorted.find(
    (v) => Date.parse(v.effectiveAt) > now.getTime() && Date.parse(v.publishedAt) <= now.getTime(),
  );
  return { current, ...(upcoming === undefined ? {} : { upcoming }) };
}

/** Problems with a list of versions: a material change announced less than 7 days ahead (P-RIGHT-5). */
export function findPolicyScheduleProblems(versions: readonly PolicyVersion[]): string[] {
  return versions
    .filter((v) => v.kind === 'material')
    .filter((v) => Date.parse(v.effectiveAt) - Date.parse(v.publishedAt) < POLICY_NOTICE_DAYS * DAY_MS)
    .map(
      (v) => `policy ${v.version} takes effect less than ${POLICY_NOTICE_DAYS} days after it is announced`,
    );
}

/** What the privacy and subprocessor pages show, straight from the inventory. */
export function getPrivacyInventory(now: Date): PrivacyInventory {
  const { current, upcoming } = policyStatus(POLICY_VERSIONS, now);
  return {
    policy: {
      current,
      ...(upcoming === undefined ? {} : { upcoming }),
      versions: [...POLICY_VERSIONS].sort((a, b) => b.effectiveAt.localeCompare(a.effectiveAt)),
    },
    recordTypes: RECORD_TYPES.map((type) => ({
      entity: type.entity,
      label: type.label,
      fields: type.fields,
      purpose: type.purpose,
      retention: RETENTION_TEXT[type.retention],
      providers: [...type.providers],
      correction: type.correction.how,
    })),
    subprocessors: SUBPROCESSORS.map(({ id, name, purpose, data, location, when }) => ({
      id,
      name,
      purpose,
      data,
      location,
      when,
    })),
  };
}

/**
 * Emails every account about each announced material policy version it has not been told about.
 * Safe to run on a schedule and to run twice: the outbox dedupes each person's notice of a version,
 * and a notice record lets later runs skip them without touching the outbox.
 */
export async function announcePolicyChanges(
  deps: AppDeps,
  versions: readonly PolicyVersion[] = POLICY_VERSIONS,
): Promise<{ notified: number }> {
  const problems = findPolicyScheduleProblems(versions);
  if (problems.length > 0) throw new Error(problems.join('; '));
  const now = deps.now();
  const due = versions.filter(
    (v) =>
      v.kind === 'material' &&
      Date.parse(v.publishedAt) <= now.getTime() &&
      Date.parse(v.effectiveAt) > now.getTime(),
  );
  let notified = 0;
  if (due.length === 0) return { notified };
  for await (const user of repo.scanUsers(deps.db)) {
    for (const version of due) {
      if (await repo.hasPolicyNotice(deps.db, user.id, version.version)) continue;
      await sendPolicyNotice(deps, user, version);
      if (await repo.recordPolicyNotice(deps.db, user.id, version.version, now.toISOString())) notified += 1;
    }
  }
  return { notified };
}

/** Through the outbox: its dedupe key (version and person) means a re-run never emails anyone twice. */
async function sendPolicyNotice(
  deps: AppDeps,
  user: { id: string; email: string },
  version: PolicyVersion,
): Promise<void> {
  const effective = new Date(version.effectiveAt).toUTCString().slice(0, 16);
  await sendEmail(deps, {
    dedupeKey: `policy-notice:${version.version}:${user.id}`,
    to: user.email,
    userId: user.id,
    template: 'serviceNotice',
    data: {
      subject: `Holdfast's privacy policy changes on ${effective}`,
      heading: 'Our privacy policy is changing',
      paragraphs: [
        `Our privacy policy changes to version ${version.version} on ${effective}.`,
        version.summary,
      ],
      link: { label: 'Read the policy', url: buildWebUrl(deps.config, '/privacy') },
    },
  });
}

/**
 * Counts a page view or funnel step for today. Nothing else is kept: no user, no device, no IP,
 * no cookie. With Global Privacy Control on, not even the count (P-LOG-2).
 */
export async function countUsage(deps: AppDeps, event: UsageEvent, hasGpc: boolean): Promise<boolean> {
  if (hasGpc) return false;
  if (event.kind === 'funnel' && !(FUNNEL_STEPS as readonly string[]).includes(event.name))
    throw new AppError('validation_failed', 'Unknown funnel step.', {
      errors: [{ field: 'name', message: `must be one of ${FUNNEL_STEPS.join(', ')}` }],
    });
  if (event.kind === 'page' && !event.name.startsWith('/'))
    throw new AppError('validation_failed', 'A page name is a route pattern starting with /.', {
      errors: [{ field: 'name', message: 'must start with /' }],
    });
  await repo.incrementCount(deps.db, deps.now().toISOString().slice(0, 10), event.kind, event.name);
  return true;
}

type UsageCount = { name: string; count: number };

function sumByName(target: Map<string, number>, counts: readonly UsageCount[]): void {
  for (const { name, count } of counts) target.set(name, (target.get(name) ?? 0) + count);
}

/** The daily counters of the last `days` days (today included), with totals over the range. */
export async function readUsage(deps: AppDeps, days: number): Promise<UsageReport> {
  const today = Date.parse(deps.now().toISOString().slice(0, 10));
  const pageTotals = new Map<string, number>();
  const funnelTotals = new Map<string, number>();
  const series: UsageReport['days'] = [];
  const dayList = Array.from({ length: days }, (_, i) =>
    new Date(today - (days - 1 - i) * DAY_MS).toISOString().slice(0, 10),
  );
  // One partition per day: read them side by side rather than one after another.
  const countsByDay = await Promise.all(dayList.map((day) => repo.readDayCounts(deps.db, day)));
  for (const [index, day] of dayList.entries()) {
    const counts = countsByDay[index] ?? [];
    const pages = counts.filter((c) => c.kind === 'page').map(({ name, count }) => ({ name, count }));
    const funnel = counts.filter((c) => c.kind === 'funnel').map(({ name, count }) => ({ name, count }));
    sumByName(pageTotals, pages);
    sumByName(funnelTotals, funnel);
    series.push({ day, pageViews: pages.reduce((sum, c) => sum + c.count, 0), pages, funnel });
  }
  return {
    from: series[0]?.day ?? '',
    to: series.at(-1)?.day ?? '',
    days: series,
    totals: {
      pages: [...pageTotals].map(([name, count]) => ({ name, count })).sort((a, b) => b.count - a.count),
      funnel: FUNNEL_STEPS.map((name) => ({ name, count: funnelTotals.get(name) ?? 0 })),
    },
  };
}

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
