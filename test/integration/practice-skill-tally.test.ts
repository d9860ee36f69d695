import { describe, expect, it, jest } from '@jest/globals';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { EXERCISES } from '@holdfast/api/modules/practice/content';
import { practiceData } from '@holdfast/api/modules/practice/data';
import {
  computeMastery,
  masteryFromPractice,
  type AssessmentResult,
  type ScoredAttempt,
} from '@holdfast/api/modules/practice/mastery';
import {
  addAttempt,
  countedAssessmentsOf,
  emptySkillTally,
  markAssessed,
  rollAtAssessment,
  summariseSkill,
  tallySinceFrom,
  type SkillTally,
} from '@holdfast/api/modules/practice/skill-tally';
import { toSkillTally } from '@holdfast/api/modules/practice/skill-tally-repo';
import { SK, tenantPk } from '@holdfast/api/platform/db/keys';
import { seeded, usePracticeHistory } from '../support/practice-history.js';

/**
 * The skill tallies "next" reads instead of the attempts and the assessments: kept with every
 * attempt, marked at every begun assessment and restarted at every on-time one (keeping the
 * latest two counted scores), they give the same numbers and the same mastery levels as the full
 * attempt and assessment lists, for generated histories.
 */

jest.setTimeout(180_000);

const DAY_MS = 86_400_000;
const SELF_RATINGS = ['again', 'hard', 'good', 'easy'] as const;

type Event = { kind: 'attempt'; attempt: ScoredAttempt } | { kind: 'assessment'; result: AssessmentResult };

/** A history of one skill: attempts with scores on and around the drop threshold, and assessments. */
function generateHistory(seed: number): Event[] {
  const random = seeded(seed);
  const scores = [null, 0, 0.25, 1 / 3, 0.5, 2 / 3, 0.75, 1];
  const events: Event[] = [];
  let time = Date.parse('2026-01-05T09:00:00.000Z');
  for (let i = 0; i < 120; i += 1) {
    time += Math.floor(random() * DAY_MS);
    const at = new Date(time).toISOString();
    if (random() < 0.08) {
      const score = [0.55, 0.6, 0.8, 0.9, 1][Math.floor(random() * 5)] ?? 1;
      events.push({ kind: 'assessment', result: { completedAt: at, score, isLate: random() < 0.2 } });
    } else {
      const score = scores[Math.floor(random() * scores.length)] ?? null;
      const selfRating = SELF_RATINGS[Math.floor(random() * 4)] ?? 'good';
      events.push({ kind: 'attempt', attempt: { endedAt: at, score, selfRating } });
    }
  }
  return events;
}

describe('practice skill tallies (pure)', () => {
  it('the running tally equals the tally of the full attempt and assessment lists, and so does every mastery level', () => {
    for (let seed = 1; seed <= 300; seed += 1) {
      const events = generateHistory(seed);
      let running = emptySkillTally('s');
      const attempts: (ScoredAttempt & { skillId: string })[] = [];
      const results: AssessmentResult[] = [];
      for (const event of events) {
        if (event.kind === 'attempt') {
          running = addAttempt(running, event.attempt.score);
          attempts.push({ ...event.attempt, skillId: 's' });
        } else {
          running = markAssessed(running);
          const { completedAt, score, isLate } = event.result;
          running = rollAtAssessment(running, completedAt, score, isLate);
          results.push(event.result);
        }
        // After every step, not only at the end: the level a "next" at that moment would show,
        // from the tally alone (its counted assessments, its practice, and whether one was begun).
        const fromTally = masteryFromPractice(countedAssessmentsOf(running), {
          hasPractised: attempts.length > 0 || running.isAssessed === true,
          tallySince: (since) => tallySinceFrom(running, since),
        });
        expect(fromTally).toEqual(computeMastery(results, attempts));
      }
      const assessments = results.map((r) => ({ skillId: 's', ...r }));
      expect(running).toEqual(summariseSkill('s', attempts, assessments));
    }
  });

  it('a tally started at another moment (not backfilled) counts as no practice since the assessment', () => {
    const tally: SkillTally = {
      skillId: 's',
      since: '2026-01-01T00:00:00.000Z',
      scoredCount: 9,
      scorePoints: 0,
    };
    expect(tallySinceFrom(tally, '2026-02-01T00:00:00.000Z')).toEqual({ scoredCount: 0, scorePoints: 0 });
    expect(tallySinceFrom(undefined, '2026-02-01T00:00:00.000Z')).toEqual({ scoredCount: 0, scorePoints: 0 });
    expect(tallySinceFrom(tally, '2026-01-01T00:00:00.000Z')).toEqual({ scoredCount: 9, scorePoints: 0 });
  });
});

type Attempt = { id: string; skillId: string; endedAt?: string; score?: number | null; selfRating?: string };
type Assessment = {
  id: string;
  skillId: string;
  exerciseIds: string[];
  completedAt?: string;
  score?: number;
  isLate?: boolean;
};

describe('practice skill tallies (stored)', () => {
  const history = usePracticeHistory();
  const { travel, takeAssessment } = history;
  const get = (path: string) => history.request('GET', path);
  const readTally = async (skillId: string) =>
    (
      await history.app.deps.db.doc.send(
        new GetCommand({
          TableName: history.app.deps.db.mainTable,
          Key: {
            PK: tenantPk(history.owner.workspaceId),
            SK: SK.practiceSkillTally(history.owner.userId, skillId),
          },
        }),
      )
    ).Item;

  async function readAll<T>(path: string): Promise<T[]> {
    const items: T[] = [];
    let cursor: string | undefined;
    do {
      const page = (
        await get(`${path}?limit=100${cursor === undefined ? '' : `&cursor=${encodeURIComponent(cursor)}`}`)
      ).json<{ items: T[]; nextCursor?: string }>();
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    return items;
  }

  it('after a generated history the stored tallies equal the ones computed from every attempt, and next reads no attempt', async () => {
    const random = seeded(16);
    const skills = ['facts-not-opinions', 'de-escalation'];
    const exercises = [...EXERCISES.values()].filter((e) => skills.includes(e.skillId));
    for (let step = 0; step < 40; step += 1) {
      travel(Math.floor(random() * 2 * 3_600_000));
      if (step % 13 === 6) {
        await takeAssessment(skills[step % 2] ?? 'de-escalation', random);
        continue;
      }
      if (step === 30) {
        // Late: kept, but neither counted nor restarting the tally.
        await takeAssessment('de-escalation', random, 3 * 3_600_000);
        continue;
      }
      const exercise = exercises[Math.floor(random() * exercises.length)];
      if (exercise !== undefined) await history.practise(exercise.id, random);
    }

    // Begun and never submitted: the skill is started, which the tally says too.
    expect((await history.request('POST', '/assessments', { skillId: 'biff-replies' })).statusCode).toBe(201);

    const attempts = (await readAll<Attempt>('/attempts')).flatMap((a) =>
      a.endedAt === undefined || a.selfRating === undefined
        ? []
        : [
            {
              skillId: a.skillId,
              endedAt: a.endedAt,
              score: a.score ?? null,
              selfRating: a.selfRating as ScoredAttempt['selfRating'],
            },
          ],
    );
    const assessments = await readAll<Assessment>('/assessments');
    expect(assessments.length).toBeGreaterThanOrEqual(3);
    const expectedTallies = [...skills, 'biff-replies'].map((skillId) =>
      summariseSkill(skillId, attempts, assessments),
    );
    expect(expectedTallies.at(-1)?.isAssessed).toBe(true);
    // The history exercised both kinds of step: practice counted, and a tally restarted.
    expect(expectedTallies.some((tally) => tally.scoredCount > 0)).toBe(true);
    expect(expectedTallies.some((tally) => tally.since !== undefined)).toBe(true);
    expect(expectedTallies.some((tally) => tally.prior !== undefined)).toBe(true);
    for (const expected of expectedTallies) {
      const stored = await readTally(expected.skillId);
      expect(stored).toBeDefined();
      expect(toSkillTally(stored ?? {})).toEqual(expected);
    }

    history.queries.length = 0;
    const next = await get('/next?limit=5');
    expect(next.statusCode).toBe(200);
    const attemptReads = history.queries.filter((q) =>
      JSON.stringify(q.ExpressionAttributeValues ?? {}).includes('#ATTEMPT#'),
    );
    expect(attemptReads).toEqual([]);
  });

  it('a person purged loses their tallies with the rest of their practice', async () => {
    expect(await readTally('facts-not-opinions')).toBeDefined();
    await practiceData.purgeUser?.(history.app.deps, history.owner.userId);
    expect(await readTally('facts-not-opinions')).toBeUndefined();
    expect(await readTally('de-escalation')).toBeUndefined();
  });
});
