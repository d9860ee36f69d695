import type { AuditActor } from '../../platform/audit/audit-chain.js';
import { commitWithAudit, type TransactItem } from '../../platform/audit/audit-log.js';
import { createId } from '../../platform/db/ids.js';
import { versionConflict, writeVersioned } from '../../platform/db/versioned-update.js';
import type { AppDeps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { invalidField } from './field-error.js';
import * as repo from './activity-repo.js';
import type {
  Activity,
  ActivityInput,
  ActivityListQuery,
  ActivityPatch,
  ReportedBy,
} from './activity-schema.js';
import { isCalendarDate } from './cycles.js';
import { describeRenewal, listLicenses } from './license-service.js';
import { explainAllocations, type Allocation, type LicenseProgress } from './progress.js';
import { sameTopic } from './requirements.js';
import { commitWithTallies, prepareTallyWrites, readLicenseProgress } from './tally-service.js';

/** A workspace keeps at most this many activities: decades of CE, few enough to total at once. */
export const MAX_ACTIVITIES = 5000;

/** Topic hours are part of the activity's hours: together no more, each topic once. */
function assertActivity(activity: Pick<Activity, 'completedOn' | 'hours' | 'topics'>): void {
  if (!isCalendarDate(activity.completedOn)) throw invalidField('completedOn', 'is not a calendar date');
  const total = activity.topics.reduce((sum, t) => sum + t.hours, 0);
  if (total > activity.hours) throw invalidField('topics', 'hold more hours than the activity');
  const names = activity.topics.map((t) => t.topic);
  if (names.some((name, index) => names.findIndex((other) => sameTopic(other, name)) !== index))
    throw invalidField('topics', 'name the same topic twice');
}

function cleanTopics(topics: Activity['topics']): Activity['topics'] {
  return topics.map((t) => ({ topic: t.topic.trim(), hours: t.hours }));
}

/**
 * A new activity from `input`, checked, and the writes that store it and add it to the cycle
 * tallies: for callers that commit it with other changes (an accepted provider report).
 * `reportedBy` names the provider that reported it.
 */
export async function prepareActivity(
  deps: AppDeps,
  tenantId: string,
  actor: AuditActor,
  input: ActivityInput,
  reportedBy?: ReportedBy,
): Promise<{ activity: Activity; writes: TransactItem[] }> {
  const { activity, write } = await buildNewActivity(deps, tenantId, actor, input, reportedBy);
  return { activity, writes: [write, ...(await prepareTallyWrites(deps, tenantId, { after: activity }))] };
}

async function buildNewActivity(
  deps: AppDeps,
  tenantId: string,
  actor: AuditActor,
  input: ActivityInput,
  reportedBy?: ReportedBy,
): Promise<{ activity: Activity; write: TransactItem }> {
  const now = deps.now().toISOString();
  const activity: Activity = {
    id: createId(),
    title: input.title.trim(),
    provider: (input.provider ?? '').trim(),
    completedOn: input.completedOn,
    hours: input.hours,
    format: input.format,
    topics: cleanTopics(input.topics ?? []),
    notes: (input.notes ?? '').trim(),
    ...(input.certificateNumber === undefined ? {} : { certificateNumber: input.certificateNumber.trim() }),
    // Which prompt's suggestions the person reviewed and saved; never set by the AI itself (P-AI-2).
    ...(input.extractedWith === undefined ? {} : { extractedWith: input.extractedWith }),
    ...(reportedBy === undefined ? {} : { reportedBy }),
    createdAt: now,
    updatedAt: now,
    createdBy: actor.id,
    version: 1,
  };
  assertActivity(activity);
  if ((await repo.listAllActivities(deps.db, tenantId)).length >= MAX_ACTIVITIES)
    throw new AppError('conflict', `A workspace keeps at most ${MAX_ACTIVITIES} activities.`);
  return { activity, write: repo.buildPutActivity(deps.db, tenantId, activity) };
}

/** Logs an activity; the audit entry names it and its hours, never its title or notes. */
export async function createActivity(
  deps: AppDeps,
  tenantId: string,
  actor: AuditActor,
  input: ActivityInput,
): Promise<Activity> {
  const { activity, write } = await buildNewActivity(deps, tenantId, actor, input);
  await commitWithTallies(deps, tenantId, { after: activity }, 1, (tallyWrites) =>
    commitWithAudit(
      deps.db,
      tenantId,
      [write, ...tallyWrites],
      {
        actor,
        action: 'ce-activity.created',
        target: { type: 'ce-activity', id: activity.id },
        details: {
          hours: activity.hours,
          format: activity.format,
          ...(activity.extractedWith === undefined
            ? {}
            : { extractedWith: activity.extractedWith.promptVersion }),
        },
      },
      deps.now,
    ),
  );
  return activity;
}

export async function getActivity(deps: AppDeps, tenantId: string, activityId: string): Promise<Activity> {
  const activity = await repo.getActivity(deps.db, tenantId, activityId);
  if (activity === undefined) throw new AppError('not_found');
  return activity;
}

export async function listActivities(
  deps: AppDeps,
  tenantId: string,
  query: ActivityListQuery,
): Promise<{ items: Activity[]; nextCursor?: string }> {
  const queryKey = 'ce-activities';
  const startKey = deps.cursors.decode(tenantId, queryKey, query.cursor);
  const page = await repo.queryActivities(deps.db, tenantId, {
    limit: query.limit ?? 50,
    ...(startKey === undefined ? {} : { startKey }),
  });
  const nextCursor = deps.cursors.encode(tenantId, queryKey, page.lastKey);
  return { items: page.items, ...(nextCursor === undefined ? {} : { nextCursor }) };
}

/** Corrects any fields of an activity; a stale `version` answers 409 with the current one. */
export async function updateActivity(
  deps: AppDeps,
  tenantId: string,
  actor: AuditActor,
  activityId: string,
  patch: ActivityPatch,
): Promise<Activity> {
  const { version, ...fields } = patch;
  const current = await getActivity(deps, tenantId, activityId);
  const changes: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    if (field === 'topics') changes[field] = cleanTopics(value as Activity['topics']);
    else changes[field] = typeof value === 'string' && field !== 'completedOn' ? value.trim() : value;
  }
  const changed = Object.keys(changes);
  if (changed.length === 0)
    throw new AppError('validation_failed', 'Nothing to change: send at least one field besides version.');
  const after: Activity = { ...current, ...(changes as Partial<Activity>) };
  assertActivity(after);
  // The tallies change by the difference from `current`, so the edit must replace exactly it.
  if (current.version !== version) throw versionConflict('This activity', current.version);
  changes.updatedAt = deps.now().toISOString();
  await writeVersioned(
    () =>
      commitWithTallies(deps, tenantId, { before: current, after }, 1, (tallyWrites) =>
        commitWithAudit(
          deps.db,
          tenantId,
          [repo.buildUpdateActivity(deps.db, tenantId, activityId, changes, version), ...tallyWrites],
          {
            actor,
            action: 'ce-activity.updated',
            target: { type: 'ce-activity', id: activityId },
            details: { fields: changed, fromVersion: version },
          },
          deps.now,
        ),
      ),
    async () => {
      const now = await repo.getActivity(deps.db, tenantId, activityId);
      return now === undefined ? new AppError('not_found') : versionConflict('This activity', now.version);
    },
  );
  return getActivity(deps, tenantId, activityId);
}

export async function deleteActivity(
  deps: AppDeps,
  tenantId: string,
  actor: AuditActor,
  activityId: string,
): Promise<void> {
  const current = await getActivity(deps, tenantId, activityId);
  await writeVersioned(
    () =>
      commitWithTallies(deps, tenantId, { before: current }, 1, (tallyWrites) =>
        commitWithAudit(
          deps.db,
          tenantId,
          [repo.buildDeleteActivity(deps.db, tenantId, activityId, current.version), ...tallyWrites],
          {
            actor,
            action: 'ce-activity.deleted',
            target: { type: 'ce-activity', id: activityId },
            details: {},
          },
          deps.now,
        ),
      ),
    async () =>
      (await repo.getActivity(deps.db, tenantId, activityId)) === undefined
        ? new AppError('not_found')
        : new AppError('conflict', 'This activity changed while it was being deleted: try again.'),
  );
}

/** The explanations cover at most this many activities, the most recent ones. */
const MAX_EXPLAINED = 200;

function newestFirst(activities: Activity[]): Activity[] {
  return [...activities].sort((a, b) =>
    a.completedOn < b.completedOn ? 1 : a.completedOn > b.completedOn ? -1 : 0,
  );
}

/** Each license's current cycle: hours needed, earned and remaining in total and per topic. */
export async function getProgress(
  deps: AppDeps,
  tenantId: string,
): Promise<{ today: string; licenses: LicenseProgress[] }> {
  const today = deps.now().toISOString().slice(0, 10);
  return { today, licenses: await readLicenseProgress(deps, tenantId, today) };
}

/**
 * What each of the most recent activities counted for, read on demand (the activities page): it
 * needs every activity, which the progress read no longer does.
 */
export async function getAllocations(
  deps: AppDeps,
  tenantId: string,
): Promise<{ allocations: Allocation[] }> {
  const [licenses, activities] = await Promise.all([
    listLicenses(deps, tenantId),
    repo.listAllActivities(deps.db, tenantId),
  ]);
  const described = licenses.map((license) => ({ license, renewal: describeRenewal(license) }));
  return { allocations: explainAllocations(described, newestFirst(activities).slice(0, MAX_EXPLAINED)) };
}

/**
 * One license's current cycle, as on the progress page (from the cycle tallies, like it); none
 * when the license is gone.
 */
export async function getLicenseProgress(
  deps: AppDeps,
  tenantId: string,
  licenseId: string,
): Promise<LicenseProgress | undefined> {
  const today = deps.now().toISOString().slice(0, 10);
  const progress = await readLicenseProgress(deps, tenantId, today);
  return progress.find((entry) => entry.licenseId === licenseId);
}
