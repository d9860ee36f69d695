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
import type { Session } from '../support/harness.js';

type Exercise = { id: string; type: string; options?: { id: string }[] };

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
 * axe-core (WCAG 2.1 A and AA) on the practice pages in Debian's Chromium, with their data seeded
 * through the API first: attempts of each exercise type, an assessment and a skill of the
 * workspace's own. The charts are checked with their data tables shown. Some pages are checked
 * again on a 390 px phone (where nothing may scroll sideways) and in the dark colour scheme.
 */
describe('browser: accessibility of the practice pages (axe, WCAG 2.1 AA)', () => {
  const suite = useAccessibilitySuite({ label: 'a11y-practice', seed: seedPractice });

  /** Opens an exercise by its id and starts it, as a link to a chosen exercise does. */
  async function openExercise(exerciseId: string): Promise<void> {
    const { page } = suite;
    await suite.open(`/w/:w/practice?exercise=${exerciseId}`);
    await waitUntilDrawn(page, tid('practice-start-chosen'));
    await page.getByTestId('practice-start-chosen').click();
    await waitUntilDrawn(page, tid('practice-exercise'));
  }

  /** The progress page with both charts' data tables shown, as a screen-reader user reads it. */
  async function openProgressTables(): Promise<void> {
    const { page } = suite;
    await suite.open(`/w/:w/practice/progress`);
    await waitUntilDrawn(page, tid('practice-figures'));
    await page.getByTestId('practice-mastery-table-toggle').click();
    await page.getByTestId('practice-activity-table-toggle').click();
    await page.locator('table').last().waitFor();
  }

  it('finds no serious or critical violations on the practice pages, at desktop and phone widths, light and dark', async () => {
    const { page } = suite;
    const problems: string[] = [];

    const pages: PageCheck[] = [
      { name: 'practice: what next', path: '/w/:w/practice', ready: tid('practice-recommendation') },
      { name: 'practice progress', path: '/w/:w/practice/progress', ready: tid('practice-figures') },
      { name: 'assessments', path: '/w/:w/practice/assessments', ready: tid('assessment-skill') },
      { name: 'your skills', path: '/w/:w/practice/own', ready: tid('own-skill') },
    ];
    for (const c of pages) problems.push(...(await suite.check(c)));
    await openProgressTables();
    problems.push(...(await audit(page, 'practice progress with its tables')));

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

    // An assessment handed in unanswered: its result, kept in the history.
    await suite.open(`/w/:w/practice/assessments`);
    await waitUntilDrawn(page, tid('assessment-skill'));
    await page.getByTestId('assessment-skill').selectOption('de-escalation');
    await page.getByTestId('assessment-start').click();
    await page.getByTestId('assessment-submit').click();
    await waitUntilDrawn(page, tid('assessment-mastery'));
    problems.push(...(await audit(page, 'assessment result')));

    // Narrow screens: the charts, their tables and the exercise forms must fit without sideways scrolling.
    await page.setViewportSize(MOBILE);
    for (const c of pages) {
      problems.push(...(await suite.check({ ...c, name: `${c.name} (phone)` }, auditOnPhone)));
    }
    await openProgressTables();
    problems.push(...(await auditOnPhone(page, 'practice progress with its tables (phone)')));
    await openExercise('biff-07');
    problems.push(...(await auditOnPhone(page, 'written exercise (phone)')));
    await page.setViewportSize(DESKTOP);

    // The dark colour scheme has its own palette, so its contrast is checked too.
    await page.emulateMedia({ colorScheme: 'dark' });
    for (const c of pages.filter((p) => p.name !== 'assessments')) {
      problems.push(...(await suite.check({ ...c, name: `${c.name} (dark)` })));
    }
    await openProgressTables();
    problems.push(...(await audit(page, 'practice progress with its tables (dark)')));
    await openExercise('biff-02');
    problems.push(...(await audit(page, 'multiple-choice exercise (dark)')));

    // One readable list of every finding on every page, rather than stopping at the first.
    expect(problems.join('\n\n')).toBe('');
    // About 200 s on this machine; room for the load of other suites sharing its two cores.
  }, 360_000);
});
