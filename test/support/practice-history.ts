import { afterAll, beforeAll, expect } from '@jest/globals';
import type { QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { LightMyRequestResponse } from 'fastify';
import { EXERCISES } from '@holdfast/api/modules/practice/content';
import { as, createTestApp, signIn, type Session, type TestApp } from './harness.js';

/**
 * What the practice suites that replay generated histories share: a seeded generator, so a
 * failing history can be replayed, some answer to any shipped exercise, a recorder of the
 * queries the app sends, and a person practising through the API on an app whose clock moves.
 */

/** A small seeded generator (mulberry32). */
export function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Some answer to a shipped exercise: right or wrong, a full or partial rubric. */
export function answerTo(exerciseId: string, random: () => number): Record<string, unknown> {
  const exercise = EXERCISES.get(exerciseId);
  if (exercise?.type === 'multiple-choice') {
    const options = exercise.options.map((o) => o.id);
    return { type: 'multiple-choice', optionId: options[Math.floor(random() * options.length)] ?? 'a' };
  }
  if (exercise?.type === 'written')
    return {
      type: 'written',
      text: 'A calm, brief answer.',
      criteriaMet: exercise.rubric.filter(() => random() < 0.5).map((r) => r.id),
    };
  return { type: 'drill' };
}

/** Every DynamoDB query the app sends from now on, to show which key ranges "next" reads. */
export function recordQueries(app: TestApp['app']): QueryCommandInput[] {
  const recorded: QueryCommandInput[] = [];
  app.deps.db.doc.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === 'QueryCommand') recorded.push(args.input as QueryCommandInput);
      return next(args);
    },
    { step: 'initialize', name: 'practiceQueryRecorder' },
  );
  return recorded;
}

const SELF_RATINGS = ['again', 'hard', 'good', 'easy'] as const;

/** A person practising through the API, on an app whose clock the test moves forward. */
export type PracticeHistory = {
  readonly app: TestApp['app'];
  readonly owner: Session;
  /** Every DynamoDB query the app sent since the test last emptied it (`queries.length = 0`). */
  readonly queries: QueryCommandInput[];
  /** Moves the app's clock forward. Short moves keep the session (sign-in is rate limited). */
  travel: (ms: number) => void;
  /** Signs the same person in again after a move that outlived the session, keeping the workspace. */
  signInAgain: () => Promise<void>;
  /** A call on the person's practice routes (`path` after `/practice`). */
  request: (method: 'GET' | 'POST', path: string, payload?: object) => Promise<LightMyRequestResponse>;
  /** Starts and finishes one attempt of an exercise, with some answer and self-rating. */
  practise: (exerciseId: string, random: () => number) => Promise<void>;
  /** Starts an assessment of a skill and hands it in `lateBy` ms later, with some answers. */
  takeAssessment: (skillId: string, random: () => number, lateBy?: number) => Promise<void>;
};

/** What `beforeAll` sets; reading it earlier is a mistake in the suite. */
function started<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('the practice history is read before beforeAll started it');
  return value;
}

/**
 * An app and a signed-in person for the tests of the enclosing `describe`, with the queries the
 * app sends recorded: set up before the tests, closed after them.
 */
export function usePracticeHistory(): PracticeHistory {
  const clock = { offsetMs: 0 };
  let t: TestApp | undefined;
  let owner: Session | undefined;
  let queries: QueryCommandInput[] = [];
  beforeAll(async () => {
    t = await createTestApp({ overrides: { now: () => new Date(Date.now() + clock.offsetMs) } });
    owner = await signIn(t.app);
    queries = recordQueries(t.app);
  });
  afterAll(() => t?.app.close());

  const history: PracticeHistory = {
    get app() {
      return started(t).app;
    },
    get owner() {
      return started(owner);
    },
    get queries() {
      return queries;
    },
    travel(ms) {
      clock.offsetMs += ms;
    },
    async signInAgain() {
      const { email, workspaceId } = started(owner);
      owner = { ...(await signIn(history.app, email)), workspaceId };
    },
    request(method, path, payload) {
      return history.app.inject({
        method,
        url: `/v1/workspaces/${history.owner.workspaceId}/practice${path}`,
        headers: as(history.owner),
        ...(payload === undefined ? {} : { payload }),
      });
    },
    async practise(exerciseId, random) {
      const attempt = await history.request('POST', '/attempts', { exerciseId });
      expect(attempt.statusCode).toBe(201);
      const finished = await history.request(
        'POST',
        `/attempts/${attempt.json<{ id: string }>().id}/finish`,
        {
          answer: answerTo(exerciseId, random),
          selfRating: SELF_RATINGS[Math.floor(random() * 4)] ?? 'good',
        },
      );
      expect(finished.statusCode).toBe(200);
    },
    async takeAssessment(skillId, random, lateBy = 0) {
      const begun = await history.request('POST', '/assessments', { skillId });
      expect(begun.statusCode).toBe(201);
      const { assessment } = begun.json<{ assessment: { id: string; exerciseIds: string[] } }>();
      if (lateBy > 0) history.travel(lateBy);
      const answers = assessment.exerciseIds.map((id) => ({ exerciseId: id, answer: answerTo(id, random) }));
      const submitted = await history.request('POST', `/assessments/${assessment.id}/submit`, { answers });
      expect(submitted.statusCode).toBe(200);
    },
  };
  return history;
}
