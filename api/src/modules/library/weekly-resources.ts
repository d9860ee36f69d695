import { buildWebUrl } from '../../config.js';
import { getFailedConditionIndexes } from '../../platform/db/transactions.js';
import type { AppDeps } from '../../platform/deps.js';
import { getMemberProfile } from '../identity/service.js';
import {
  getEmailPreferences,
  isAddressSuppressed,
  listWeeklyResourcesSubscribers,
  sendEmail,
} from '../notifications/service.js';
import { listMyWorkspaces } from '../workspaces/service.js';
import { SHIPPED_ITEMS } from './content.js';
import { buildPutSentItem, listSentItems, type SentItem } from './sent-repo.js';

/** Items in one weekly email. */
export const WEEKLY_PICK_SIZE = 3;

/** Counts only: the job's log line never names a person or an address. */
export type WeeklyResourcesReport = { sent: number; alreadySent: number; nothingNew: number };

/** The UTC week of a moment as `YYYY-Www` (ISO 8601): one email per person and week. */
export function isoWeekOf(at: Date): string {
  const day = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  const weekday = day.getUTCDay() === 0 ? 7 : day.getUTCDay();
  // The week belongs to the year of its Thursday.
  day.setUTCDate(day.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((day.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${day.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** The next shipped items, in library order, that the person was not sent before. */
export function pickUnsent(sentIds: ReadonlySet<string>, size = WEEKLY_PICK_SIZE) {
  return SHIPPED_ITEMS.filter((item) => !sentIds.has(item.id)).slice(0, size);
}

/**
 * Sends the weekly resources email to each person who turned it on: the next few library items
 * they were not sent before, through the outbox. The run reads only those people, from the
 * consent index kept with the preference, however many people have an account. It re-reads each
 * one's preference (the index lags the write by a moment); people without the consent, or whose address is
 * suppressed (bounce, complaint), get nothing and nothing is marked; the send path checks both
 * again at send time. Each item's mark is written in the same transaction as the email, and the
 * email's dedupe key names the week, so running twice (or in two processes at once) sends nothing
 * more.
 */
export async function runWeeklyResources(deps: AppDeps): Promise<WeeklyResourcesReport> {
  const report: WeeklyResourcesReport = { sent: 0, alreadySent: 0, nothingNew: 0 };
  const week = isoWeekOf(deps.now());
  for await (const userId of listWeeklyResourcesSubscribers(deps)) {
    const preferences = await getEmailPreferences(deps, userId);
    if (preferences.items.find((item) => item.kind === 'weeklyResources')?.isOptedIn !== true) continue;
    const person = await getMemberProfile(deps, userId);
    if (person === undefined || (await isAddressSuppressed(deps, person.email))) continue;
    const outcome = await sendWeekly(deps, person, week);
    if (outcome !== undefined) report[outcome] += 1;
  }
  return report;
}

async function sendWeekly(
  deps: AppDeps,
  person: { id: string; email: string },
  week: string,
): Promise<keyof WeeklyResourcesReport | undefined> {
  const [workspace] = await listMyWorkspaces(deps, person.id);
  if (workspace === undefined) return undefined;
  const sentIds = new Set((await listSentItems(deps.db, person.id)).map((sent) => sent.itemId));
  const picks = pickUnsent(sentIds);
  if (picks.length === 0) return 'nothingNew';
  const sentAt = deps.now().toISOString();
  const marks = picks.map((item) => {
    const sent: SentItem = { itemId: item.id, week, sentAt };
    return buildPutSentItem(deps.db, person.id, sent);
  });
  const libraryUrl = buildWebUrl(deps.config, `/w/${workspace.id}/library`);
  try {
    const outcome = await sendEmail(
      deps,
      {
        dedupeKey: `library-weekly:${person.id}:${week}`,
        to: person.email,
        userId: person.id,
        template: 'weeklyResources',
        data: { resources: picks.map((item) => ({ title: item.title, url: libraryUrl })) },
      },
      marks,
    );
    return outcome === 'duplicate' ? 'alreadySent' : 'sent';
  } catch (error) {
    // Another run marked one of these items first: that run sends the email.
    if (getFailedConditionIndexes(error)?.some((index) => index < marks.length) === true)
      return 'alreadySent';
    throw error;
  }
}
