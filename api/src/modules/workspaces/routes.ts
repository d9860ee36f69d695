import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { tenantCaller, tenantRoute } from '../../platform/tenancy/tenant-route.js';
import { Type } from 'typebox';
import { toActor } from '../../platform/auth/principal.js';
import { EmailSchema } from '../../platform/http/email-schema.js';
import { PROBLEM_RESPONSES, ref } from '../../platform/http/schema-ref.js';
import { requireTenant, requireUser } from '../../platform/tenancy/tenancy-plugin.js';
import * as invites from './invites.js';
import {
  InviteParams,
  InviteSchema,
  MemberParams,
  MemberSchema,
  ProfessionalInviteInput,
  RoleSchema,
  WorkspaceIdParams,
  WorkspaceName,
  WorkspaceSchema,
  WorkspaceSummarySchema,
  type ReadMemberProfile,
} from './schema.js';
import { professionalRoutes } from './professional-routes.js';
import * as service from './service.js';

const NoContent = Type.Null({ description: 'No content' });

/**
 * Workspaces, their members and invites. `readProfile` gives the person a new membership copies
 * (their profile belongs to the identity module, which the app wires in).
 */
export const workspacesRoutes: FastifyPluginAsyncTypebox<{ readProfile: ReadMemberProfile }> = async (
  app,
  { readProfile },
) => {
  const { deps } = app;
  await app.register(professionalRoutes);

  app.post(
    '/v1/invites/accept',
    {
      config: { access: { kind: 'user' } },
      schema: {
        tags: ['workspaces'],
        summary: 'Join a workspace with an invite code',
        body: Type.Object(
          { code: Type.String({ minLength: 6, maxLength: 64 }) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ workspace: ref(WorkspaceSummarySchema) }),
          400: PROBLEM_RESPONSES[400],
          401: PROBLEM_RESPONSES[401],
          409: PROBLEM_RESPONSES[409],
        },
      },
    },
    async (request) => ({
      workspace: await invites.acceptInvite(deps, requireUser(request), request.body.code, readProfile),
    }),
  );

  app.get(
    '/v1/workspaces',
    {
      config: { access: { kind: 'user' } },
      schema: {
        tags: ['workspaces'],
        summary: 'Workspaces I belong to',
        response: {
          200: Type.Object({ items: Type.Array(ref(WorkspaceSummarySchema)) }),
          401: PROBLEM_RESPONSES[401],
        },
      },
    },
    async (request) => ({ items: await service.listMyWorkspaces(deps, requireUser(request).userId) }),
  );

  app.post(
    '/v1/workspaces',
    {
      config: { access: { kind: 'user' } },
      schema: {
        tags: ['workspaces'],
        summary: 'Create a workspace (you become its owner)',
        body: Type.Object({ name: WorkspaceName }, { additionalProperties: false }),
        response: { 201: ref(WorkspaceSchema), 400: PROBLEM_RESPONSES[400], 401: PROBLEM_RESPONSES[401] },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await service.createWorkspace(deps, requireUser(request), request.body.name.trim(), readProfile),
        ),
  );

  app.get(
    '/v1/workspaces/:workspaceId',
    tenantRoute(
      { permission: 'workspace:read', allowApiKey: false, isOpenWithoutSecondFactor: true },
      {
        tags: ['workspaces'],
        summary: 'One workspace',
        params: WorkspaceIdParams,
        response: { 200: ref(WorkspaceSchema) },
      },
    ),
    async (request) => {
      const tenant = requireTenant(request);
      return service.getWorkspace(deps, tenant.tenantId, tenant.role, tenant.grant);
    },
  );

  app.patch(
    '/v1/workspaces/:workspaceId',
    tenantRoute(
      { permission: 'workspace:manage' },
      {
        tags: ['workspaces'],
        summary: 'Rename a workspace',
        params: WorkspaceIdParams,
        body: Type.Object({ name: WorkspaceName }, { additionalProperties: false }),
        response: {
          200: ref(WorkspaceSchema),
        },
      },
    ),
    async (request) => {
      const tenant = requireTenant(request);
      return service.renameWorkspace(
        deps,
        tenant.tenantId,
        toActor(tenant.principal),
        tenant.role,
        request.body.name.trim(),
      );
    },
  );

  app.put(
    '/v1/workspaces/:workspaceId/safety-mode',
    tenantRoute(
      { permission: 'workspace:manage' },
      {
        tags: ['workspaces'],
        summary:
          'Turn safety mode on or off: addresses and locations withheld from shared and professional views, exports, court reports and email',
        params: WorkspaceIdParams,
        body: Type.Object({ isOn: Type.Boolean() }, { additionalProperties: false }),
        response: {
          200: ref(WorkspaceSchema),
        },
      },
    ),
    async (request) => {
      const tenant = requireTenant(request);
      return service.setSafetyMode(
        deps,
        tenant.tenantId,
        toActor(tenant.principal),
        tenant.role,
        request.body.isOn,
      );
    },
  );

  app.get(
    '/v1/workspaces/:workspaceId/members',
    tenantRoute(
      { permission: 'members:read', allowApiKey: false },
      {
        tags: ['members'],
        summary: 'Members and their roles',
        params: WorkspaceIdParams,
        response: { 200: Type.Object({ items: Type.Array(ref(MemberSchema)) }) },
      },
    ),
    async (request) => ({ items: await service.listMembers(deps, tenantCaller(request).tenantId) }),
  );

  app.patch(
    '/v1/workspaces/:workspaceId/members/:userId',
    tenantRoute(
      { permission: 'members:manage', administrative: 'workspace' },
      {
        tags: ['members'],
        summary: "Change a member's role",
        params: MemberParams,
        body: Type.Object({ role: RoleSchema }, { additionalProperties: false }),
        response: {
          200: ref(MemberSchema),
          409: PROBLEM_RESPONSES[409],
        },
      },
    ),
    async (request) => {
      const tenant = requireTenant(request);
      return service.changeMemberRole(
        deps,
        tenant.tenantId,
        toActor(tenant.principal),
        tenant.role,
        request.params.userId,
        request.body.role,
      );
    },
  );

  app.delete(
    '/v1/workspaces/:workspaceId/members/:userId',
    tenantRoute(
      { permission: 'members:manage', administrative: 'workspace' },
      {
        tags: ['members'],
        summary: 'Remove a member',
        params: MemberParams,
        response: {
          204: NoContent,
          409: PROBLEM_RESPONSES[409],
        },
      },
    ),
    async (request, reply) => {
      const tenant = requireTenant(request);
      await service.removeMember(
        deps,
        tenant.tenantId,
        toActor(tenant.principal),
        tenant.role,
        request.params.userId,
      );
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/v1/workspaces/:workspaceId/invites',
    tenantRoute(
      { permission: 'invites:manage' },
      {
        tags: ['members'],
        summary: 'Invites of a workspace',
        params: WorkspaceIdParams,
        response: {
          200: Type.Object({ items: Type.Array(ref(InviteSchema)) }),
        },
      },
    ),
    async (request) => ({ items: await invites.listInvites(deps, tenantCaller(request).tenantId) }),
  );

  app.post(
    '/v1/workspaces/:workspaceId/invites',
    tenantRoute(
      { permission: 'invites:manage', administrative: 'workspace' },
      {
        tags: ['members'],
        summary:
          'Invite someone by email; the code is shown once and emailed to them. A professional (role professional) gets read-only access to the chosen kinds until the end date',
        params: WorkspaceIdParams,
        body: Type.Object(
          { email: EmailSchema, role: RoleSchema, professional: Type.Optional(ProfessionalInviteInput) },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({ invite: ref(InviteSchema), code: Type.String() }),
        },
      },
    ),
    async (request, reply) => {
      const tenant = requireTenant(request);
      return reply
        .status(201)
        .send(
          await invites.createInvite(
            deps,
            tenant.tenantId,
            toActor(tenant.principal),
            tenant.role,
            request.body,
          ),
        );
    },
  );

  app.delete(
    '/v1/workspaces/:workspaceId/invites/:inviteId',
    tenantRoute(
      { permission: 'invites:manage' },
      {
        tags: ['members'],
        summary: 'Revoke a pending invite',
        params: InviteParams,
        response: {
          204: NoContent,
          409: PROBLEM_RESPONSES[409],
        },
      },
    ),
    async (request, reply) => {
      const { tenantId, actor } = tenantCaller(request);
      await invites.revokeInvite(deps, tenantId, actor, request.params.inviteId);
      return reply.status(204).send(null);
    },
  );
};
