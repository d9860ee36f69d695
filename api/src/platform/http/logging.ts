import type { FastifyRequest, FastifyServerOptions } from 'fastify';
import type { Config } from '../../config.js';

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
