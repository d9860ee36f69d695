import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { tenantRoute } from '../../platform/tenancy/tenant-route.js';
import { Type } from 'typebox';
import { IdParam, WorkspaceParams } from '../../platform/http/params.js';
import { addSchemas, PROBLEM_RESPONSES, ref } from '../../platform/http/schema-ref.js';
import * as assessments from './assessments.js';
import { PRACTICE_CONFIG, toCaller } from './caller.js';
import {
  AssessmentListQuerySchema,
  AssessmentSchema,
  StartAssessmentSchema,
  StartedAssessmentSchema,
  SubmitAssessmentSchema,
} from './schema.js';

const AssessmentParams = Type.Object({ workspaceId: IdParam, assessmentId: IdParam });
const ERRORS = { 400: PROBLEM_RESPONSES[400], 403: PROBLEM_RESPONSES[403], 404: PROBLEM_RESPONSES[404] };

/** Timed assessments of a skill: start, submit, and the results kept. */
export const assessmentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  addSchemas(app, [AssessmentSchema]);
  const { deps } = app;
  const base = '/v1/workspaces/:workspaceId/practice/assessments';

  app.post(
    base,
    tenantRoute(PRACTICE_CONFIG, {
      tags: ['practice'],
      summary: 'Start a timed assessment of a skill',
      params: WorkspaceParams,
      body: StartAssessmentSchema,
      response: { 201: StartedAssessmentSchema, ...ERRORS },
    }),
    async (request, reply) =>
      reply
        .status(201)
        .send(await assessments.startAssessment(deps, toCaller(request), request.body.skillId)),
  );

  app.post(
    `${base}/:assessmentId/submit`,
    tenantRoute(PRACTICE_CONFIG, {
      tags: ['practice'],
      summary: 'Submit the answers of an assessment; returns its score',
      params: AssessmentParams,
      body: SubmitAssessmentSchema,
      response: { 200: ref(AssessmentSchema), ...ERRORS, 409: PROBLEM_RESPONSES[409] },
    }),
    async (request) =>
      assessments.submitAssessment(deps, toCaller(request), request.params.assessmentId, request.body),
  );

  app.get(
    base,
    tenantRoute(PRACTICE_CONFIG, {
      tags: ['practice'],
      summary: 'Your assessments and their results, newest first',
      params: WorkspaceParams,
      querystring: AssessmentListQuerySchema,
      response: {
        200: Type.Object({
          items: Type.Array(ref(AssessmentSchema)),
          nextCursor: Type.Optional(Type.String()),
        }),
        ...ERRORS,
      },
    }),
    async (request) => assessments.listAssessments(deps, toCaller(request), request.query),
  );

  app.get(
    `${base}/:assessmentId`,
    tenantRoute(PRACTICE_CONFIG, {
      tags: ['practice'],
      summary: 'One of your assessments',
      params: AssessmentParams,
      response: { 200: ref(AssessmentSchema), ...ERRORS },
    }),
    async (request) => assessments.getAssessment(deps, toCaller(request), request.params.assessmentId),
  );
};
