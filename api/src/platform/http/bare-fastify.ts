import Fastify, { type FastifyInstance } from 'fastify';

/**
 * Fastify with one hello-world route and nothing else: the ceiling any Fastify app reaches on a
 * machine, against which the throughput benchmark (scripts/bench/throughput.ts) sets the API's
 * `/health`. Built here so the benchmark measures the same Fastify the API runs on.
 */
export function buildBareFastify(): FastifyInstance {
  const app = Fastify();
  app.get('/', async () => ({ status: 'ok' }));
  return app;
}
