import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { AppError } from '../../platform/errors.js';
import { createEventStream, EVENT_STREAM_MEDIA_TYPE } from '../../platform/http/event-stream.js';
import { WorkspaceParams } from '../../platform/http/params.js';
import { addSchemas } from '../../platform/http/schema-ref.js';
import { tenantRoute } from '../../platform/tenancy/tenant-route.js';
import { requireTenant } from '../../platform/tenancy/tenancy-plugin.js';
import { WRITE } from './access.js';
import { AI_PROBLEMS } from './ai-http.js';
import { reserveAiAction } from './ai-quota.js';
import { RewriteRequestSchema } from './ai-schema.js';
import { streamRewrite } from './ai-service.js';
import { REWRITE_PROMPT } from './prompts/rewrite-biff-v1.js';
import {
  REWRITE_STREAM_DESCRIPTION,
  RewriteProgressSchema,
  RewriteStreamErrorSchema,
  RewriteStreamStartSchema,
} from './rewrite-stream-schema.js';

/** An AbortSignal that fires when the client goes away before the stream is finished. */
function abortOnDisconnect(reply: FastifyReply): { signal: AbortSignal; stop: () => void } {
  const controller = new AbortController();
  const onClose = () => {
    if (!reply.raw.writableFinished) controller.abort();
  };
  reply.raw.once('close', onClose);
  return { signal: controller.signal, stop: () => reply.raw.off('close', onClose) };
}

/** The error event of a failure; anything but an AppError is a bug, answered without details. */
function toErrorEvent(error: unknown) {
  const known = error instanceof AppError ? error : new AppError('internal');
  return { status: known.status, code: known.code, detail: known.message };
}

/** "Rewrite calmly", streamed over server-sent events with cancel (see the route description). */
export const rewriteStreamRoutes: FastifyPluginAsyncTypebox = async (app) => {
  addSchemas(app, [RewriteStreamStartSchema, RewriteProgressSchema, RewriteStreamErrorSchema]);
  const { deps } = app;

  app.post(
    '/v1/workspaces/:workspaceId/drafts/rewrite/stream',
    tenantRoute(WRITE, {
      tags: ['communications'],
      summary: 'Stream a calm (BIFF) rewrite of a draft as server-sent events; nothing is saved or sent',
      description: REWRITE_STREAM_DESCRIPTION,
      params: WorkspaceParams,
      body: RewriteRequestSchema,
      response: {
        200: {
          description: 'Server-sent events: start, progress…, then result or error',
          content: {
            [EVENT_STREAM_MEDIA_TYPE]: {
              schema: Type.String({ description: 'event: <name>\\ndata: <JSON>\\n\\n, repeated' }),
            },
          },
        },
        ...AI_PROBLEMS,
      },
    }),
    async (request, reply) => {
      const { tenantId } = requireTenant(request);
      // Every refusal that needs no provider call is a plain HTTP answer, before any event.
      const reservation = await reserveAiAction(deps, tenantId);
      const events = createEventStream();
      const { signal, stop } = abortOnDisconnect(reply);
      events.send('start', { promptVersion: REWRITE_PROMPT.version });
      streamRewrite(deps, request.body.draft, signal, (progress) => events.send('progress', progress))
        .then((suggestion) => events.send('result', suggestion))
        .catch(async (error: unknown) => {
          if (!(error instanceof AppError))
            request.log.error(
              { errorName: error instanceof Error ? error.name : 'unknown' },
              'rewrite stream failed',
            );
          events.send('error', toErrorEvent(error));
          await reservation.release();
        })
        .catch((error: unknown) =>
          request.log.error(
            { errorName: error instanceof Error ? error.name : 'unknown' },
            'AI action not given back',
          ),
        )
        .finally(() => {
          stop();
          events.end();
        });
      return (
        reply
          .type(`${EVENT_STREAM_MEDIA_TYPE}; charset=utf-8`)
          .header('cache-control', 'no-store')
          // Proxies that buffer answers (nginx) would hold the events back until the end.
          .header('x-accel-buffering', 'no')
          .send(events.body)
      );
    },
  );
};
