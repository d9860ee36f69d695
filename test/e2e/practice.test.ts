import AxeBuilder from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { FakeAiProviders } from '../support/ai-providers.js';
import { signInInBrowser, startBrowserStack, type BrowserStack } from '../support/browser.js';
import { uniqueEmail } from '../support/harness.js';

/**
 * Practice in Debian's Chromium: do the recommended exercise and rate it, take a timed assessment
 * of a skill and see its score and mastery change, then find both on the progress page. The
 * assessment form is checked with axe (WCAG 2.1 AA) while it is being taken.
 */
describe('browser: practice', () => {
  let stack: BrowserStack;
  let page: Page;
  /** The workspace the first test practised in, where its owner then writes skills of their own. */
  let practisedIn = '';

  beforeAll(async () => {
    stack = await startBrowserStack({ viewport: { width: 1024, height: 900 } });
    page = stack.page;
  }, 90_000);

  afterAll(async () => {
    await stack?.stop();
  });

  /** Answers whatever the open exercise asks: the first option, or a short written answer. */
  async function answerShown(scope: ReturnType<Page['getByTestId']>): Promise<void> {
    const option = scope.locator('input[type="radio"][data-testid*="option-"]').first();
    if ((await option.count()) > 0) await option.check();
    const written = scope.locator('textarea').first();
    if ((await written.count()) > 0) await written.fill('Thanks for the note. I will be there at 5:00 pm.');
  }

  it('does an exercise, rates it, takes an assessment and sees progress move', async () => {
    await signInInBrowser(page, stack.spaUrl, uniqueEmail('practice'));
    await page.waitForURL(/\/w\/[^/]+\//);
    const workspaceId = /\/w\/([^/]+)\//.exec(page.url())?.[1] ?? '';
    await page.goto(`${stack.spaUrl}/w/${workspaceId}/practice`);

    // The first recommendation is a new exercise, with why it was chosen.
    const first = page.getByTestId('practice-recommendation').first();
    await first.waitFor();
    await expect(first.textContent()).resolves.toMatch(/New/);
    await first.getByTestId('practice-start').click();
    const exercise = page.getByTestId('practice-exercise');
    await exercise.waitFor();
    await answerShown(exercise);
    await page.getByTestId('practice-rating-good').check();
    await page.getByTestId('practice-submit').click();
    await page.getByTestId('practice-feedback').waitFor();
    await expect(page.getByTestId('practice-next-due').textContent()).resolves.toMatch(/Next review/);
    await page.getByTestId('practice-next').click();
    await page.getByTestId('practice-recommendation').first().waitFor();

    // A timed assessment of one skill.
    await page.getByTestId('practice-assessments-link').click();
    await page.getByTestId('assessment-skill').selectOption('facts-not-opinions');
    await page.getByTestId('assessment-start').click();
    const form = page.getByTestId('assessment-form');
    await form.waitFor();
    await expect(page.getByTestId('assessment-timer').textContent()).resolves.toMatch(/\d+:\d\d/);
    const findings =
      // Legacy mode runs axe in the page itself (the SPA has no frames), as the accessibility suite does.
      (
        await new AxeBuilder({ page })
          .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
          .setLegacyMode()
          .analyze()
      ).violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
    expect(findings).toEqual([]);
    const questions = page.getByTestId('assessment-question');
    const count = await questions.count();
    expect(count).toBeGreaterThan(0);
    for (let index = 0; index < count; index += 1) await answerShown(questions.nth(index));
    await page.getByTestId('assessment-submit').click();
    const result = page.getByTestId('assessment-result');
    await result.waitFor();
    await expect(result.locator('h2').textContent()).resolves.toMatch(/\d+%/);
    await expect(page.getByTestId('assessment-mastery').textContent()).resolves.toMatch(/^Mastery/);

    // Progress: one active day, this week's exercise, and the skill assessed is no longer "not started".
    await page.getByTestId('assessment-progress-link').click();
    await page.getByTestId('practice-figures').waitFor();
    await expect(page.getByTestId('practice-active-days').textContent()).resolves.toBe('1');
    const weekBars = page.getByTestId('practice-week-bar');
    expect(await weekBars.last().getAttribute('data-count')).toBe('1');
    const levels = await page
      .getByTestId('practice-mastery-bar')
      .evaluateAll((bars) => bars.map((bar) => bar.getAttribute('data-level')));
    expect(levels.filter((level) => level !== 'not-started').length).toBeGreaterThanOrEqual(2);

    // P-AI-3: without a provider, asking for feedback on a written answer says it is unavailable.
    await page.goto(`${stack.spaUrl}/w/${workspaceId}/practice?exercise=biff-07`);
    await page.getByTestId('practice-start-chosen').click();
    await page
      .getByTestId('practice-written')
      .fill('Yes, July 3 to 10 works. Please send the address by Friday.');
    await page.getByTestId('practice-get-feedback').click();
    await page.getByTestId('ai-not-configured').waitFor();
    await expect(page.getByTestId('practice-feedback-status').textContent()).resolves.toMatch(
      /Feedback is unavailable/,
    );
    practisedIn = workspaceId;
  }, 180_000);

  it('an owner adds a skill of their own with exercises of the three types, sees clear field errors, edits and archives, and is offered them', async () => {
    await page.goto(`${stack.spaUrl}/w/${practisedIn}/practice/own`);
    await page.getByTestId('own-skills-empty').waitFor();
    // Nothing typed: the field says what is missing, and the form keeps focus there.
    await page.getByTestId('own-skill-add').click();
    await expect(page.getByTestId('field-error').first().textContent()).resolves.toBe(
      'Give the skill a title.',
    );
    await page.getByTestId('own-skill-title').fill('Intake calls');
    await page.getByTestId('own-skill-summary').fill('How our clinic answers a first call.');
    await page.getByTestId('own-skill-add').click();
    const skill = page.getByTestId('own-skill');
    await skill.waitFor();

    await skill.getByTestId('own-add-exercise').click();
    await skill.getByTestId('own-exercise-save').click();
    expect(await skill.getByTestId('field-error').count()).toBe(3);
    await page.waitForFunction(() => document.activeElement?.getAttribute('aria-invalid') === 'true');
    await skill.getByTestId('own-exercise-title').fill('Opening the call');
    await skill
      .getByTestId('own-exercise-prompt')
      .fill('A caller asks whether they are in the right place. What first?');
    await skill.getByTestId('own-option-0').fill('Our name, yours, and how we can help.');
    await skill.getByTestId('own-option-0-explanation').fill('Orients them.');
    await skill.getByTestId('own-option-1').fill('Their insurance number.');
    await skill.getByTestId('own-option-1-explanation').fill('Too soon.');
    await skill.getByTestId('own-exercise-save').click();
    const exercises = skill.getByTestId('own-exercise');
    await exercises.first().waitFor();

    await skill.getByTestId('own-add-exercise').click();
    await skill.getByTestId('own-exercise-type').selectOption('written');
    await skill.getByTestId('own-exercise-title').fill('Taking a message');
    await skill.getByTestId('own-exercise-prompt').fill('Write the message you leave for a clinician.');
    await skill.getByTestId('own-criterion-0').fill('Says when to call back.');
    await skill.getByTestId('own-exercise-model-answer').fill('Please call J. back today before 5 pm.');
    await skill.getByTestId('own-exercise-save').click();
    await exercises.nth(1).waitFor();

    await skill.getByTestId('own-add-exercise').click();
    await skill.getByTestId('own-exercise-type').selectOption('drill');
    await skill.getByTestId('own-exercise-title').fill('Putting a caller on hold');
    await skill.getByTestId('own-exercise-prompt').fill('Practise putting a caller on hold.');
    await skill.getByTestId('own-exercise-steps').fill('Ask first.\nSay how long.');
    await skill.getByTestId('own-exercise-tip').fill('Come back within a minute.');
    const findings = (
      await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
        .setLegacyMode()
        .analyze()
    ).violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
    expect(findings).toEqual([]);
    await skill.getByTestId('own-exercise-save').click();
    await exercises.nth(2).waitFor();

    // Edit the first exercise's title, then archive it.
    await exercises.first().getByRole('button', { name: /^Edit/ }).click();
    await exercises.first().getByTestId('own-exercise-title').fill('Opening a first call');
    await exercises.first().getByTestId('own-exercise-save').click();
    await exercises.first().locator('strong', { hasText: 'Opening a first call' }).waitFor();
    await exercises.first().getByTestId('own-exercise-archive').click();
    await exercises.first().locator('.badge', { hasText: 'Archived' }).waitFor();

    // Members are offered the workspace's own exercises; the archived one is not among them.
    await page.goto(`${stack.spaUrl}/w/${practisedIn}/practice`);
    const offered = page.getByTestId('practice-recommendation').filter({ hasText: 'Intake calls' });
    await offered.first().waitFor();
    expect(await page.getByText('Opening a first call').count()).toBe(0);
  }, 180_000);
});

/**
 * AI feedback on a written answer, with the real SDKs talking to a local provider server: the
 * criteria are listed and announced, and nothing is ticked or rated for the person (P-AI-2).
 */
describe('browser: practice feedback on a written answer', () => {
  const fake = new FakeAiProviders();
  let stack: BrowserStack;
  let page: Page;

  beforeAll(async () => {
    await fake.start();
    stack = await startBrowserStack({
      env: fake.env({ OPENAI_MODEL: 'gpt-test-mini' }),
      viewport: { width: 1024, height: 900 },
    });
    page = stack.page;
  }, 90_000);

  afterAll(async () => {
    await stack?.stop();
    await fake.stop();
  });

  it('P-AI-2 gets feedback per criterion on a written answer and still scores it themselves', async () => {
    await signInInBrowser(page, stack.spaUrl, uniqueEmail('practice-ai'));
    await page.waitForURL(/\/w\/[^/]+\//);
    const workspaceId = /\/w\/([^/]+)\//.exec(page.url())?.[1] ?? '';
    // A link opens a chosen written exercise (biff-06: five rubric criteria) above the recommendations.
    await page.goto(`${stack.spaUrl}/w/${workspaceId}/practice?exercise=biff-06`);
    await page.getByTestId('practice-start-chosen').click();
    const exercise = page.getByTestId('practice-exercise');
    await exercise.waitFor();
    const written = exercise.locator('textarea');
    await written.fill('Yes, I will be there at 4:30. Thank you.');
    const ids = ['brief', 'answers', 'no-defence', 'friendly', 'firm'];
    fake.replies.push({
      kind: 'json',
      value: {
        criteria: ids.map((id) => ({ id, level: 'partly', comment: `About ${id}: nearly there.` })),
        suggestion: 'Say the day as well as the time.',
      },
    });
    await page.getByTestId('practice-get-feedback').click();
    await page.getByTestId('practice-feedback-criteria').waitFor();
    await expect(page.getByTestId('practice-feedback-status').textContent()).resolves.toMatch(
      /does not score your answer/,
    );
    expect(await page.getByTestId('practice-feedback-criteria').locator('li').count()).toBe(ids.length);
    await expect(page.getByTestId(`practice-feedback-${ids[0] ?? ''}`).textContent()).resolves.toMatch(
      /Partly met/,
    );
    // Only the exercise, its rubric and the answer were sent.
    const input = JSON.parse(String(fake.requests.at(-1)?.body.input)) as { answer: string };
    expect(input.answer).toBe('Yes, I will be there at 4:30. Thank you.');
    // Feedback prefills nothing: no criterion ticked, no rating chosen.
    expect(await exercise.locator('input[type="checkbox"]:checked').count()).toBe(0);
    expect(await exercise.locator('input[name="rating"]:checked').count()).toBe(0);
    await exercise.locator('input[type="checkbox"]').first().check();
    await page.getByTestId('practice-rating-hard').check();
    await page.getByTestId('practice-submit').click();
    await page.getByTestId('practice-feedback').waitFor();
  }, 180_000);
});
