import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { FastifyInstance } from 'fastify';
import type { Page } from 'playwright-core';
import {
  audit,
  DESKTOP,
  horizontalOverflow,
  MOBILE,
  tid,
  visit,
  waitUntilDrawn,
  type PageCheck,
} from '../support/accessibility.js';
import { seedCall, useSessionInBrowser } from '../support/api-seed.js';
import { startBrowserStack, type BrowserStack } from '../support/browser.js';
import { pdfBytes } from '../support/files.js';
import { signIn, uniqueEmail, type Session } from '../support/harness.js';

const DAY_MS = 86_400_000;
/** A date `offset` days from today, as the API takes it. */
const day = (offset: number) => new Date(Date.now() + offset * DAY_MS).toISOString().slice(0, 10);

type Exercise = { id: string; type: string; options?: { id: string }[] };

/** Two licenses with activities counting toward both, a certificate, a viewed share link and a provider link. */
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
  await seedCall(app, person, '/credentials/provider-links', {
    providerLabel: 'State CE Institute',
    expiresInDays: 30,
  });
  return { licenseId: license.id, shareToken: share.token };
}

/** Answers an exercise of any type: the first option, a short written answer, or a drill done. */
function answerOf(exercise: Exercise) {
  if (exercise.type === 'multiple-choice')
    return { type: 'multiple-choice', optionId: exercise.options?.[0]?.id };
  if (exercise.type === 'written')
    return { type: 'written', text: 'Yes, I will be there at 4:30. Thank you.', criteriaMet: [] };
  return { type: 'drill' };
}

/** Attempts of the three exercise types, an assessment of a skill and a skill of the workspace's own. */
async function seedPractice(app: FastifyInstance, person: Session) {
  const exercises: Exercise[] = [
    { id: 'biff-01', type: 'multiple-choice', options: [{ id: 'a' }] },
    { id: 'biff-06', type: 'written' },
    { id: 'biff-08', type: 'drill' },
  ];
  for (const exercise of exercises) {
    const attempt = await seedCall<{ id: string }>(app, person, '/practice/attempts', {
      exerciseId: exercise.id,
    });
    await seedCall(app, person, `/practice/attempts/${attempt.id}/finish`, {
      answer: answerOf(exercise),
      selfRating: 'good',
    });
  }
  const started = await seedCall<{ assessment: { id: string }; exercises: Exercise[] }>(
    app,
    person,
    '/practice/assessments',
    { skillId: 'facts-not-opinions' },
  );
  await seedCall(app, person, `/practice/assessments/${started.assessment.id}/submit`, {
    answers: started.exercises.map((exercise) => ({ exerciseId: exercise.id, answer: answerOf(exercise) })),
  });
  const skill = await seedCall<{ id: string }>(app, person, '/practice/own/skills', {
    area: 'clinician',
    title: 'Intake calls',
    summary: 'How our clinic answers a first call.',
  });
  await seedCall(app, person, `/practice/own/skills/${skill.id}/exercises`, {
    exercise: {
      type: 'drill',
      title: 'Putting a caller on hold',
      prompt: 'Practise putting a caller on hold.',
      steps: ['Ask first.', 'Say how long.'],
      tip: 'Come back within a minute.',
    },
  });
}

/**
 * axe-core (WCAG 2.1 A and AA) on the credentials and practice pages in Debian's Chromium, with
 * their data seeded through the API first: two licenses with activities, a certificate, a share
 * link with a view, a training provider's link, practice attempts of each exercise type, an
 * assessment and a skill of the workspace's own. Some pages are checked again on a 390 px phone
 * (where nothing may scroll sideways) and in the dark colour scheme.
 */
describe('browser: accessibility of the credentials and practice pages (axe, WCAG 2.1 AA)', () => {
  let stack: BrowserStack;
  let page: Page;
  let workspaceId = '';
  let licenseId = '';
  let shareToken = '';

  beforeAll(async () => {
    stack = await startBrowserStack({ env: { VAULT_SWEEP_INTERVAL_MINUTES: '0' }, viewport: DESKTOP });
    page = stack.page;
    const { app } = stack.t;
    const person = await signIn(app, uniqueEmail('a11y-credentials'));
    workspaceId = person.workspaceId;
    ({ licenseId, shareToken } = await seedCredentials(app, person));
    await seedPractice(app, person);
    await useSessionInBrowser(page, stack.spaUrl, person);
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
  });

  /** Opens an exercise by its id and starts it, as a link to a chosen exercise does. */
  async function openExercise(exerciseId: string): Promise<void> {
    await page.goto(`${stack.spaUrl}/w/${workspaceId}/practice?exercise=${exerciseId}`);
    await waitUntilDrawn(page, tid('practice-start-chosen'));
    await page.getByTestId('practice-start-chosen').click();
    await waitUntilDrawn(page, tid('practice-exercise'));
  }

  /** Opens the activities page with the first activity's certificate section unfolded. */
  async function openCertificate(): Promise<void> {
    await page.goto(`${stack.spaUrl}/w/${workspaceId}/credentials/activities`);
    await waitUntilDrawn(page, tid('activities-list'));
    const activity = page.getByTestId('activities-list').locator('li.card').filter({ hasText: 'telehealth' });
    await activity.locator('summary', { hasText: 'Certificate' }).click();
    await waitUntilDrawn(page, tid('certificate-list'));
  }

  it('finds no serious or critical violations on the credentials and practice pages, at desktop and phone widths, light and dark', async () => {
    const problems: string[] = [];
    const check = (c: PageCheck) => visit(page, stack.spaUrl, workspaceId, c);
    const credentials = '/w/:w/credentials';

    const pages: PageCheck[] = [
      { name: 'licenses', path: `${credentials}/licenses`, ready: tid('licenses-table') },
      { name: 'license detail', path: `${credentials}/licenses/${licenseId}`, ready: tid('current-cycle') },
      { name: 'CE activities', path: `${credentials}/activities`, ready: tid('activities-list') },
      { name: 'compliance dashboard', path: `${credentials}/progress`, ready: tid('license-progress') },
      { name: 'share links', path: `${credentials}/shares`, ready: tid('share-row') },
      { name: 'training providers', path: `${credentials}/providers`, ready: tid('provider-link-row') },
      {
        name: 'public verification page',
        path: `/verify/${shareToken}`,
        ready: tid('verify-documents-list'),
      },
      { name: 'practice: what next', path: '/w/:w/practice', ready: tid('practice-recommendation') },
      { name: 'practice progress', path: '/w/:w/practice/progress', ready: tid('practice-figures') },
      { name: 'assessments', path: '/w/:w/practice/assessments', ready: tid('assessment-skill') },
      { name: 'your skills', path: '/w/:w/practice/own', ready: tid('own-skill') },
    ];
    for (const c of pages) problems.push(...(await check(c)));

    await openCertificate();
    problems.push(...(await audit(page, 'certificate of an activity')));
    await page.goto(`${stack.spaUrl}/w/${workspaceId}/credentials/shares`);
    await waitUntilDrawn(page, tid('share-row'));
    await page.getByRole('button', { name: 'Show views' }).first().click();
    await waitUntilDrawn(page, tid('share-views'));
    problems.push(...(await audit(page, 'share link with its views')));
    for (const exerciseId of ['biff-07', 'biff-09', 'biff-02']) {
      await openExercise(exerciseId);
      problems.push(...(await audit(page, `exercise ${exerciseId}`)));
    }
    // The feedback after answering the multiple-choice one, with its explanation and next review.
    await page.locator('input[type="radio"][data-testid^="practice-option-"]').first().check();
    await page.getByTestId('practice-rating-good').check();
    await page.getByTestId('practice-submit').click();
    await waitUntilDrawn(page, tid('practice-feedback'));
    problems.push(...(await audit(page, 'exercise feedback')));

    // Narrow screens: tables, the dashboard's bars and the charts must fit without sideways scrolling.
    await page.setViewportSize(MOBILE);
    const phone = [
      'licenses',
      'CE activities',
      'compliance dashboard',
      'share links',
      'training providers',
      'public verification page',
      'practice: what next',
      'practice progress',
      'your skills',
    ];
    for (const c of pages.filter((p) => phone.includes(p.name))) {
      const name = `${c.name} (phone)`;
      problems.push(...(await check({ ...c, name })), ...(await horizontalOverflow(page, name)));
    }
    await openExercise('biff-07');
    problems.push(
      ...(await audit(page, 'written exercise (phone)')),
      ...(await horizontalOverflow(page, 'written exercise (phone)')),
    );
    await page.setViewportSize(DESKTOP);

    // The dark colour scheme has its own palette, so its contrast is checked too.
    await page.emulateMedia({ colorScheme: 'dark' });
    const dark = [
      'compliance dashboard',
      'public verification page',
      'practice: what next',
      'practice progress',
    ];
    for (const c of pages.filter((p) => dark.includes(p.name))) {
      problems.push(...(await check({ ...c, name: `${c.name} (dark)` })));
    }
    await openExercise('biff-02');
    problems.push(...(await audit(page, 'multiple-choice exercise (dark)')));

    // One readable list of every finding on every page, rather than stopping at the first.
    expect(problems.join('\n\n')).toBe('');
  }, 300_000);
});
