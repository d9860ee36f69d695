import { buildWebUrl } from '../../config.js';
import { getFailedConditionIndexes } from '../../platform/db/transactions.js';
import type { AppDeps } from '../../platform/deps.js';
import { sendEmail } from '../notifications/outbox.js';
import { listMembers } from '../workspaces/service.js';
import { getLicenseProgress } from './activity-service.js';
import { buildMoveReminderDue, moveReminderDue } from './license-repo.js';
import type { LicenseProgress } from './progress.js';
import {
  buildPutReminder,
  hasReminder,
  queryDueRemindersPage,
  type DueReminder,
  type ReminderMark,
} from './reminder-repo.js';
import { nextReminderDue, reminderStep } from './reminder-steps.js';

export { REMINDER_DAYS, reminderStep } from './reminder-steps.js';

/**
 * Counts only. `due`: licenses the reminder index listed as due (all the run read); `sent` and
 * `alreadySent`: reminders emailed now or by an earlier run.
 */
export type ReminderReport = { due: number; sent: number; alreadySent: number };

/** What is still missing in a cycle, as lines of the email (nothing when all is met or unknown). */
export function listMissing(progress: LicenseProgress): { title: string; body?: string }[] {
  const missing: { title: string; body?: string }[] = [];
  if (progress.total.remaining !== null && progress.total.remaining > 0)
    missing.push({
      title: `${progress.total.remaining} more hours in total`,
      body: `of ${progress.total.needed ?? '?'} required`,
    });
  for (const topic of progress.topics)
    if (topic.applies !== 'not-this-cycle' && topic.remaining !== null && topic.remaining > 0)
      missing.push({ title: `${topic.remaining} more hours of ${topic.topic}` });
  return missing;
}

/**
 * Emails the workspace's owner about each license cycle ending within 90, 30 or 7 days with
 * requirements still missing, through the outbox (optional mail: sent only with the person's
 * consent, checked at send time). Reads only the licenses the reminder index lists as due today
 * or earlier, never every person or workspace. Each reminder is decided on its day: when nothing
 * is missing then, none is sent and the license waits for its next step. Safe to run twice or at
 * once in two processes: each reminder's mark is written in the same transaction as its email
 * (conditioned on not existing) and as the move of the license to its next due day.
 */
export async function runCeReminders(deps: AppDeps): Promise<ReminderReport> {
  const report: ReminderReport = { due: 0, sent: 0, alreadySent: 0 };
  const today = deps.now().toISOString().slice(0, 10);
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await queryDueRemindersPage(deps.db, today, startKey);
    for (const due of page.items) {
      report.due += 1;
      const outcome = await remindOnce(deps, due);
      if (outcome !== undefined) report[outcome] += 1;
    }
    startKey = page.lastKey;
  } while (startKey !== undefined);
  return report;
}

/**
 * The day the license is next due after this run: the day of the step after `step`; without a
 * step, the first step's day while the cycle is more than 90 days from its end (it moved since
 * the entry was written), and none once it has ended or is unknown.
 */
function nextDueOf(progress: LicenseProgress, step: number | undefined): string | undefined {
  if (progress.cycle === null || progress.daysLeft === null) return undefined;
  if (step !== undefined) return nextReminderDue(progress.cycle.endsOn, step);
  return progress.daysLeft > 0 ? nextReminderDue(progress.cycle.endsOn) : undefined;
}

/** Moves the license on without an email; a license change (or another run) that moved it first wins. */
async function moveOnly(deps: AppDeps, due: DueReminder, toDueOn: string | undefined): Promise<void> {
  await moveReminderDue(deps.db, due.tenantId, due.licenseId, { fromSortKey: due.sortKey, toDueOn });
}

/** The owner the reminder goes to: the first by user id when a workspace has several. */
async function findOwner(deps: AppDeps, tenantId: string) {
  const owners = (await listMembers(deps, tenantId)).filter((member) => member.role === 'owner');
  return owners.sort((a, b) => a.userId.localeCompare(b.userId))[0];
}

async function remindOnce(deps: AppDeps, due: DueReminder): Promise<'sent' | 'alreadySent' | undefined> {
  const progress = await getLicenseProgress(deps, due.tenantId, due.licenseId);
  if (progress === undefined) return undefined; // deleted, and its index entry with it
  const step = progress.daysLeft === null ? undefined : reminderStep(progress.daysLeft);
  const toDueOn = nextDueOf(progress, step);
  const missing = listMissing(progress);
  const owner = step === undefined || missing.length === 0 ? undefined : await findOwner(deps, due.tenantId);
  if (step === undefined || progress.cycle === null || owner === undefined) {
    await moveOnly(deps, due, toDueOn);
    return undefined;
  }
  const mark: ReminderMark = {
    licenseId: progress.licenseId,
    endsOn: progress.cycle.endsOn,
    daysBefore: step,
  };
  if (await hasReminder(deps.db, due.tenantId, mark)) {
    await moveOnly(deps, due, toDueOn);
    return 'alreadySent';
  }
  const items = [
    buildPutReminder(deps.db, due.tenantId, mark, deps.now().toISOString()),
    buildMoveReminderDue(deps.db, due.tenantId, due.licenseId, { fromSortKey: due.sortKey, toDueOn }),
  ];
  try {
    const outcome = await sendEmail(
      deps,
      {
        dedupeKey: `ce-reminder:${due.tenantId}:${mark.licenseId}:${mark.endsOn}:${step}:${owner.userId}`,
        to: owner.email,
        userId: owner.userId,
        template: 'ceReminders',
        data: {
          license: progress.label,
          endsOn: progress.cycle.endsOn,
          daysLeft: progress.daysLeft ?? 0,
          missing,
          progressUrl: buildWebUrl(deps.config, `/w/${due.tenantId}/credentials/progress`),
        },
      },
      items,
    );
    if (outcome !== 'duplicate') return 'sent';
    // The outbox already holds this email from an earlier run whose mark is gone: move on only.
    await moveOnly(deps, due, toDueOn);
    return 'alreadySent';
  } catch (error) {
    const failed = getFailedConditionIndexes(error);
    // Another run wrote the mark first: that run sends the email.
    if (failed?.includes(0) === true) return 'alreadySent';
    // A license change moved the index entry meanwhile: the next run decides on the new day.
    if (failed?.includes(1) === true) return undefined;
    throw error;
  }
}
