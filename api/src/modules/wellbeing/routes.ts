import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type, type TObject } from 'typebox';
import { toActor } from '../../platform/auth/principal.js';
import { AppError } from '../../platform/errors.js';
import { addSchemas, PROBLEM_RESPONSES, ref, stringEnum } from '../../platform/http/schema-ref.js';
import { requireTenant } from '../../platform/tenancy/tenancy-plugin.js';
import {
  CARE_NOTE,
  CareNoteSchemas,
  CHECK_IN,
  CheckInSchemas,
  CommonSymptomSchema,
  COMPLAINT,
  ComplaintSchemas,
  RecordListQuerySchema,
  SafetyPlanInputSchema,
  SafetyPlanSchema,
  SafetyPlanVersionsSchema,
  TrendQuerySchema,
  TrendSchema,
  type RecordKind,
  type RecordSchemas,
} from './schema.js';
import * as service from './service.js';
import {
  CursorQuery,
  IdParam,
  limitQuery,
  versionField,
  WorkspaceParams,
} from '../../platform/http/params.js';

const access = { kind: 'tenant', permission: 'wellbeing:use' } as const;
/** Reading records (one's own or those shared with one): also open to a professional the records were shared with. */
const readAccess = { kind: 'tenant', permission: 'wellbeing:read' } as const;
const PageQuery = Type.Object(
  {
    cursor: CursorQuery,
    limit: limitQuery(50),
  },
  { additionalProperties: false },
);
const UNAVAILABLE = Type.Unsafe<unknown>({
  $ref: 'Problem#',
  description: 'The PHI key is unreachable; nothing was read or written',
});

const AccessLogSchema = Type.Object(
  {
    items: Type.Array(
      Type.Object({
        at: Type.String({ format: 'date-time' }),
        actor: Type.Object({ type: Type.String(), id: Type.String(), label: Type.String() }),
        action: Type.String(),
        target: Type.Object({ type: Type.String(), id: Type.String() }),
        recordIds: Type.Array(Type.String()),
      }),
    ),
    nextCursor: Type.Optional(Type.String()),
  },
  { $id: 'WellbeingAccessLog' },
);

/** The person acting: wellbeing is personal, so integrators' API keys never reach it. */
function toCaller(request: FastifyRequest): service.Caller {
  const tenant = requireTenant(request);
  if (tenant.principal.type !== 'user') throw new AppError('forbidden');
  return { tenantId: tenant.tenantId, userId: tenant.principal.userId, actor: toActor(tenant.principal) };
}

/**
 * Wellbeing: check-ins, complaints and care notes (one set of routes each), the versioned safety
 * plan, and the access log. All data goes through the PHI chokepoint (deps.phi).
 */
export const wellbeingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { deps } = app;
  // Every answer of this module is wellbeing data: anything the platform keeps of it outside the
  // PHI table (an idempotency replay) is sealed. Marked here for the whole (encapsulated) plugin,
  // so a route added later cannot be left out.
  app.addHook('onRoute', (route) => {
    route.config = { ...route.config, hasPhi: true };
  });
  addSchemas(app, [
    CommonSymptomSchema,
    CheckInSchemas.output,
    ComplaintSchemas.output,
    CareNoteSchemas.output,
    TrendSchema,
    SafetyPlanSchema,
    SafetyPlanVersionsSchema,
    AccessLogSchema,
  ]);
  const base = '/v1/workspaces/:workspaceId/wellbeing';

  /**
   * One set of routes per record kind. The schemas are the kinds' own (not a string-keyed map), so
   * each handler's body is the union of the kinds' typed bodies, checked against the service's.
   */
  const recordRoutes = (spec: RecordKind, schemas: RecordSchemas) => {
    const tags = [`wellbeing`];
    // Answers are presented from the PHI store's field map, so they are checked by the schema (and
    // the integration tests) rather than typed per kind here.
    const output: TObject = schemas.output;
    const one = ref(output);
    const url = `${base}/${spec.path}`;
    const param = spec.param;
    const recordParams = Type.Object({ workspaceId: IdParam, [param]: IdParam });
    const shareParams = Type.Object({
      workspaceId: IdParam,
      [param]: IdParam,
      userId: IdParam,
    });
    // The id's name differs per kind (`checkInId`, ...); the schema has validated it is present.
    const idOf = (params: Readonly<Record<string, string>>): string => params[param] ?? '';
    const userOf = (params: Readonly<Record<string, string>>): string => params.userId ?? '';
    app.get(
      url,
      {
        config: { access: readAccess },
        schema: {
          tags,
          summary: `List your ${spec.label}s (or those shared with you), newest first`,
          params: WorkspaceParams,
          querystring: RecordListQuerySchema,
          response: {
            200: Type.Object({ items: Type.Array(one), nextCursor: Type.Optional(Type.String()) }),
            400: PROBLEM_RESPONSES[400],
            404: PROBLEM_RESPONSES[404],
            503: UNAVAILABLE,
          },
        },
      },
      async (request) => service.listRecords(deps, toCaller(request), spec, request.query),
    );
    app.post(
      url,
      {
        config: { access },
        schema: {
          tags,
          summary: `Record a ${spec.label} (private to you)`,
          params: WorkspaceParams,
          body: schemas.input,
          response: {
            201: one,
            400: PROBLEM_RESPONSES[400],
            403: PROBLEM_RESPONSES[403],
            404: PROBLEM_RESPONSES[404],
            503: UNAVAILABLE,
          },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await service.createRecord(deps, toCaller(request), spec, request.body)),
    );
    app.get(
      `${url}/:${param}`,
      {
        config: { access: readAccess },
        schema: {
          tags,
          summary: `One ${spec.label} (yours, or shared with you)`,
          params: recordParams,
          response: { 200: one, 404: PROBLEM_RESPONSES[404], 503: UNAVAILABLE },
        },
      },
      async (request) => service.getRecord(deps, toCaller(request), spec, idOf(request.params)),
    );
    app.patch(
      `${url}/:${param}`,
      {
        config: { access },
        schema: {
          tags,
          summary: `Correct any fields of your ${spec.label}`,
          params: recordParams,
          body: schemas.patch,
          response: {
            200: one,
            400: PROBLEM_RESPONSES[400],
            403: PROBLEM_RESPONSES[403],
            404: PROBLEM_RESPONSES[404],
            409: PROBLEM_RESPONSES[409],
            503: UNAVAILABLE,
          },
        },
      },
      async (request) =>
        service.updateRecord(deps, toCaller(request), spec, idOf(request.params), request.body),
    );
    app.delete(
      `${url}/:${param}`,
      {
        config: { access },
        schema: {
          tags,
          summary: `Delete your ${spec.label} (restorable)`,
          params: recordParams,
          response: {
            204: Type.Null(),
            403: PROBLEM_RESPONSES[403],
            404: PROBLEM_RESPONSES[404],
            409: PROBLEM_RESPONSES[409],
            503: UNAVAILABLE,
          },
        },
      },
      async (request, reply) => {
        await service.deleteRecord(deps, toCaller(request), spec, idOf(request.params));
        return reply.status(204).send(null);
      },
    );
    app.post(
      `${url}/:${param}/restore`,
      {
        config: { access },
        schema: {
          tags,
          summary: `Restore your deleted ${spec.label}`,
          params: recordParams,
          response: {
            200: one,
            403: PROBLEM_RESPONSES[403],
            404: PROBLEM_RESPONSES[404],
            409: PROBLEM_RESPONSES[409],
            503: UNAVAILABLE,
          },
        },
      },
      async (request) => service.restoreRecord(deps, toCaller(request), spec, idOf(request.params)),
    );
    app.put(
      `${url}/:${param}/shares/:userId`,
      {
        config: { access },
        schema: {
          tags,
          summary: `Share your ${spec.label} with a member of the workspace`,
          params: shareParams,
          body: Type.Object(
            { access: stringEnum(['read'] as const, { description: 'What the member may do: read it' }) },
            { additionalProperties: false },
          ),
          response: {
            200: one,
            400: PROBLEM_RESPONSES[400],
            403: PROBLEM_RESPONSES[403],
            404: PROBLEM_RESPONSES[404],
            409: PROBLEM_RESPONSES[409],
            503: UNAVAILABLE,
          },
        },
      },
      async (request) =>
        service.shareRecord(deps, toCaller(request), spec, idOf(request.params), userOf(request.params)),
    );
    app.delete(
      `${url}/:${param}/shares/:userId`,
      {
        config: { access },
        schema: {
          tags,
          summary: `Stop sharing your ${spec.label} with a member`,
          params: shareParams,
          response: {
            200: one,
            403: PROBLEM_RESPONSES[403],
            404: PROBLEM_RESPONSES[404],
            409: PROBLEM_RESPONSES[409],
            503: UNAVAILABLE,
          },
        },
      },
      async (request) =>
        service.unshareRecord(deps, toCaller(request), spec, idOf(request.params), userOf(request.params)),
    );
  };

  app.get(
    `${base}/check-ins/trend`,
    {
      config: { access },
      schema: {
        tags: ['wellbeing'],
        summary: 'Mood, anxiety and sleep of your check-ins over the last 30, 90 or 365 days',
        params: WorkspaceParams,
        querystring: TrendQuerySchema,
        response: {
          200: ref(TrendSchema),
          400: PROBLEM_RESPONSES[400],
          404: PROBLEM_RESPONSES[404],
          503: UNAVAILABLE,
        },
      },
    },
    async (request) => service.getTrend(deps, toCaller(request), Number(request.query.days ?? '30')),
  );
  recordRoutes(CHECK_IN, CheckInSchemas);
  recordRoutes(COMPLAINT, ComplaintSchemas);
  recordRoutes(CARE_NOTE, CareNoteSchemas);

  app.get(
    `${base}/safety-plan`,
    {
      config: { access },
      schema: {
        tags: ['wellbeing'],
        summary: 'Your current safety plan',
        params: WorkspaceParams,
        response: { 200: ref(SafetyPlanSchema), 404: PROBLEM_RESPONSES[404], 503: UNAVAILABLE },
      },
    },
    async (request) => service.getSafetyPlan(deps, toCaller(request)),
  );
  app.put(
    `${base}/safety-plan`,
    {
      config: { access },
      schema: {
        tags: ['wellbeing'],
        summary: 'Save a new version of your safety plan',
        params: WorkspaceParams,
        body: SafetyPlanInputSchema,
        response: {
          200: ref(SafetyPlanSchema),
          400: PROBLEM_RESPONSES[400],
          403: PROBLEM_RESPONSES[403],
          404: PROBLEM_RESPONSES[404],
          409: PROBLEM_RESPONSES[409],
          503: UNAVAILABLE,
        },
      },
    },
    async (request) => service.saveSafetyPlan(deps, toCaller(request), request.body),
  );
  app.get(
    `${base}/safety-plan/versions`,
    {
      config: { access },
      schema: {
        tags: ['wellbeing'],
        summary: 'The versions of your safety plan, newest first',
        params: WorkspaceParams,
        querystring: PageQuery,
        response: {
          200: ref(SafetyPlanVersionsSchema),
          400: PROBLEM_RESPONSES[400],
          404: PROBLEM_RESPONSES[404],
        },
      },
    },
    async (request) => service.listSafetyPlanVersions(deps, toCaller(request), request.query),
  );
  app.get(
    `${base}/safety-plan/versions/:version`,
    {
      config: { access },
      schema: {
        tags: ['wellbeing'],
        summary: 'One version of your safety plan',
        params: Type.Object({ workspaceId: IdParam, version: versionField('A saved version of the plan') }),
        response: { 200: ref(SafetyPlanSchema), 404: PROBLEM_RESPONSES[404], 503: UNAVAILABLE },
      },
    },
    async (request) => service.getSafetyPlanVersion(deps, toCaller(request), request.params.version),
  );
  app.get(
    `${base}/access-log`,
    {
      config: { access },
      schema: {
        tags: ['wellbeing'],
        summary: 'Who read or changed your wellbeing data, newest first',
        params: WorkspaceParams,
        querystring: PageQuery,
        response: { 200: ref(AccessLogSchema), 400: PROBLEM_RESPONSES[400], 404: PROBLEM_RESPONSES[404] },
      },
    },
    async (request) => service.listAccessLog(deps, toCaller(request), request.query),
  );
};
