import { buildWebUrl } from '../../config.js';
import { getFailedConditionIndexes } from '../../platform/db/transactions.js';
import type { AppDeps } from '../../platform/deps.js';
import { listPeople } from '../identity/service.js';
import { sendEmail } from '../notifications/outbox.js';
import { listMyWorkspaces } from '../workspaces/service.js';
import { getProgress } from './activity-service.js';
import type { LicenseProgress } from './progress.js';
import { buildPutReminder, hasReminder, type ReminderMark } from './reminder-repo.js';

/** Days before a cycle ends when a reminder goes out, if requirements are still missing. */
export const REMINDER_DAYS = [90, 30, 7] as const;

export type ReminderReport = { sent: number; alreadySent: number };

/**
 * The step a cycle is in: the nearest of 90, 30, 7 days not yet passed (25 days left → the
 * 30-day reminder). A run missed on day 90 does not send a late 90-day email on day 25.
 */
export function reminderStep(daysLeft: number): number | undefined {
  if (daysLeft < 0) return undefined;
  return [...REMINDER_DAYS].reverse().find((days) => daysLeft <= days);
}

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
 * Emails each workspace owner about every license cycle ending within 90, 30 or 7 days with
 * requirements still missing, through the outbox (optional mail: sent only with the person's
 * consent, checked at send time). Safe to run twice or at once in two processes: each reminder's
 * mark is written in the same transaction as its email, conditioned on not existing.
 */
export async function runCeReminders(deps: AppDeps): Promise<ReminderReport> {
  const report: ReminderReport = { sent: 0, alreadySent: 0 };
  for await (const person of listPeople(deps)) {
    const owned = (await listMyWorkspaces(deps, person.id)).filter((workspace) => workspace.role === 'owner');
    for (const workspace of owned) {
      const { licenses } = await getProgress(deps, workspace.id);
      for (const progress of licenses) {
        const outcome = await remindOnce(deps, { ...person, workspaceId: workspace.id }, progress);
        if (outcome !== undefined) report[outcome] += 1;
      }
    }
  }
  return report;
}

async function remindOnce(
  deps: AppDeps,
  person: { id: string; email: string; workspaceId: string },
  progress: LicenseProgress,
): Promise<keyof ReminderReport | undefined> {
  if (progress.cycle === null || progress.daysLeft === null) return undefined;
  const daysBefore = reminderStep(progress.daysLeft);
  const missing = listMissing(progress);
  if (daysBefore === undefined || missing.length === 0) return undefined;
  const mark: ReminderMark = { licenseId: progress.licenseId, endsOn: progress.cycle.endsOn, daysBefore };
  if (await hasReminder(deps.db, person.workspaceId, mark)) return 'alreadySent';
  const markItem = buildPutReminder(deps.db, person.workspaceId, mark, deps.now().toISOString());
  try {
    await sendEmail(
      deps,
      {
        dedupeKey: `ce-reminder:${person.workspaceId}:${mark.licenseId}:${mark.endsOn}:${daysBefore}:${person.id}`,
        to: person.email,
        userId: person.id,
        template: 'ceReminders',
        data: {
          license: progress.label,
          endsOn: progress.cycle.endsOn,
          daysLeft: progress.daysLeft,
          missing,
          progressUrl: buildWebUrl(deps.config, `/w/${person.workspaceId}/credentials/progress`),
        },
      },
      [markItem],
    );
  } catch (error) {
    // Another run wrote the mark first: that run sends the email.
    if (getFailedConditionIndexes(error)?.includes(0) === true) return 'alreadySent';
    throw error;
  }
  return 'sent';
}
