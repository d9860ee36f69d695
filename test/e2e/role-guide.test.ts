import { describe, expect, it } from '@jest/globals';
import { uniqueEmail } from '../support/harness.js';
import { signInInBrowser } from '../support/browser.js';
import { useBrowserStack } from '../support/browser-suite.js';

/**
 * "Which professional?" in Chromium with no AI provider: the questionnaire asks for a goal first,
 * then answers with cards, the safety notice above them when the answers speak of fear, mediation
 * cautioned, the not-advice line, and the page saying AI was not used.
 */
describe('the role guide in the browser', () => {
  const suite = useBrowserStack({ viewport: { width: 1100, height: 900 } });

  it('answers the questionnaire and shows the professionals, with the safety notice first', async () => {
    const { stack, page } = suite;
    await signInInBrowser(page, stack.spaUrl, uniqueEmail('role-guide-e2e'));
    await page.getByTestId('new-incident').waitFor();
    await page.getByTestId('nav-role-guide').click();
    await page.getByRole('heading', { name: 'Which professional?', level: 1 }).waitFor();
    await expect(page.getByTestId('role-guide-intro-not-advice').textContent()).resolves.toContain(
      'not legal advice',
    );

    // No goal chosen: the form says so at the question and asks nothing of the API.
    const submit = page.getByRole('button', { name: 'Show who could help' });
    await submit.click();
    await page.getByTestId('field-error').filter({ hasText: 'Choose at least one' }).waitFor();
    await expect(page.getByTestId('role-guide-results').count()).resolves.toBe(0);

    const happening = page.getByRole('group', { name: 'What is happening?' });
    await happening.getByLabel('I am afraid of the other parent').check();
    await happening.getByLabel('We disagree about the schedule').check();
    await page
      .getByRole('group', { name: 'Is there a court case?' })
      .getByLabel('Thinking about going to court')
      .check();
    await page
      .getByRole('group', { name: 'What do you want?' })
      .getByLabel('Agree a parenting plan together')
      .check();
    // Without a provider the AI paragraph cannot be asked for, and the box says why.
    await expect(page.getByTestId('role-guide-with-ai').isDisabled()).resolves.toBe(true);
    await submit.click();

    const results = page.getByTestId('role-guide-results');
    await results.getByRole('heading', { name: 'Professionals to consider' }).waitFor();
    const safety = results.getByTestId('role-guide-safety');
    const safetyText = (await safety.textContent()) ?? '';
    expect(safetyText).toContain('If you are in danger now, call 911.');
    expect(safetyText).toContain('1-800-799-7233');
    expect(safetyText).toContain('START to 88788');
    expect(safetyText).toContain('You said you are afraid of the other parent.');
    await expect(safety.getByTestId('role-guide-mediation-caution').textContent()).resolves.toMatch(
      /Mediation may not be safe/,
    );
    // The notice comes before any card, and the advocate's card before the mediator's.
    const order = await results
      .locator('[data-testid="role-guide-safety"], article')
      .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-testid') ?? ''));
    expect(order).toEqual([
      'role-guide-safety',
      'role-card-domestic-violence-advocate',
      'role-card-mediator',
    ]);
    const mediator = results.getByTestId('role-card-mediator');
    await mediator.getByText('May not be suitable').waitFor();
    await expect(mediator.textContent()).resolves.toMatch(/Typically \$100–\$500 an hour/);
    await expect(results.getByTestId('role-guide-not-advice').textContent()).resolves.toContain(
      'not legal advice',
    );
    await expect(results.textContent()).resolves.toContain('Rules vary by state');
    await expect(results.getByTestId('role-guide-ai-status').textContent()).resolves.toContain(
      'AI was not used',
    );

    // Answers without fear: no safety notice, the mediator first and uncautioned.
    await happening.getByLabel('I am afraid of the other parent').uncheck();
    await submit.click();
    await results.getByTestId('role-card-mediator').getByText('Start here').waitFor();
    await expect(results.getByTestId('role-guide-safety').count()).resolves.toBe(0);
  }, 90_000);
});
