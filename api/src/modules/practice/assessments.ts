import { randomInt } from 'node:crypto';
import { commitWithAudit } from '../../platform/audit/audit-log.js';
import { createId } from '../../platform/db/ids.js';
import { versionConflict, writeVersioned } from '../../platform/db/versioned-update.js';
import type { AppDeps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import type { Caller } from './caller.js';
import { findExerciseFor, listExercisesOfSkillFor } from './catalogue.js';
import type { CatalogExercise } from './content.js';
import * as repo from './repo.js';
import type { Assessment, AssessmentListQuery, SubmitAssessment } from './schema.js';
import { scoreAnswer, type RubricScorer } from './scoring.js';
import { buildMarkSkillAssessed, buildRollSkillTally } from './skill-tally-repo.js';
import { toExerciseView } from './views.js';

/**
 * Assessments: a timed set of a skill's scored exercises (multiple choice and written; drills have
 * no score). The result is the mean of the exercise scores, unanswered ones counting 0. A
 * submission after the deadline (plus a grace for the network) is scored and kept but marked late,
 * and late results do not count toward mastery.
 */

export const SECONDS_PER_CHOICE = 90;
export const SECONDS_PER_WRITTEN = 300;
export const DEADLINE_GRACE_SECONDS = 30;
export const MAX_ASSESSMENT_EXERCISES = 8;

function shuffle<T>(items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = randomInt(i + 1);
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

function timeFor(exercise: CatalogExercise): number {
  return exercise.type === 'written' ? SECONDS_PER_WRITTEN : SECONDS_PER_CHOICE;
}

export async function startAssessment(deps: AppDeps, caller: Caller, skillId: string) {
  const exercises = await listExercisesOfSkillFor(deps, caller.tenantId, skillId);
  const scored = exercises.filter((exercise) => exercise.type !== 'drill');
  const chosen = shuffle(scored).slice(0, MAX_ASSESSMENT_EXERCISES);
  const timeLimitSeconds = chosen.reduce((sum, exercise) => sum + timeFor(exercise), 0);
  const now = deps.now();
  const assessment: Assessment = {
    id: createId(),
    skillId,
    startedAt: now.toISOString(),
    deadline: new Date(now.getTime() + timeLimitSeconds * 1000).toISOString(),
    timeLimitSeconds,
    exerciseIds: chosen.map((exercise) => exercise.id),
    state: 'open',
    version: 1,
  };
  await commitWithAudit(
    deps.db,
    caller.tenantId,
    [
      repo.buildPutAssessment(deps.db, caller.tenantId, caller.userId, assessment),
      repo.buildPutWorkspaceLink(deps.db, caller.userId, caller.tenantId),
      // Begun is started: "next" reads that from the tally, not from the assessments.
      buildMarkSkillAssessed(deps.db, caller.tenantId, caller.userId, skillId),
    ],
    {
      actor: caller.actor,
      action: 'practice.assessment.started',
      target: { type: 'practice-assessment', id: assessment.id },
    },
    deps.now,
  );
  return { assessment, exercises: chosen.map(toExerciseView) };
}

function invalid(field: string, message: string): AppError {
  return new AppError('validation_failed', `The answers are not valid: ${message}.`, {
    errors: [{ field, message }],
  });
}

/**
 * Scores and closes an open assessment (an on-time one restarts the skill's tally in the same
 * transaction); a second submission answers 409.
 */
export async function submitAssessment(
  deps: AppDeps,
  caller: Caller,
  assessmentId: string,
  input: SubmitAssessment,
  scoreRubric?: RubricScorer,
): Promise<Assessment> {
  const assessment = await getAssessment(deps, caller, assessmentId);
  if (assessment.state !== 'open') throw new AppError('conflict', 'This assessment is already submitted.');
  const seen = new Set<string>();
  const results: NonNullable<Assessment['results']> = [];
  for (const [index, { exerciseId, answer }] of input.answers.entries()) {
    const field = `/answers/${index}`;
    if (!assessment.exerciseIds.includes(exerciseId))
      throw invalid(`${field}/exerciseId`, 'is not part of this assessment');
    if (seen.has(exerciseId)) throw invalid(`${field}/exerciseId`, 'is answered twice');
    seen.add(exerciseId);
    const exercise = await findExerciseFor(deps, caller.tenantId, exerciseId, { isOffered: false });
    const { score } = await scoreAnswer(exercise, answer, `${field}/answer`, scoreRubric);
    results.push({ exerciseId, answer, score: score ?? 0 });
  }
  const total = results.reduce((sum, result) => sum + result.score, 0);
  const now = deps.now();
  const changes = {
    state: 'completed' as const,
    completedAt: now.toISOString(),
    score: assessment.exerciseIds.length === 0 ? 0 : total / assessment.exerciseIds.length,
    isLate: now.getTime() > Date.parse(assessment.deadline) + DEADLINE_GRACE_SECONDS * 1000,
    results,
  };
  await writeVersioned(
    () =>
      commitWithAudit(
        deps.db,
        caller.tenantId,
        [
          repo.buildCompleteAssessment(
            deps.db,
            caller.tenantId,
            caller.userId,
            assessment.id,
            changes,
            assessment.version,
          ),
          // Only an on-time result restarts the tally: a late one does not count toward mastery.
          ...(changes.isLate
            ? []
            : [buildRollSkillTally(deps.db, caller.tenantId, caller.userId, assessment.skillId, changes)]),
        ],
        {
          actor: caller.actor,
          action: 'practice.assessment.completed',
          target: { type: 'practice-assessment', id: assessment.id },
        },
        deps.now,
      ),
    async () => {
      const current = await repo.getAssessment(deps.db, caller.tenantId, caller.userId, assessmentId);
      if (current?.state === 'completed')
        return new AppError('conflict', 'This assessment is already submitted.');
      return versionConflict('This assessment', current?.version ?? assessment.version);
    },
  );
  return { ...assessment, ...changes, version: assessment.version + 1 };
}

export async function getAssessment(
  deps: AppDeps,
  caller: Caller,
  assessmentId: string,
): Promise<Assessment> {
  const assessment = await repo.getAssessment(deps.db, caller.tenantId, caller.userId, assessmentId);
  if (assessment === undefined) throw new AppError('not_found');
  return assessment;
}

/** A person's assessments, newest first, optionally of one skill. */
export async function listAssessments(
  deps: AppDeps,
  caller: Caller,
  query: AssessmentListQuery,
): Promise<{ items: Assessment[]; nextCursor?: string }> {
  const queryKey = `practice-assessments:${caller.userId}`;
  const startKey = deps.cursors.decode(caller.tenantId, queryKey, query.cursor);
  const page = await repo.queryAssessments(deps.db, caller.tenantId, caller.userId, {
    limit: query.limit ?? 25,
    ...(startKey === undefined ? {} : { startKey }),
  });
  const items =
    query.skillId === undefined ? page.items : page.items.filter((a) => a.skillId === query.skillId);
  const nextCursor = deps.cursors.encode(caller.tenantId, queryKey, page.lastKey);
  return { items, ...(nextCursor === undefined ? {} : { nextCursor }) };
}
