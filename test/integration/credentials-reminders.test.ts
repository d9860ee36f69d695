import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { listMissing, reminderStep, runCeReminders } from '@holdfast/api/modules/credentials/reminders';
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

describe('credentials: renewal reminders', () => {
  it('picks the nearest step of 90, 30 and 7 days, and none once the cycle has ended', () => {
    expect(reminderStep(120)).toBeUndefined();
    expect(reminderStep(90)).toBe(90);
    expect(reminderStep(45)).toBe(90);
    expect(reminderStep(25)).toBe(30);
    expect(reminderStep(7)).toBe(7);
    expect(reminderStep(0)).toBe(7);
    expect(reminderStep(-1)).toBeUndefined();
  });

  it('lists only what is still missing, and nothing when the numbers are unknown', () => {
    const base = {
      licenseId: 'L',
      label: 'CA LMFT',
      cycle: null,
      reason: null,
      daysLeft: 20,
      isAtRisk: true,
      capped: [],
    };
    expect(
      listMissing({
        ...base,
        total: { needed: 36, earned: 30, remaining: 6 },
        topics: [
          { topic: 'Law and ethics', applies: 'required', needed: 6, earned: 0, remaining: 6 },
          { topic: 'Telehealth', applies: 'not-this-cycle', needed: 3, earned: 0, remaining: 3 },
          { topic: 'Suicide', applies: 'required', needed: 6, earned: 6, remaining: 0 },
        ],
      }).map((line) => line.title),
    ).toEqual(['6 more hours in total', '6 more hours of Law and ethics']);
    expect(listMissing({ ...base, total: { needed: null, earned: 3, remaining: null }, topics: [] })).toEqual(
      [],
    );
  });
});

describe('credentials: renewal reminders through the outbox', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Tables of its own: the job reads every license due in the table, and the shared tables hold every suite's.
    const tablePrefix = `ce-reminders-${randomUUID().slice(0, 8)}`;
    await ensureTables(process.env.DYNAMODB_ENDPOINT ?? '', tablePrefix);
    t = await createTestApp({ env: { TABLE_PREFIX: tablePrefix } });
  });
  afterAll(async () => {
    await t.app.close();
  });

  const addLicenseEndingIn = async (session: Session, days: number) => {
    const expiresOn = new Date(Date.now() + days * DAY_MS).toISOString().slice(0, 10);
    const response = await t.app.inject({
      method: 'POST',
      url: `/v1/workspaces/${session.workspaceId}/credentials/licenses`,
      headers: as(session),
      payload: {
        jurisdiction: 'CA',
        credentialType: 'LMFT',
        number: `R-${days}`,
        expiresOn,
        issuedOn: '2020-01-01',
      },
    });
    expect(response.statusCode).toBe(201);
  };
  const optIn = async (session: Session) => {
    const response = await t.app.inject({
      method: 'PATCH',
      url: '/v1/me/email-preferences',
      headers: as(session),
      payload: { ceReminders: true },
    });
    expect(response.statusCode).toBe(200);
  };

  it('emails once per cycle and step with what is missing, however often the job runs, and only with consent', async () => {
    const consenting = await signIn(t.app, uniqueEmail('ce-reminded'));
    await optIn(consenting);
    await addLicenseEndingIn(consenting, 20);
    // A cycle far from its end gets nothing yet.
    await addLicenseEndingIn(consenting, 400);
    const silent = await signIn(t.app, uniqueEmail('ce-not-opted-in'));
    await addLicenseEndingIn(silent, 20);

    const first = await runCeReminders(t.app.deps);
    expect(first.sent).toBeGreaterThanOrEqual(2);
    const second = await runCeReminders(t.app.deps);
    expect(second.sent).toBe(0);
    // Two runs at once send nothing more either.
    const both = await Promise.all([runCeReminders(t.app.deps), runCeReminders(t.app.deps)]);
    expect(both.map((report) => report.sent)).toEqual([0, 0]);

    const mails = (await readMailbox(consenting.email)).filter((mail) => mail.subject.includes('CE'));
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toMatch(/CA LMFT.*days left/);
    expect(mails[0]?.body.text).toContain('more hours');
    expect(mails[0]?.body.text).toContain('/credentials/progress');
    // Optional mail: an unsubscribe link, and nothing for the person who did not opt in.
    expect(mails[0]?.headers?.some((header) => header.name.toLowerCase() === 'list-unsubscribe')).toBe(true);
    expect((await readMailbox(silent.email)).filter((mail) => mail.subject.includes('CE'))).toEqual([]);
  });
});
