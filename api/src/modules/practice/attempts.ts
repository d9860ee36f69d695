import { commitWithAudit } from '../../platform/audit/audit-log.js';
import { createId } from '../../platform/db/ids.js';
import { versionConflict, writeVersioned } from '../../platform/db/versioned-update.js';
import type { AppDeps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import type { Caller } from './caller.js';
import { findExerciseFor } from './catalogue.js';
import * as repo from './repo.js';
import { reviewCard, ratingForSchedule, DEFAULT_RETENTION } from './scheduler.js';
import type { Attempt, AttemptListQuery, FinishAttempt } from './schema.js';
import { scoreAnswer, type RubricScorer } from './scoring.js';
import { buildAddToSkillTally } from './skill-tally-repo.js';
import { toFeedback } from './views.js';

/** An attempt left open longer than this is recorded with this duration (a tab left open overnight). */
export const MAX_ATTEMPT_SECONDS = 4 * 60 * 60;

function optional<T>(item: T | undefined): T[] {
  return item === undefined ? [] : [item];
}

/** Starts an attempt: the start time is the server's, so durations are measured, not claimed. */
export async function startAttempt(deps: AppDeps, caller: Caller, exerciseId: string): Promise<Attempt> {
  const exercise = await findExerciseFor(deps, caller.tenantId, exerciseId, { isOffered: true });
  const attempt: Attempt = {
    id: createId(),
    exerciseId: exercise.id,
    skillId: exercise.skillId,
    exerciseType: exercise.type,
    contentVersion: exercise.contentVersion,
    startedAt: deps.now().toISOString(),
    version: 1,
  };
  // The audit entry names the attempt only: what was practised and how it went stay private.
  await commitWithAudit(
    deps.db,
    caller.tenantId,
    [
      repo.buildPutAttempt(deps.db, caller.tenantId, caller.userId, attempt),
      repo.buildPutWorkspaceLink(deps.db, caller.userId, caller.tenantId),
    ],
    {
      actor: caller.actor,
      action: 'practice.attempt.started',
      target: { type: 'practice-attempt', id: attempt.id },
    },
    deps.now,
  );
  return attempt;
}

/**
 * Finishes an open attempt: scores the answer, records the self-rating and duration, and
 * reschedules the exercise's card and adds the score to the skill's tally, all in one transaction (a failure leaves the attempt open and
 * the card as it was). A second submit of the same attempt answers 409.
 */
export async function finishAttempt(
  deps: AppDeps,
  caller: Caller,
  attemptId: string,
  input: FinishAttempt,
  scoreRubric?: RubricScorer,
) {
  const attempt = await repo.getAttempt(deps.db, caller.tenantId, caller.userId, attemptId);
  if (attempt === undefined) throw new AppError('not_found');
  if (attempt.endedAt !== undefined) throw new AppError('conflict', 'This attempt is already finished.');
  const exercise = await findExerciseFor(deps, caller.tenantId, attempt.exerciseId, { isOffered: false });
  const { score, scoredBy, criteriaMet } = await scoreAnswer(exercise, input.answer, '/answer', scoreRubric);
  const answer =
    input.answer.type === 'written' ? { ...input.answer, criteriaMet: criteriaMet ?? [] } : input.answer;
  const now = deps.now();
  const seconds = Math.round((now.getTime() - Date.parse(attempt.startedAt)) / 1000);
  const changes = {
    endedAt: now.toISOString(),
    durationSeconds: Math.min(Math.max(seconds, 0), MAX_ATTEMPT_SECONDS),
    answer,
    score,
    scoredBy,
    selfRating: input.selfRating,
  };
  const previous = await repo.getCard(deps.db, caller.tenantId, caller.userId, exercise.id);
  const card = reviewCard(
    previous,
    exercise,
    ratingForSchedule(input.selfRating, score),
    now,
    input.desiredRetention ?? DEFAULT_RETENTION,
  );
  await writeVersioned(
    () =>
      commitWithAudit(
        deps.db,
        caller.tenantId,
        [
          repo.buildFinishAttempt(
            deps.db,
            caller.tenantId,
            caller.userId,
            attempt.id,
            changes,
            attempt.version,
          ),
          repo.buildPutCard(deps.db, caller.tenantId, caller.userId, card, previous?.reps),
          ...optional(buildAddToSkillTally(deps.db, caller.tenantId, caller.userId, exercise.skillId, score)),
        ],
        {
          actor: caller.actor,
          action: 'practice.attempt.finished',
          target: { type: 'practice-attempt', id: attempt.id },
        },
        deps.now,
      ),
    async () => {
      const current = await repo.getAttempt(deps.db, caller.tenantId, caller.userId, attemptId);
      if (current?.endedAt !== undefined)
        return new AppError('conflict', 'This attempt is already finished.');
      return versionConflict('This exercise', current?.version ?? attempt.version);
    },
  );
  return {
    attempt: { ...attempt, ...changes, version: attempt.version + 1 },
    feedback: toFeedback(exercise),
    nextDue: card.due,
  };
}

/** A person's attempts, newest first, optionally of one skill. */
export async function listAttempts(
  deps: AppDeps,
  caller: Caller,
  query: AttemptListQuery,
): Promise<{ items: Attempt[]; nextCursor?: string }> {
  const queryKey = `practice-attempts:${caller.userId}:${query.skillId ?? ''}`;
  const limit = query.limit ?? 25;
  let startKey = deps.cursors.decode(caller.tenantId, queryKey, query.cursor);
  const items: Attempt[] = [];
  // The skill filter is applied here; reading stops after a bounded number of pages.
  for (let pages = 0; pages < 20 && items.length < limit; pages += 1) {
    const page = await repo.queryAttempts(deps.db, caller.tenantId, caller.userId, {
      limit,
      ...(startKey === undefined ? {} : { startKey }),
    });
    for (const attempt of page.items) {
      if (query.skillId !== undefined && attempt.skillId !== query.skillId) continue;
      if (items.length < limit) items.push(attempt);
    }
    startKey = page.lastKey;
    if (startKey === undefined) break;
  }
  const last = items.at(-1);
  // Resume after the last item answered; when the page budget ran out first, after what was read.
  const lastKey =
    startKey === undefined
      ? undefined
      : items.length >= limit && last !== undefined
        ? repo.attemptKey(caller.tenantId, caller.userId, last.id)
        : startKey;
  const nextCursor = deps.cursors.encode(caller.tenantId, queryKey, lastKey);
  return { items, ...(nextCursor === undefined ? {} : { nextCursor }) };
}

export async function getAttempt(deps: AppDeps, caller: Caller, attemptId: string): Promise<Attempt> {
  const attempt = await repo.getAttempt(deps.db, caller.tenantId, caller.userId, attemptId);
  if (attempt === undefined) throw new AppError('not_found');
  return attempt;
}
