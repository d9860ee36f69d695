import { LogController, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import { isLocal, type Config } from '../../config.js';

/**
 * Logger options: structured pino lines with request ids, and redaction of every place where a
 * credential or record content could appear (P-LOG-1). Requests are logged by route and path
 * only; query strings (which can carry names used as filters) and bodies are never logged.
 */
/** Path parameters that are credentials (a one-click unsubscribe token): logged by name only. */
const SECRET_PARAMS = new Set(['token']);

/** The request path with every secret path parameter replaced by its name. */
function loggedPath(request: FastifyRequest): string {
  const path = request.url.split('?')[0] ?? '';
  const params = (request.params ?? {}) as Record<string, unknown>;
  let result = path;
  for (const [name, value] of Object.entries(params)) {
    if (!SECRET_PARAMS.has(name) || typeof value !== 'string' || value === '') continue;
    result = result.split(encodeURIComponent(value)).join(`:${name}`).split(value).join(`:${name}`);
  }
  return result;
}

export function buildLoggerOptions(
  config: Config,
  destination?: NodeJS.WritableStream,
): FastifyServerOptions['logger'] {
  return {
    level: config.LOG_LEVEL,
    ...(destination === undefined ? {} : { stream: destination }),
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'res.headers["set-cookie"]',
        'body',
        'req.body',
        'payload',
        'email',
        '*.email',
      ],
      censor: '[redacted]',
    },
    serializers: {
      req: (request: FastifyRequest) => ({
        method: request.method,
        route: request.routeOptions?.url,
        path: loggedPath(request),
        requestId: request.id,
      }),
      res: (reply: { statusCode: number }) => ({ statusCode: reply.statusCode }),
    },
  };
}

/**
 * Outside local, one line per request, written when it ends (method, route, path, status, time),
 * instead of Fastify's two ("incoming request" and "request completed"): half the lines for the
 * same facts, which keeps request logging within a few percent of a `/health` answer's cost.
 * Errors keep their own line. Local runs and tests keep both lines, so a request that never
 * finishes still shows up.
 */
class CompactRequestLog extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    if (error)
      reply.log.error(
        { req: request, res: reply, err: error, responseTime: reply.elapsedTime },
        'request errored',
      );
    else reply.log.info({ req: request, res: reply, responseTime: reply.elapsedTime }, 'request completed');
  }
}

/** The request log for this environment (see CompactRequestLog); Fastify's default locally. */
export function buildLogController(config: Config): LogController | undefined {
  return isLocal(config) ? undefined : new CompactRequestLog();
}
