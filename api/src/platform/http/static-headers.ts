import helmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import Fastify from 'fastify';

/** Headers of any answer, not of security: left out of the table helmet produces. */
const NOT_HELMET = new Set(['content-type', 'content-length', 'date', 'connection', 'keep-alive']);

/**
 * The security headers helmet sends for `options`, computed once at start. They depend on
 * nothing in the request, yet @fastify/helmet rebuilds them on every request (~11% of a `/health`
 * answer); the app sets this table with one call instead. Asking helmet itself, through one
 * request to a throwaway instance, keeps the values exactly helmet's (and updated with it).
 */
export async function computeHelmetHeaders(options: FastifyHelmetOptions): Promise<Record<string, string>> {
  const probe = Fastify({ logger: false });
  await probe.register(helmet, options);
  probe.get('/', async () => '');
  try {
    const reply = await probe.inject({ method: 'GET', url: '/' });
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(reply.headers))
      if (!NOT_HELMET.has(name) && typeof value === 'string') headers[name] = value;
    return headers;
  } finally {
    await probe.close();
  }
}
