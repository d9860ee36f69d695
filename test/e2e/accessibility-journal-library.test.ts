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
import { messageBody } from '../support/journal-fixtures.js';
import type { Session } from '../support/harness.js';

const TEMPLATE_TITLE = 'Clinic handover note template';

/**
 * Two messages (one with a note), a saved summary citing one of them, a shipped checklist copied
 * and partly ticked, and a workspace's own template.
 */
async function seedCommunicationsAndLibrary(app: FastifyInstance, person: Session) {
  const received = await seedCall<{ id: string }>(
    app,
    person,
    '/communications',
    messageBody({
      subject: 'Friday pickup',
      content: 'Running late, traffic on the bridge. Be there at 6.',
    }),
  );
  await seedCall(
    app,
    person,
    '/communications',
    messageBody({
      occurredAt: '2026-10-03T17:40:00-05:00',
      direction: 'sent',
      channel: 'app-message',
      content: 'Thanks for letting me know. We will wait at the school until 6.',
    }),
  );
  await seedCall(app, person, `/communications/${received.id}/notes`, { text: 'They arrived at 6:20.' });
  // Saving a reviewed summary needs no provider: the suggestion is the only AI step.
  await seedCall(app, person, '/summaries', {
    from: '2026-10-01T00:00:00-05:00',
    to: '2026-11-01T00:00:00-05:00',
    sentences: [
      {
        text: 'The other parent wrote that they were running late and would arrive at 6.',
        citations: [{ recordType: 'communication', recordId: received.id }],
      },
    ],
    promptVersion: 'summary-cited-v1',
    aiProvider: 'openai',
    model: 'gpt-test-mini',
  });

  const checklist = await seedCall<{ id: string; version: number }>(app, person, '/library/checklists', {
    source: 'holdfast',
    itemId: 'court-preparation-checklist',
  });
  await seedCall(app, person, `/library/checklists/${checklist.id}/ticks`, {
    version: checklist.version,
    doneStepIds: ['confirm-date', 'read-orders'],
  });
  await seedCall(app, person, '/library/additions', {
    kind: 'template',
    title: TEMPLATE_TITLE,
    summary: 'What to write down when the children change homes at the clinic.',
    body: 'Use this note at every handover at the clinic.',
    template: { target: 'incident', text: 'Handover time:\nWho was there:\nWhat was said:' },
  });
  return { messageId: received.id };
}

/**
 * axe-core (WCAG 2.1 A and AA) on the communications and library pages in Debian's Chromium, with
 * their data seeded through the API first: two messages (one with a note), a saved summary citing
 * one of them, a shipped checklist copied and partly ticked, and a workspace's own template. Some
 * pages are checked again on a 390 px phone (where nothing may scroll sideways) and in the dark
 * colour scheme.
 */
describe('browser: accessibility of the communications and library pages (axe, WCAG 2.1 AA)', () => {
  const suite = useAccessibilitySuite({ label: 'a11y-comms', seed: seedCommunicationsAndLibrary });

  /** Searches the library and opens the hit titled `title`, drawn beside the results. */
  async function openLibraryItem(words: string, title: string): Promise<void> {
    const { page } = suite;
    await suite.open(`/w/:w/library`);
    await waitUntilDrawn(page, tid('library-hit'));
    await page.getByLabel('Search the library').fill(words);
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByTestId('library-hit').filter({ hasText: title }).first().click();
    await waitUntilDrawn(page, tid('library-item'));
  }

  it('finds no serious or critical violations on the communications and library pages, at desktop and phone widths, light and dark', async () => {
    const { page } = suite;
    const problems: string[] = [];

    const pages: PageCheck[] = [
      { name: 'communications log', path: '/w/:w/communications', ready: tid('communication') },
      {
        name: 'message detail with a note',
        path: `/w/:w/communications/${suite.seeded.messageId}`,
        ready: tid('message-notes'),
      },
      { name: 'import a thread', path: '/w/:w/communications/import', ready: tid('import-form') },
      { name: 'summaries with a saved summary', path: '/w/:w/summaries', ready: tid('saved-summary') },
      { name: 'library with a ticked checklist', path: '/w/:w/library', ready: tid('library-checklist') },
    ];
    for (const c of pages) problems.push(...(await suite.check(c)));

    // A calm rewrite asked for on a server without AI: the page says why and what still works.
    await suite.open(`/w/:w/communications`);
    await waitUntilDrawn(page, tid('communication'));
    await page.getByLabel('Your draft').fill('Fine. As usual you are late, so I will wait until 6.');
    await page.getByRole('button', { name: 'Rewrite calmly' }).click();
    await page.getByTestId('rewrite-panel').getByTestId('ai-not-configured').waitFor();
    problems.push(...(await audit(page, 'communications log with a rewrite refused (no AI)')));

    await openLibraryItem('court preparation', 'Court preparation checklist');
    problems.push(...(await audit(page, 'library checklist item')));
    await openLibraryItem('handover clinic', TEMPLATE_TITLE);
    problems.push(...(await audit(page, 'library workspace template')));

    // Narrow screens stack the forms, lists and the library's two columns.
    await page.setViewportSize(MOBILE);
    for (const c of pages.filter((p) => p.name !== 'import a thread')) {
      problems.push(...(await suite.check({ ...c, name: `${c.name} (phone)` }, auditOnPhone)));
    }
    await openLibraryItem('handover clinic', TEMPLATE_TITLE);
    problems.push(...(await auditOnPhone(page, 'library workspace template (phone)')));
    await page.setViewportSize(DESKTOP);

    // The dark colour scheme has its own palette, so its contrast is checked too.
    await page.emulateMedia({ colorScheme: 'dark' });
    for (const c of pages.filter((p) => p.name !== 'import a thread')) {
      problems.push(...(await suite.check({ ...c, name: `${c.name} (dark)` })));
    }

    // One readable list of every finding on every page, rather than stopping at the first.
    expect(problems.join('\n\n')).toBe('');
    // About 200 s on this machine; room for the load of other suites sharing its two cores.
  }, 360_000);
});
