import type { AuditActor } from '../../../platform/audit/audit-chain.js';
import { commitWithAudit, WriteConditionFailed } from '../../../platform/audit/audit-log.js';
import { createId } from '../../../platform/db/ids.js';
import type { AppDeps } from '../../../platform/deps.js';
import { AppError } from '../../../platform/errors.js';
import { isCalendarDate } from '../cycles.js';
import { invalidField } from '../field-error.js';
import { buildOtherSideAudit } from '../organisations/other-side-audit.js';
import * as repo from './completion-repo.js';
import * as linkRepo from './link-repo.js';
import { hasProviderLink, resolveLiveLink } from './link-service.js';
import type {
  CompletionInput,
  CompletionListQuery,
  CompletionReport,
  PageQuery,
  ReportedCompletion,
} from './schema.js';

const TARGET = 'ce-completion';

/**
 * A provider reports a completion through a live link: it lands as pending in the person's
 * workspace and as a report in the provider's, with an audit entry on both sides (hours only,
 * never the course title). A link that is unknown here, revoked or ended answers 404. A link holds
 * at most `CE_PENDING_COMPLETIONS_PER_LINK` completions waiting for the person, counted on the
 * link in the same transaction (accepting or declining frees a slot); beyond it the provider gets
 * 409 `too_many_pending_completions`. A retry with the same Idempotency-Key is answered from the
 * first answer and never reaches here, so it is never counted twice.
 */
export async function reportCompletion(
  deps: AppDeps,
  providerWorkspaceId: string,
  actor: AuditActor,
  input: CompletionInput,
): Promise<CompletionReport> {
  if (!isCalendarDate(input.completedOn)) throw invalidField('completedOn', 'is not a calendar date');
  const { personWorkspaceId } = await resolveLiveLink(deps, providerWorkspaceId, input.linkId);
  const now = deps.now();
  const completion: ReportedCompletion = {
    id: createId(),
    linkId: input.linkId,
    courseTitle: input.courseTitle.trim(),
    providerName: input.providerName.trim(),
    completedOn: input.completedOn,
    hours: input.hours,
    category: input.category.trim(),
    format: input.format ?? 'self-study',
    ...(input.certificateNumber === undefined ? {} : { certificateNumber: input.certificateNumber.trim() }),
    status: 'pending',
    reportedAt: now.toISOString(),
    decidedAt: null,
    activityId: null,
    version: 1,
  };
  const event = {
    actor,
    action: 'ce-completion.reported',
    target: { type: TARGET, id: completion.id },
    details: { linkId: completion.linkId, hours: completion.hours },
  };
  const cap = deps.config.CE_PENDING_COMPLETIONS_PER_LINK;
  try {
    await commitWithAudit(
      deps.db,
      providerWorkspaceId,
      [
        // First, so a failed condition at index 0 is the count's (or the link's) own.
        linkRepo.buildCountPending(deps.db, {
          personWorkspaceId,
          providerWorkspaceId,
          linkId: input.linkId,
          cap,
        }),
        ...repo.buildPutCompletion(deps.db, { personWorkspaceId, providerWorkspaceId, completion }),
        buildOtherSideAudit(deps.db, personWorkspaceId, event, now),
      ],
      event,
      deps.now,
    );
  } catch (error) {
    if (error instanceof WriteConditionFailed && error.failedIndexes.includes(0))
      throw await explainRefusal(deps, { personWorkspaceId, providerWorkspaceId, linkId: input.linkId, cap });
    throw error;
  }
  return repo.toReport(completion);
}

/**
 * Why the link refused a completion it was read as accepting: revoked (or otherwise gone) since,
 * which answers 404 like any dead link, or its pending completions reached the cap. Nothing was
 * stored either way.
 */
async function explainRefusal(
  deps: AppDeps,
  refused: { personWorkspaceId: string; providerWorkspaceId: string; linkId: string; cap: number },
): Promise<AppError> {
  const item = await linkRepo.getLink(deps.db, refused.personWorkspaceId, refused.linkId);
  if (
    item === undefined ||
    item.link.revokedAt !== null ||
    item.providerWorkspaceId !== refused.providerWorkspaceId
  )
    return new AppError('not_found');
  // A slot was freed between the refusal and this read: the report may simply be sent again.
  if (item.pendingCount < refused.cap)
    return new AppError(
      'conflict',
      'The link changed while this was reported; nothing was stored. Report it again.',
    );
  return new AppError(
    'too_many_pending_completions',
    `${refused.cap} completions reported through this link are waiting for the person to accept or decline them, the most a link holds. The person must act on some before more can be reported; then report this one again with a new Idempotency-Key.`,
  );
}

/** What a provider reported through one of its links, newest first (also after the link ended). */
export async function listReports(
  deps: AppDeps,
  providerWorkspaceId: string,
  linkId: string,
  query: PageQuery,
): Promise<{ items: CompletionReport[]; nextCursor?: string }> {
  if (!(await hasProviderLink(deps, providerWorkspaceId, linkId))) throw new AppError('not_found');
  const queryKey = `ce-reports:${linkId}`;
  const startKey = deps.cursors.decode(providerWorkspaceId, queryKey, query.cursor);
  const page = await repo.queryReports(deps.db, providerWorkspaceId, linkId, {
    limit: query.limit ?? 50,
    ...(startKey === undefined ? {} : { startKey }),
  });
  const nextCursor = deps.cursors.encode(providerWorkspaceId, queryKey, page.lastKey);
  return { items: page.items, ...(nextCursor === undefined ? {} : { nextCursor }) };
}

/** The completions providers reported to a person, newest first, of one status when asked. */
export async function listCompletions(
  deps: AppDeps,
  tenantId: string,
  query: CompletionListQuery,
): Promise<{ items: ReportedCompletion[]; nextCursor?: string }> {
  const queryKey = `ce-completions:${query.status ?? 'all'}`;
  const startKey = deps.cursors.decode(tenantId, queryKey, query.cursor);
  const page = await repo.queryCompletions(deps.db, tenantId, {
    limit: query.limit ?? 50,
    ...(query.status === undefined ? {} : { status: query.status }),
    ...(startKey === undefined ? {} : { startKey }),
  });
  const nextCursor = deps.cursors.encode(tenantId, queryKey, page.lastKey);
  return { items: page.items, ...(nextCursor === undefined ? {} : { nextCursor }) };
}

export async function getCompletion(deps: AppDeps, tenantId: string, completionId: string) {
  const item = await repo.getCompletion(deps.db, tenantId, completionId);
  if (item === undefined) throw new AppError('not_found');
  return item;
}

/** Refuses a decision on a completion already decided (409), naming how it was decided. */
export function assertPending(completion: ReportedCompletion): void {
  if (completion.status !== 'pending')
    throw new AppError('conflict', `This completion was already ${completion.status}.`);
}

/** Runs a decision's write; a completion decided meanwhile answers 409. */
export async function commitDecision(write: () => Promise<void>): Promise<void> {
  try {
    await write();
  } catch (error) {
    if (error instanceof WriteConditionFailed)
      throw new AppError('conflict', 'This completion was decided meanwhile: reload it.');
    throw error;
  }
}
