import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SHIPPED_ITEMS } from '@holdfast/api/modules/library/content';
import { listSentItems } from '@holdfast/api/modules/library/sent-repo';
import { isoWeekOf, pickUnsent, runWeeklyResources } from '@holdfast/api/modules/library/weekly-resources';
import { buildSuppressItem } from '@holdfast/api/modules/notifications/repo';
import { purgeAccount } from '@holdfast/api/modules/privacy/purge';
import { ensureTables } from '@holdfast/scripts/stack';
import { randomUUID } from 'node:crypto';
import {
  as,
  createTestApp,
  readMailbox,
  signIn,
  uniqueEmail,
  type Session,
  type TestApp,
} from '../support/harness.js';

const DAY_MS = 86_400_000;
const SUBJECT = 'This week in the Holdfast library';

describe('library: weekly resources email', () => {
  it('names the ISO week, and picks the next items not yet sent', () => {
    expect(isoWeekOf(new Date('2026-12-06T12:00:00Z'))).toBe('2026-W49');
    expect(isoWeekOf(new Date('2027-01-01T00:00:00Z'))).toBe('2026-W53');
    expect(isoWeekOf(new Date('2027-01-04T00:00:00Z'))).toBe('2027-W01');
    const [first, second, third, fourth] = SHIPPED_ITEMS.map((item) => item.id);
    expect(pickUnsent(new Set([first ?? '', third ?? ''])).map((item) => item.id)).toEqual([
      second,
      fourth,
      SHIPPED_ITEMS[4]?.id,
    ]);
    expect(pickUnsent(new Set(SHIPPED_ITEMS.map((item) => item.id)))).toEqual([]);
  });

  let t: TestApp;
  let offsetMs = 0;
  beforeAll(async () => {
    // Tables of its own: the job emails everyone who consented, and in the shared tables that is
    // every consenting person of every suite, whose mail would then fill the local mail server.
    const tablePrefix = `weekly-${randomUUID().slice(0, 8)}`;
    await ensureTables(process.env.DYNAMODB_ENDPOINT ?? '', tablePrefix);
    t = await createTestApp({
      env: { SESSION_TTL_DAYS: '90', TABLE_PREFIX: tablePrefix },
      overrides: { now: () => new Date(Date.now() + offsetMs) },
    });
  });
  afterAll(async () => {
    await t.app.close();
  });

  const optIn = async (session: Session) => {
    const response = await t.app.inject({
      method: 'PATCH',
      url: '/v1/me/email-preferences',
      headers: as(session),
      payload: { weeklyResources: true },
    });
    expect(response.statusCode).toBe(200);
  };
  const weeklyMails = async (session: Session) =>
    (await readMailbox(session.email)).filter((mail) => mail.subject === SUBJECT);
  const sentIds = async (session: Session) =>
    (await listSentItems(t.app.deps.db, session.userId)).map((sent) => sent.itemId).sort();

  it('P-MAIL-2 sends once a week with consent: items not sent before, an unsubscribe link, and a second run sends nothing more', async () => {
    const reader = await signIn(t.app, uniqueEmail('weekly-reader'));
    await optIn(reader);
    const silent = await signIn(t.app, uniqueEmail('weekly-silent'));

    expect((await runWeeklyResources(t.app.deps)).sent).toBeGreaterThanOrEqual(1);
    const firstPick = SHIPPED_ITEMS.slice(0, 3);
    const [mail, ...more] = await weeklyMails(reader);
    expect(more).toEqual([]);
    for (const item of firstPick) expect(mail?.body.text).toContain(item.title);
    expect(mail?.body.text).toContain(`/w/${reader.workspaceId}/library`);
    expect(mail?.headers?.some((header) => header.name.toLowerCase() === 'list-unsubscribe')).toBe(true);
    expect(await sentIds(reader)).toEqual(firstPick.map((item) => item.id).sort());

    // Safe to run twice, and twice at once: nothing more is sent or marked this week.
    await runWeeklyResources(t.app.deps);
    await Promise.all([runWeeklyResources(t.app.deps), runWeeklyResources(t.app.deps)]);
    expect(await weeklyMails(reader)).toHaveLength(1);
    expect(await sentIds(reader)).toHaveLength(3);

    // No consent: no email and nothing marked.
    expect(await weeklyMails(silent)).toEqual([]);
    expect(await sentIds(silent)).toEqual([]);

    // The next week brings the next items, never one sent before.
    offsetMs = 7 * DAY_MS;
    try {
      await runWeeklyResources(t.app.deps);
    } finally {
      offsetMs = 0;
    }
    const mails = await weeklyMails(reader);
    expect(mails).toHaveLength(2);
    for (const item of SHIPPED_ITEMS.slice(3, 6)) expect(mails[1]?.body.text).toContain(item.title);
    expect(await sentIds(reader)).toHaveLength(6);
  });

  it('P-MAIL-4 sends nothing to a suppressed address, and marks nothing', async () => {
    const bounced = await signIn(t.app, uniqueEmail('weekly-bounced'));
    await optIn(bounced);
    const suppress = buildSuppressItem(t.app.deps.db, bounced.email, 'bounce', new Date().toISOString());
    await t.app.deps.db.doc.send(new TransactWriteCommand({ TransactItems: [suppress] }));
    await runWeeklyResources(t.app.deps);
    expect(await weeklyMails(bounced)).toEqual([]);
    expect(await sentIds(bounced)).toEqual([]);
  });

  it('P-RIGHT-3 the account purge removes what the person was sent', async () => {
    const leaving = await signIn(t.app, uniqueEmail('weekly-leaving'));
    await optIn(leaving);
    await runWeeklyResources(t.app.deps);
    expect(await sentIds(leaving)).toHaveLength(3);
    const deletion = await t.app.inject({
      method: 'POST',
      url: '/v1/account/deletion',
      headers: as(leaving),
      payload: { confirmation: 'DELETE' },
    });
    expect(deletion.statusCode).toBe(202);
    offsetMs = 31 * DAY_MS;
    try {
      expect(await purgeAccount(t.app.deps, leaving.userId)).toBe('purged');
    } finally {
      offsetMs = 0;
    }
    expect(await sentIds(leaving)).toEqual([]);
  });
});
