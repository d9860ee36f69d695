import type { RecordType } from '../../platform/privacy/record-types.js';

/** Practice's entries in the data inventory (assembled in privacy/inventory.ts). */
export const PRACTICE_RECORD_TYPES: readonly RecordType[] = [
  {
    entity: 'PracticeAttempt',
    label: 'Practice attempt',
    fields:
      'Which exercise, when you started and finished, how long it took, your answer (the option chosen, or your written answer and the rubric points you ticked), its score and your own rating.',
    purpose: 'Your practice history, progress and the scheduling of your next exercises.',
    retention: 'workspace',
    providers: ['aws'],
    correction: {
      how: 'An attempt is a record of what you did at the time and is not edited; practise the exercise again and the new attempt counts from then on.',
      routes: [],
    },
  },
  {
    entity: 'PracticeAssessment',
    label: 'Practice assessment',
    fields:
      'Which skill, the exercises set, start time and deadline, your answers, the score and whether it was late.',
    purpose: 'To measure and show your mastery of a skill.',
    retention: 'workspace',
    providers: ['aws'],
    correction: {
      how: 'A result stays as it was; take a new assessment and your mastery follows the newest results.',
      routes: [],
    },
  },
  {
    entity: 'PracticeCard',
    label: 'Practice schedule',
    fields:
      'Per exercise you have done: when it is next due and the scheduler’s estimate of how well you remember it.',
    purpose: 'To recommend what to practise next.',
    retention: 'workspace',
    providers: ['aws'],
    correction: {
      how: 'Computed from your attempts; it changes each time you practise.',
      routes: [],
    },
  },
  {
    entity: 'PracticeSkillTally',
    label: 'Practice tally per skill',
    fields:
      'Per skill: when your latest on-time assessment finished, and how many scored attempts you made since and their total score.',
    purpose: 'To recommend what to practise next without rereading your whole practice history.',
    retention: 'workspace',
    providers: ['aws'],
    correction: {
      how: 'Computed from your attempts and assessments; it changes each time you practise or take an assessment.',
      routes: [],
    },
  },
  {
    entity: 'PracticeWorkspaceLink',
    label: 'Workspaces you practise in',
    fields: 'The id of each workspace where you have practice records.',
    purpose: 'So deleting your account also deletes your practice in workspaces you do not own.',
    retention: 'account',
    providers: ['aws'],
    correction: {
      how: 'Kept by the service from your practice; nothing in it was entered by you.',
      routes: [],
    },
  },
  {
    entity: 'PracticeOwnSkill',
    label: 'Your workspace’s practice skills',
    fields:
      'Skills your workspace’s owners or admins wrote: area, title, summary, whether archived, when written and edited.',
    purpose: 'So members can practise what your workspace teaches (a clinic training its staff).',
    retention: 'workspace',
    providers: ['aws'],
    correction: {
      how: 'An owner or admin edits or archives the skill on the “Your skills” page.',
      // Replaced whole with its version (PUT), like the exercise below.
      routes: [],
    },
  },
  {
    entity: 'PracticeOwnExercise',
    label: 'Your workspace’s practice exercises',
    fields:
      'Exercises your workspace’s owners or admins wrote: type, title, prompt, options with explanations or rubric and model answer or steps and tip, content version, whether archived.',
    purpose: 'So members can practise what your workspace teaches.',
    retention: 'workspace',
    providers: ['aws'],
    correction: {
      how: 'An owner or admin edits or archives the exercise on the “Your skills” page; each edit raises its content version.',
      // The exercise is one nested document replaced whole (PUT); the skill's route shows the walk.
      routes: [],
    },
  },
];
