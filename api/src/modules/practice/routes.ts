import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { tenantRoute } from '../../platform/tenancy/tenant-route.js';
import { Type } from 'typebox';
import { IdParam, WorkspaceParams } from '../../platform/http/params.js';
import { addSchemas, PROBLEM_RESPONSES, ref } from '../../platform/http/schema-ref.js';
import { assessmentRoutes } from './assessment-routes.js';
import { authoredRoutes } from './authored-routes.js';
import * as attempts from './attempts.js';
import { PRACTICE_CONFIG, toCaller } from './caller.js';
import { ContentId } from './content-schema.js';
import { findExerciseFor, listExercisesOfSkillFor, listSkillsFor } from './catalogue.js';
import { feedbackRoutes } from './feedback-routes.js';
import * as progress from './progress.js';
import {
  AttemptListQuerySchema,
  AttemptSchema,
  ExerciseViewSchema,
  FinishAttemptSchema,
  FinishedAttemptSchema,
  NextQuerySchema,
  NextSchema,
  ProgressSchema,
  SkillIdParams,
  SkillSchema,
  StartAttemptSchema,
} from './schema.js';
import { toExerciseView } from './views.js';

const ExerciseParams = Type.Object({ workspaceId: IdParam, exerciseId: ContentId });
const AttemptParams = Type.Object({ workspaceId: IdParam, attemptId: IdParam });
const READ_ERRORS = { 400: PROBLEM_RESPONSES[400], 403: PROBLEM_RESPONSES[403], 404: PROBLEM_RESPONSES[404] };

/** Practice: skills and exercises, attempts, recommendations, progress and assessments. */
export const practiceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  addSchemas(app, [SkillSchema, ExerciseViewSchema, AttemptSchema]);
  const { deps } = app;
  const base = '/v1/workspaces/:workspaceId/practice';

  app.get(
    `${base}/skills`,
    tenantRoute(PRACTICE_CONFIG, {
      tags: ['practice'],
      summary: 'The skills to practise, with how many exercises each has',
      params: WorkspaceParams,
      response: { 200: Type.Object({ items: Type.Array(ref(SkillSchema)) }), ...READ_ERRORS },
    }),
    async (request) => ({ items: await listSkillsFor(deps, toCaller(request).tenantId) }),
  );

  app.get(
    `${base}/skills/:skillId/exercises`,
    tenantRoute(PRACTICE_CONFIG, {
      tags: ['practice'],
      summary: 'The exercises of a skill, as shown before answering',
      params: SkillIdParams,
      response: { 200: Type.Object({ items: Type.Array(ref(ExerciseViewSchema)) }), ...READ_ERRORS },
    }),
    async (request) => {
      const exercises = await listExercisesOfSkillFor(
        deps,
        toCaller(request).tenantId,
        request.params.skillId,
      );
      return { items: exercises.map(toExerciseView) };
    },
  );

  app.get(
    `${base}/exercises/:exerciseId`,
    tenantRoute(PRACTICE_CONFIG, {
      tags: ['practice'],
      summary: 'One exercise, as shown before answering',
      params: ExerciseParams,
      response: { 200: ref(ExerciseViewSchema), ...READ_ERRORS },
    }),
    async (request) => {
      const { tenantId } = toCaller(request);
      const exercise = await findExerciseFor(deps, tenantId, request.params.exerciseId, { isOffered: true });
      return toExerciseView(exercise);
    },
  );

  app.post(
    `${base}/attempts`,
    tenantRoute(PRACTICE_CONFIG, {
      tags: ['practice'],
      summary: 'Start an attempt at an exercise (the server notes the start time)',
      params: WorkspaceParams,
      body: StartAttemptSchema,
      response: { 201: ref(AttemptSchema), ...READ_ERRORS },
    }),
    async (request, reply) =>
      reply.status(201).send(await attempts.startAttempt(deps, toCaller(request), request.body.exerciseId)),
  );

  app.post(
    `${base}/attempts/:attemptId/finish`,
    tenantRoute(PRACTICE_CONFIG, {
      tags: ['practice'],
      summary: 'Finish an attempt: answer, self-rating; returns the score, feedback and next review',
      params: AttemptParams,
      body: FinishAttemptSchema,
      response: { 200: FinishedAttemptSchema, ...READ_ERRORS, 409: PROBLEM_RESPONSES[409] },
    }),
    async (request) =>
      attempts.finishAttempt(deps, toCaller(request), request.params.attemptId, request.body),
  );

  app.get(
    `${base}/attempts`,
    tenantRoute(PRACTICE_CONFIG, {
      tags: ['practice'],
      summary: 'Your practice history, newest first',
      params: WorkspaceParams,
      querystring: AttemptListQuerySchema,
      response: {
        200: Type.Object({
          items: Type.Array(ref(AttemptSchema)),
          nextCursor: Type.Optional(Type.String()),
        }),
        ...READ_ERRORS,
      },
    }),
    async (request) => attempts.listAttempts(deps, toCaller(request), request.query),
  );

  app.get(
    `${base}/attempts/:attemptId`,
    tenantRoute(PRACTICE_CONFIG, {
      tags: ['practice'],
      summary: 'One of your attempts',
      params: AttemptParams,
      response: { 200: ref(AttemptSchema), ...READ_ERRORS },
    }),
    async (request) => attempts.getAttempt(deps, toCaller(request), request.params.attemptId),
  );

  app.get(
    `${base}/next`,
    tenantRoute(PRACTICE_CONFIG, {
      tags: ['practice'],
      summary: 'What to practise next, each with why it was chosen',
      params: WorkspaceParams,
      querystring: NextQuerySchema,
      response: { 200: NextSchema, ...READ_ERRORS },
    }),
    async (request) => progress.getNext(deps, toCaller(request), request.query),
  );

  app.get(
    `${base}/progress`,
    tenantRoute(PRACTICE_CONFIG, {
      tags: ['practice'],
      summary: 'Mastery per skill, active days, weekly activity and retention forecast',
      params: WorkspaceParams,
      response: { 200: ProgressSchema, ...READ_ERRORS },
    }),
    async (request) => progress.getProgress(deps, toCaller(request)),
  );

  await app.register(assessmentRoutes);
  await app.register(feedbackRoutes);
  await app.register(authoredRoutes);
};
