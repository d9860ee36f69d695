import type { QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { EXERCISES } from '@holdfast/api/modules/practice/content';
import type { TestApp } from './harness.js';

/**
 * What the practice suites that replay generated histories share: a seeded generator, so a
 * failing history can be replayed, some answer to any shipped exercise, and a recorder of the
 * queries the app sends.
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
