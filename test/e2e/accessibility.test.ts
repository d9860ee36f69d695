import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import {
  audit as auditPage,
  DESKTOP,
  MOBILE,
  tid,
  visit as visitPage,
  type PageCheck,
} from '../support/accessibility.js';
import { signInInBrowser, startBrowserStack, type BrowserStack } from '../support/browser.js';
import { pdfBytes } from '../support/files.js';
import { uniqueEmail } from '../support/harness.js';

/**
 * axe-core (WCAG 2.1 A and AA rules) on every main page of the SPA in Debian's Chromium, with a
 * little real data on them: an incident, an uploaded PDF, a check-in (so its chart draws), a safety
 * plan and a piece of feedback. Serious and critical findings fail the test; each is printed with
 * its rule, impact, the elements' selectors and axe's help text.
 */
describe('browser: accessibility (axe, WCAG 2.1 AA)', () => {
  let stack: BrowserStack;
  let page: Page;
  let workspaceId = '';
  let incidentPath = '';
  let documentPath = '';

  beforeAll(async () => {
    stack = await startBrowserStack({
      env: { VAULT_SWEEP_INTERVAL_MINUTES: '0' },
      viewport: DESKTOP,
    });
    page = stack.page;
  }, 90_000);

  afterAll(async () => {
    await stack?.stop();
  });

  /** Runs axe on the page as it is now and returns one line per serious or critical finding. */
  function audit(name: string): Promise<string[]> {
    return auditPage(page, name);
  }

  /** Answers the role guide's questionnaire so that its safety notice shows above the cards. */
  async function showRoleGuideWithSafety(): Promise<void> {
    await page.goto(`${stack.spaUrl}/w/${workspaceId}/role-guide`);
    await page.getByLabel('I am afraid of the other parent').check();
    await page.getByLabel('Agree a parenting plan together').check();
    await page.getByRole('button', { name: 'Show who could help' }).click();
    await page.getByTestId('role-guide-safety').waitFor();
  }

  function visit(check: PageCheck): Promise<string[]> {
    return visitPage(page, stack.spaUrl, workspaceId, check);
  }

  it('finds no serious or critical WCAG 2.1 A/AA violations on the main pages, at desktop and mobile widths, light and dark', async () => {
    const problems: string[] = [];

    for (const check of [
      { name: 'sign-in', path: '/sign-in', ready: tid('sign-in-email') },
      { name: 'privacy', path: '/privacy', ready: tid('privacy-page') },
      { name: 'subprocessors', path: '/subprocessors', ready: tid('subprocessors') },
    ]) {
      problems.push(...(await visit(check)));
    }

    const email = uniqueEmail('a11y');
    await signInInBrowser(page, stack.spaUrl, email);
    await page.getByTestId('new-incident').click();
    await page.getByTestId('incident-save').waitFor();
    workspaceId = /\/w\/([^/]+)\//.exec(page.url())?.[1] ?? '';
    expect(workspaceId).not.toBe('');
    // The form with its errors shown (saving it empty); the empty form is checked further down.
    await page.getByTestId('incident-save').click();
    await page.getByTestId('field-error').first().waitFor();
    problems.push(...(await audit('new incident form with errors')));
    await page.getByTestId('incident-occurred-at').fill('2026-10-03T17:45');
    await page.getByTestId('incident-category').selectOption('late-pickup');
    await page.getByTestId('incident-location').fill('School parking lot');
    await page.getByTestId('incident-narrative').fill('Pickup was 45 minutes late; no message was sent.');
    await page.getByTestId('incident-save').click();
    await page.getByTestId('incident-narrative-text').waitFor();
    incidentPath = new URL(page.url()).pathname;

    await page.getByTestId('nav-documents').click();
    await page
      .getByTestId('upload-input')
      .setInputFiles([
        { name: 'custody-order.pdf', mimeType: 'application/pdf', buffer: pdfBytes('Custody order') },
      ]);
    await page.locator('[data-testid="upload-item"][data-state="verified"]').waitFor({ timeout: 20_000 });
    await page.getByTestId('document-row').first().getByRole('link').first().click();
    await page.getByTestId('document-detail').waitFor();
    documentPath = new URL(page.url()).pathname;

    await page.getByTestId('nav-wellbeing').click();
    await page.getByTestId('checkin-new').click();
    await page.getByTestId('checkin-mood').fill('3');
    problems.push(...(await audit('check-in form')));
    await page.getByTestId('checkin-anxiety').fill('8');
    await page.getByTestId('checkin-sleepHours').fill('6.5');
    await page.getByTestId('checkin-save').click();
    await page.getByTestId('trend-point-mood').first().waitFor();

    await page.getByTestId('wellbeing-tab-safety-plan').click();
    await page.getByTestId('safety-plan-warningSigns').fill('Not sleeping, skipping meals.');
    await page.getByTestId('safety-plan-save').click();
    await page.getByTestId('safety-plan-version').first().waitFor();

    await page.getByTestId('feedback-open').click();
    await page.getByTestId('feedback-message').fill('The export button is hard to find.');
    problems.push(...(await audit('feedback dialog')));
    await page.getByTestId('feedback-send').click();
    await page.getByTestId('feedback-sent').waitFor();
    await page.getByRole('button', { name: 'Close' }).click();

    // An organisation with one request, sent to the person's own address so their received list has it too.
    await page.goto(`${stack.spaUrl}/w/${workspaceId}/credentials/organisation`);
    const organisation = page.getByTestId('organisation-form');
    await organisation.getByLabel('Organisation name').fill('Access Clinic');
    await organisation.getByRole('button', { name: 'Make this workspace an organisation' }).click();
    const credentialRequest = page.getByTestId('request-form');
    await credentialRequest.getByLabel('Their email').fill(email);
    await credentialRequest.getByLabel('Their name').fill('A. Person');
    await credentialRequest.getByLabel('Jurisdiction of license 1').fill('CA');
    await credentialRequest.getByLabel('Document 1').fill('Malpractice insurance');
    await credentialRequest.getByRole('button', { name: 'Send request' }).click();
    await page.getByTestId('org-request').waitFor();

    const signedIn: PageCheck[] = [
      { name: 'incidents list', path: '/w/:w/incidents', ready: tid('incident-row') },
      { name: 'new incident form', path: '/w/:w/incidents/new', ready: tid('incident-save') },
      { name: 'incident detail', path: incidentPath, ready: tid('incident-narrative-text') },
      { name: 'timeline', path: '/w/:w/timeline', ready: tid('timeline-entry') },
      { name: 'court report', path: '/w/:w/report', ready: tid('report-download') },
      { name: 'documents list', path: '/w/:w/documents', ready: tid('document-row') },
      {
        name: 'document detail with its PDF preview',
        path: documentPath,
        ready: `${tid('pdf-preview')}[data-state="rendered"]`,
      },
      {
        name: 'wellbeing check-ins with chart',
        path: '/w/:w/wellbeing/check-ins',
        ready: tid('trend-chart'),
      },
      { name: 'safety plan', path: '/w/:w/wellbeing/safety-plan', ready: tid('safety-plan-version') },
      { name: 'account', path: '/account', ready: tid('profile-name') },
      { name: 'export', path: '/account/export', ready: tid('export-start') },
      { name: 'email preferences', path: '/account/email', ready: tid('email-preferences') },
      { name: 'your feedback', path: '/w/:w/feedback/mine', ready: tid('my-feedback-item') },
      { name: 'members', path: '/w/:w/members', ready: tid('member-row') },
      { name: 'API keys', path: '/w/:w/api-keys', ready: tid('api-key-name') },
      { name: 'plan', path: '/w/:w/billing', ready: tid('billing-local') },
      { name: 'audit log', path: '/w/:w/audit', ready: tid('audit-entry') },
      { name: 'role guide', path: '/w/:w/role-guide', ready: tid('role-guide-form') },
      {
        name: 'organisation credentialing',
        path: '/w/:w/credentials/organisation',
        ready: tid('org-request'),
      },
      {
        name: 'requests from organisations',
        path: '/w/:w/credentials/requests',
        ready: tid('received-request'),
      },
    ];
    for (const check of signedIn) problems.push(...(await visit(check)));
    // The role guide's answer: cards under the safety notice (a warning, checked light and dark).
    await showRoleGuideWithSafety();
    problems.push(...(await audit('role guide results with the safety notice')));

    // Narrow screens lay the header, forms, tables and the chart out differently.
    await page.setViewportSize(MOBILE);
    const mobile = [
      'incidents list',
      'new incident form',
      'wellbeing check-ins with chart',
      'audit log',
      'organisation credentialing',
      'requests from organisations',
    ];
    for (const check of signedIn.filter((c) => mobile.includes(c.name))) {
      problems.push(...(await visit({ ...check, name: `${check.name} (mobile)` })));
    }
    await page.setViewportSize(DESKTOP);

    // The dark colour scheme has its own palette, so its contrast is checked too.
    await page.emulateMedia({ colorScheme: 'dark' });
    const dark = [
      'incidents list',
      'new incident form',
      'document detail with its PDF preview',
      'account',
      'plan',
    ];
    for (const check of signedIn.filter((c) => dark.includes(c.name))) {
      problems.push(...(await visit({ ...check, name: `${check.name} (dark)` })));
    }
    await showRoleGuideWithSafety();
    problems.push(...(await audit('role guide results with the safety notice (dark)')));

    // One readable list of every finding on every page, rather than stopping at the first.
    expect(problems.join('\n\n')).toBe('');
    // Room for the organisation pages (set up, a request, two pages at two widths) on a shared machine.
  }, 420_000);
});
