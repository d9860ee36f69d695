import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestApp, type TestApp } from '../support/harness.js';

/** The request log outside local: one line per request, with what Fastify's two lines said. */
describe('request logging and security headers in a deployed environment', () => {
  let dev: TestApp;
  let local: TestApp;
  beforeAll(async () => {
    dev = await createTestApp({ env: { HOLDFAST_ENV: 'dev' } });
    local = await createTestApp();
  });
  afterAll(async () => {
    await dev.app.close();
    await local.app.close();
  });

  const linesOf = (t: TestApp, requestId: string) =>
    t.logs
      .filter((line) => line.includes(requestId))
      .map(
        (line) => JSON.parse(line) as { msg: string; req?: { path?: string }; res?: { statusCode?: number } },
      );

  it('outside local, one line per request carries the path, the status and the time taken', async () => {
    const reply = await dev.app.inject({ method: 'GET', url: '/health' });
    const requestId = String(reply.headers['x-request-id']);
    const lines = linesOf(dev, requestId);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      msg: 'request completed',
      req: { path: '/health' },
      res: { statusCode: 200 },
    });
    expect(dev.logs.find((line) => line.includes(requestId))).toContain('"responseTime"');
  });

  it('locally, both of Fastify’s lines are kept (a request that never ends still shows)', async () => {
    const reply = await local.app.inject({ method: 'GET', url: '/health' });
    const lines = linesOf(local, String(reply.headers['x-request-id']));
    expect(lines.map((line) => line.msg)).toEqual(['incoming request', 'request completed']);
  });

  it('the security headers computed once at start are on every answer, errors included', async () => {
    for (const url of ['/health', '/v1/nothing-here']) {
      const reply = await dev.app.inject({ method: 'GET', url });
      expect(reply.headers['content-security-policy']).toContain("default-src 'none'");
      expect(reply.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(reply.headers['cross-origin-resource-policy']).toBe('same-site');
      expect(reply.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
      expect(reply.headers['x-content-type-options']).toBe('nosniff');
      expect(reply.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(reply.headers['referrer-policy']).toBe('no-referrer');
    }
  });
});
