import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { WorkspaceParams } from '../../platform/http/params.js';
import { addSchemas, PROBLEM_RESPONSES, ref } from '../../platform/http/schema-ref.js';
import { tenantCaller, tenantRoute } from '../../platform/tenancy/tenant-route.js';
import * as additions from './additions.js';
import * as checklists from './checklists.js';
import { LibraryItemSchema } from './schema.js';
import {
  AdditionInputSchema,
  AdditionParams,
  AdditionPatchSchema,
  ChecklistParams,
  ChecklistSchema,
  CopyChecklistSchema,
  TickChecklistSchema,
} from './workspace-schema.js';

const READ = { permission: 'library:read', module: 'library' } as const;
const WRITE = { permission: 'library:write', module: 'library' } as const;

/** The workspace's own library: its additions and the checklists it copied and ticks off. */
export const workspaceLibraryRoutes: FastifyPluginAsyncTypebox = async (app) => {
  addSchemas(app, [ChecklistSchema]);
  const { deps } = app;
  const base = '/v1/workspaces/:workspaceId/library';

  app.get(
    `${base}/additions`,
    tenantRoute(READ, {
      tags: ['library'],
      summary: "The workspace's own resources, templates and checklists",
      params: WorkspaceParams,
      response: { 200: Type.Object({ items: Type.Array(ref(LibraryItemSchema)) }) },
    }),
    async (request) => ({ items: await additions.listAdditions(deps, tenantCaller(request).tenantId) }),
  );

  app.post(
    `${base}/additions`,
    tenantRoute(WRITE, {
      tags: ['library'],
      summary: 'Add a resource, template or checklist to the workspace library',
      params: WorkspaceParams,
      body: AdditionInputSchema,
      response: { 201: ref(LibraryItemSchema) },
    }),
    async (request, reply) => {
      const { tenantId, actor } = tenantCaller(request);
      return reply.status(201).send(await additions.createAddition(deps, tenantId, actor, request.body));
    },
  );

  app.get(
    `${base}/additions/:additionId`,
    tenantRoute(READ, {
      tags: ['library'],
      summary: 'One item the workspace added',
      params: AdditionParams,
      response: { 200: ref(LibraryItemSchema) },
    }),
    async (request) => additions.getAddition(deps, tenantCaller(request).tenantId, request.params.additionId),
  );

  app.patch(
    `${base}/additions/:additionId`,
    tenantRoute(WRITE, {
      tags: ['library'],
      summary: 'Correct an item the workspace added',
      params: AdditionParams,
      body: AdditionPatchSchema,
      response: { 200: ref(LibraryItemSchema), 409: PROBLEM_RESPONSES[409] },
    }),
    async (request) => {
      const { tenantId, actor } = tenantCaller(request);
      return additions.updateAddition(deps, tenantId, actor, request.params.additionId, request.body);
    },
  );

  app.delete(
    `${base}/additions/:additionId`,
    tenantRoute(WRITE, {
      tags: ['library'],
      summary: 'Delete an item the workspace added (copied checklists stay)',
      params: AdditionParams,
      response: { 204: Type.Null() },
    }),
    async (request, reply) => {
      const { tenantId, actor } = tenantCaller(request);
      await additions.deleteAddition(deps, tenantId, actor, request.params.additionId);
      return reply.status(204).send(null);
    },
  );

  app.get(
    `${base}/checklists`,
    tenantRoute(READ, {
      tags: ['library'],
      summary: 'Checklists copied into the workspace, with their progress',
      params: WorkspaceParams,
      response: { 200: Type.Object({ items: Type.Array(ref(ChecklistSchema)) }) },
    }),
    async (request) => ({ items: await checklists.listChecklists(deps, tenantCaller(request).tenantId) }),
  );

  app.post(
    `${base}/checklists`,
    tenantRoute(WRITE, {
      tags: ['library'],
      summary: 'Copy a checklist (shipped or added) into the workspace to tick off',
      params: WorkspaceParams,
      body: CopyChecklistSchema,
      response: { 201: ref(ChecklistSchema) },
    }),
    async (request, reply) => {
      const { tenantId, actor } = tenantCaller(request);
      return reply.status(201).send(await checklists.copyChecklist(deps, tenantId, actor, request.body));
    },
  );

  app.get(
    `${base}/checklists/:checklistId`,
    tenantRoute(READ, {
      tags: ['library'],
      summary: 'One copied checklist with its progress',
      params: ChecklistParams,
      response: { 200: ref(ChecklistSchema) },
    }),
    async (request) =>
      checklists.getChecklist(deps, tenantCaller(request).tenantId, request.params.checklistId),
  );

  // Ticking is progress, not a correction of something written, so it is an action of its own.
  app.post(
    `${base}/checklists/:checklistId/ticks`,
    tenantRoute(WRITE, {
      tags: ['library'],
      summary: 'Tick steps off (send every step that is done; a stale version answers 409)',
      params: ChecklistParams,
      body: TickChecklistSchema,
      response: { 200: ref(ChecklistSchema), 409: PROBLEM_RESPONSES[409] },
    }),
    async (request) => {
      const { tenantId, actor } = tenantCaller(request);
      return checklists.tickChecklist(deps, tenantId, actor, request.params.checklistId, request.body);
    },
  );

  app.delete(
    `${base}/checklists/:checklistId`,
    tenantRoute(WRITE, {
      tags: ['library'],
      summary: 'Delete a copied checklist',
      params: ChecklistParams,
      response: { 204: Type.Null() },
    }),
    async (request, reply) => {
      const { tenantId, actor } = tenantCaller(request);
      await checklists.deleteChecklist(deps, tenantId, actor, request.params.checklistId);
      return reply.status(204).send(null);
    },
  );
};
