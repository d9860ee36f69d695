import { describe, expect, it } from '@jest/globals';
import type { FastifyInstance } from 'fastify';
import {
  audit,
  DESKTOP,
  auditOnPhone,
  MOBILE,
  tid,
  useAccessibilitySuite,
  waitUntilDrawn,
  type PageCheck,
} from '../support/accessibility.js';
import { seedCall } from '../support/api-seed.js';
import { pdfBytes } from '../support/files.js';
import { signIn, uniqueEmail, type Session } from '../support/harness.js';

const DAY_MS = 86_400_000;
/** A date `offset` days from today, as the API takes it. */
const day = (offset: number) => new Date(Date.now() + offset * DAY_MS).toISOString().slice(0, 10);

/** Two licenses with activities counting toward both, a certificate and a viewed share link. */
async function seedCredentials(app: FastifyInstance, person: Session) {
  const license = await seedCall<{ id: string }>(app, person, '/credentials/licenses', {
    jurisdiction: 'CA',
    credentialType: 'LMFT',
    number: 'LMFT-A11Y-1',
    issuedOn: day(-300),
    expiresOn: day(400),
    supervisorStatus: 'supervisor',
  });
  await seedCall(app, person, '/credentials/licenses', {
    jurisdiction: 'TX',
    credentialType: 'LPC',
    number: 'LPC-A11Y-2',
    issuedOn: day(-200),
    expiresOn: day(500),
  });
  const activity = await seedCall<{ id: string }>(app, person, '/credentials/activities', {
    title: 'Ethics in telehealth practice',
    provider: 'Coast CE Institute',
    completedOn: day(-10),
    hours: 6,
    format: 'live-online',
    topics: [{ topic: 'Law and ethics', hours: 6 }],
  });
  await seedCall(app, person, '/credentials/activities', {
    title: 'Suicide risk assessment',
    provider: 'State CE Institute',
    completedOn: day(-30),
    hours: 3,
    format: 'self-study',
    topics: [{ topic: 'Suicide risk assessment', hours: 3 }],
  });
  const uploaded = await seedCall<{ document: { id: string } }>(
    app,
    person,
    '/documents?filename=ethics-certificate.pdf',
    pdfBytes('Certificate of completion: 6 hours, Law and ethics'),
    { 'content-type': 'application/pdf' },
  );
  const documentId = uploaded.document.id;
  await seedCall(app, person, `/attachments/ce-activity/${activity.id}`, { documentId });
  const share = await seedCall<{ token: string }>(app, person, '/credentials/shares', {
    label: 'Acme Clinic onboarding',
    holderName: 'Sam Rivera, LMFT',
    licenseIds: [license.id],
    activityIds: [activity.id],
    documentIds: [documentId],
    expiresInDays: 30,
  });
  // A verifier opens it once, so the holder's view log has an entry.
  const opened = await app.inject({ method: 'GET', url: `/v1/verify/${share.token}` });
  if (opened.statusCode !== 200) throw new Error(`verify: ${opened.statusCode}`);
  return { licenseId: license.id, shareToken: share.token };
}

/**
 * A training provider linked by the person's code reports a completion with its API key, so the
 * activities page shows it pending beside the provider link.
 */
async function seedReportedCompletion(app: FastifyInstance, person: Session) {
  const { code } = await seedCall<{ code: string }>(app, person, '/credentials/provider-links', {
    providerLabel: 'State CE Institute',
    expiresInDays: 30,
  });
  const provider = await signIn(app, uniqueEmail('a11y-provider'));
  const { secret } = await seedCall<{ secret: string }>(app, provider, '/api-keys', {
    name: 'LMS',
    scopes: ['ce:completions:write'],
  });
  const bearer = (extra: Record<string, string> = {}) => ({
    method: 'POST' as const,
    headers: { authorization: `Bearer ${secret}`, ...extra },
  });
  const redeemed = await app.inject({
    ...bearer(),
    url: `/v1/workspaces/${provider.workspaceId}/ce/links`,
    payload: { linkCode: code },
  });
  if (redeemed.statusCode !== 201) throw new Error(`redeem: ${redeemed.statusCode} ${redeemed.body}`);
  const reported = await app.inject({
    ...bearer({ 'idempotency-key': `a11y-${Date.now()}` }),
    url: `/v1/workspaces/${provider.workspaceId}/ce/completions`,
    payload: {
      linkId: redeemed.json<{ linkId: string }>().linkId,
      courseTitle: 'Trauma-informed supervision',
      providerName: 'State CE Institute',
      completedOn: day(-5),
      hours: 2.5,
      category: 'Supervision',
    },
  });
  if (reported.statusCode !== 201) throw new Error(`report: ${reported.statusCode} ${reported.body}`);
}

/**
 * axe-core (WCAG 2.1 A and AA) on the credentials pages in Debian's Chromium, with their data
 * seeded through the API first: two licenses with activities, a certificate, a share link with a
 * view, and a training provider's link with a completion it reported. Some pages are checked again
 * on a 390 px phone (where nothing may scroll sideways) and in the dark colour scheme.
 */
describe('browser: accessibility of the credentials pages (axe, WCAG 2.1 AA)', () => {
  const suite = useAccessibilitySuite({
    label: 'a11y-credentials',
    env: { VAULT_SWEEP_INTERVAL_MINUTES: '0' },
    seed: async (app, person) => {
      const seeded = await seedCredentials(app, person);
      await seedReportedCompletion(app, person);
      return seeded;
    },
  });

  /** Opens the activities page with the first activity's certificate section unfolded. */
  async function openCertificate(): Promise<void> {
    const { page } = suite;
    await suite.open(`/w/:w/credentials/activities`);
    await waitUntilDrawn(page, tid('activities-list'));
    const activity = page.getByTestId('activities-list').locator('li.card').filter({ hasText: 'telehealth' });
    await activity.locator('summary', { hasText: 'Certificate' }).click();
    await waitUntilDrawn(page, tid('certificate-list'));
  }

  /** The public verification page after checking a file that matches none of the shared documents. */
  async function checkWrongFile(): Promise<void> {
    const { page } = suite;
    await suite.open(`/verify/${suite.seeded.shareToken}`);
    await waitUntilDrawn(page, tid('verify-documents-list'));
    await page
      .getByTestId('verify-file')
      .setInputFiles({ name: 'other.pdf', mimeType: 'application/pdf', buffer: pdfBytes('Another file') });
    await page.getByTestId('verify-result').waitFor();
  }

  it('finds no serious or critical violations on the credentials pages, at desktop and phone widths, light and dark', async () => {
    const { page } = suite;
    const problems: string[] = [];
    const credentials = '/w/:w/credentials';

    const pages: PageCheck[] = [
      { name: 'licenses', path: `${credentials}/licenses`, ready: tid('licenses-table') },
      {
        name: 'license detail',
        path: `${credentials}/licenses/${suite.seeded.licenseId}`,
        ready: tid('current-cycle'),
      },
      {
        name: 'CE activities with a reported completion',
        path: `${credentials}/activities`,
        ready: tid('pending-completion'),
      },
      { name: 'compliance dashboard', path: `${credentials}/progress`, ready: tid('license-progress') },
      { name: 'share links', path: `${credentials}/shares`, ready: tid('share-row') },
      { name: 'training providers', path: `${credentials}/providers`, ready: tid('provider-link-row') },
      {
        name: 'public verification page',
        path: `/verify/${suite.seeded.shareToken}`,
        ready: tid('verify-documents-list'),
      },
    ];
    for (const c of pages) problems.push(...(await suite.check(c)));

    // The forms with their errors shown (sent empty).
    await suite.open(`/w/:w/credentials/licenses`);
    await waitUntilDrawn(page, tid('licenses-table'));
    await page.getByTestId('license-form').getByRole('button', { name: 'Add license' }).click();
    await page.getByTestId('field-error').first().waitFor();
    problems.push(...(await audit(page, 'license form with errors')));
    await suite.open(`/w/:w/credentials/activities`);
    await waitUntilDrawn(page, tid('activities-list'));
    await page.getByTestId('activity-form').getByRole('button', { name: 'Log activity' }).click();
    await page.getByTestId('field-error').first().waitFor();
    problems.push(...(await audit(page, 'activity form with errors')));

    await openCertificate();
    problems.push(...(await audit(page, 'certificate of an activity')));
    await suite.open(`/w/:w/credentials/shares`);
    await waitUntilDrawn(page, tid('share-row'));
    await page.getByRole('button', { name: 'Show views' }).first().click();
    await waitUntilDrawn(page, tid('share-views'));
    problems.push(...(await audit(page, 'share link with its views')));
    await checkWrongFile();
    problems.push(...(await audit(page, 'verification page with a file that does not match')));

    // Narrow screens: tables and the dashboard's bars must fit without sideways scrolling.
    await page.setViewportSize(MOBILE);
    for (const c of pages) {
      problems.push(...(await suite.check({ ...c, name: `${c.name} (phone)` }, auditOnPhone)));
    }
    await page.setViewportSize(DESKTOP);

    // The dark colour scheme has its own palette, so its contrast is checked too.
    await page.emulateMedia({ colorScheme: 'dark' });
    const dark = ['CE activities with a reported completion', 'compliance dashboard', 'share links'];
    for (const c of pages.filter((p) => dark.includes(p.name))) {
      problems.push(...(await suite.check({ ...c, name: `${c.name} (dark)` })));
    }
    await checkWrongFile();
    problems.push(...(await audit(page, 'verification page with a file that does not match (dark)')));

    // One readable list of every finding on every page, rather than stopping at the first.
    expect(problems.join('\n\n')).toBe('');
    // About 200 s on this machine; room for the load of other suites sharing its two cores.
  }, 360_000);
});
