import {
  rowsFrom,
  rowsPaged,
  type DataHolder,
  type WorkspaceScope,
} from '../../platform/privacy/data-holders.js';
import type { AppDeps } from '../../platform/deps.js';
import * as authoredRepo from './authored-repo.js';
import { OWN_EXERCISE_FIELDS, OWN_SKILL_FIELDS } from './authored-schema.js';
import * as repo from './repo.js';
import { ASSESSMENT_FIELDS, ATTEMPT_FIELDS } from './schema.js';

type Item = Record<string, unknown>;
type PageReader<T> = (
  db: AppDeps['db'],
  tenantId: string,
  userId: string,
  options: { limit: number; startKey?: Item },
) => Promise<{ items: T[]; lastKey?: Item }>;

/** The person's own rows of one kind, page by page (a colleague's practice is never in it). */
function ownRows<T extends object>(deps: AppDeps, scope: WorkspaceScope, read: PageReader<T>) {
  return rowsPaged((startKey) =>
    read(deps.db, scope.tenantId, scope.userId, {
      limit: 200,
      ...(startKey === undefined ? {} : { startKey }),
    }),
  );
}

/**
 * Practice: a person's attempts, assessments and scheduling cards in each workspace. Only the
 * person's own are exported. A purged workspace loses them with its partition; a purged person
 * who was a member elsewhere loses theirs there too, found through the pointers in their partition.
 * The skills and exercises a workspace wrote live in its partition and go with the workspace.
 */
export const practiceData: DataHolder = {
  owner: 'practice',
  entities: [
    'PracticeAttempt',
    'PracticeAssessment',
    'PracticeCard',
    'PracticeSkillTally',
    'PracticeWorkspaceLink',
    'PracticeOwnSkill',
    'PracticeOwnExercise',
  ],
  notExported: {
    PracticeSkillTally: 'a running sum of the scores of your attempts, which are exported',
    PracticeWorkspaceLink: 'a pointer to the workspaces you practise in; the practice itself is exported',
  },
  exportWorkspace: (deps, scope) => [
    {
      name: 'practice-attempts',
      columns: [...ATTEMPT_FIELDS],
      rows: () => ownRows(deps, scope, repo.queryAttempts),
    },
    {
      name: 'practice-assessments',
      columns: [...ASSESSMENT_FIELDS],
      rows: () => ownRows(deps, scope, repo.queryAssessments),
    },
    {
      name: 'practice-schedule',
      columns: [
        'exerciseId',
        'skillId',
        'due',
        'stability',
        'difficulty',
        'reps',
        'lapses',
        'state',
        'lastReview',
      ],
      rows: () => ownRows(deps, scope, repo.queryCards),
    },
    // The workspace's own content is every member's to practise, so every member's export has it.
    {
      name: 'practice-own-skills',
      columns: OWN_SKILL_FIELDS,
      rows: () => rowsFrom(() => authoredRepo.listSkills(deps.db, scope.tenantId)),
    },
    {
      name: 'practice-own-exercises',
      columns: OWN_EXERCISE_FIELDS,
      rows: () => rowsFrom(() => authoredRepo.listExercises(deps.db, scope.tenantId)),
    },
  ],
  purgeUser: async (deps, userId) => {
    for (const tenantId of await repo.listPracticeWorkspaces(deps.db, userId))
      await repo.deletePracticeOfUser(deps.db, tenantId, userId);
  },
};
