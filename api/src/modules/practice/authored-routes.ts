import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdParam, WorkspaceParams } from '../../platform/http/params.js';
import { addSchemas, PROBLEM_RESPONSES, ref } from '../../platform/http/schema-ref.js';
import { tenantCaller, tenantRoute } from '../../platform/tenancy/tenant-route.js';
import {
  CreateExerciseSchema,
  ExerciseUpdateSchema,
  OwnExerciseSchema,
  OwnSkillSchema,
  SkillInputSchema,
  SkillUpdateSchema,
} from './authored-schema.js';
import * as authored from './authored-service.js';
import { ContentId } from './content-schema.js';

/** Writing the workspace's own content is the owners' and admins' job, as managing it is. */
const AUTHOR_RULE = { permission: 'workspace:manage', module: 'practice' } as const;
// Named apart from the catalogue's `skillId`/`exerciseId`: these name records of one workspace,
// never shipped content, so another workspace naming them must find nothing.
const SkillParams = Type.Object({ workspaceId: IdParam, ownSkillId: ContentId });
const ExerciseParams = Type.Object({ workspaceId: IdParam, ownExerciseId: ContentId });
const ERRORS = { 400: PROBLEM_RESPONSES[400], 403: PROBLEM_RESPONSES[403], 404: PROBLEM_RESPONSES[404] };
const WRITE_ERRORS = { ...ERRORS, 409: PROBLEM_RESPONSES[409] };

/** The workspace's own skills and exercises: owners and admins add, edit and archive them. */
export const authoredRoutes: FastifyPluginAsyncTypebox = async (app) => {
  addSchemas(app, [OwnSkillSchema, OwnExerciseSchema]);
  const { deps } = app;
  const base = '/v1/workspaces/:workspaceId/practice/own';

  app.get(
    `${base}/skills`,
    tenantRoute(AUTHOR_RULE, {
      tags: ['practice'],
      summary: 'The workspace’s own skills and exercises, archived ones too, with their answers',
      params: WorkspaceParams,
      response: {
        200: Type.Object({
          skills: Type.Array(ref(OwnSkillSchema)),
          exercises: Type.Array(ref(OwnExerciseSchema)),
        }),
        ...ERRORS,
      },
    }),
    async (request) => authored.listOwnContent(deps, tenantCaller(request).tenantId),
  );

  app.post(
    `${base}/skills`,
    tenantRoute(AUTHOR_RULE, {
      tags: ['practice'],
      summary: 'Add a skill of the workspace’s own',
      params: WorkspaceParams,
      body: SkillInputSchema,
      response: { 201: ref(OwnSkillSchema), ...WRITE_ERRORS },
    }),
    async (request, reply) =>
      reply.status(201).send(await authored.createOwnSkill(deps, tenantCaller(request), request.body)),
  );

  app.put(
    `${base}/skills/:ownSkillId`,
    tenantRoute(AUTHOR_RULE, {
      tags: ['practice'],
      summary: 'Edit or archive one of the workspace’s own skills (versioned)',
      params: SkillParams,
      body: SkillUpdateSchema,
      response: { 200: ref(OwnSkillSchema), ...WRITE_ERRORS },
    }),
    async (request) =>
      authored.updateOwnSkill(deps, tenantCaller(request), request.params.ownSkillId, request.body),
  );

  app.post(
    `${base}/skills/:ownSkillId/exercises`,
    tenantRoute(AUTHOR_RULE, {
      tags: ['practice'],
      summary: 'Add an exercise to one of the workspace’s own skills',
      params: SkillParams,
      body: CreateExerciseSchema,
      response: { 201: ref(OwnExerciseSchema), ...WRITE_ERRORS },
    }),
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await authored.createOwnExercise(
            deps,
            tenantCaller(request),
            request.params.ownSkillId,
            request.body.exercise,
          ),
        ),
  );

  app.put(
    `${base}/exercises/:ownExerciseId`,
    tenantRoute(AUTHOR_RULE, {
      tags: ['practice'],
      summary:
        'Edit or archive one of the workspace’s own exercises (versioned; edits raise its content version)',
      params: ExerciseParams,
      body: ExerciseUpdateSchema,
      response: { 200: ref(OwnExerciseSchema), ...WRITE_ERRORS },
    }),
    async (request) =>
      authored.updateOwnExercise(deps, tenantCaller(request), request.params.ownExerciseId, request.body),
  );
};
