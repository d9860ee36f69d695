import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig, mergeSecrets, SECRET_SETTINGS } from '@holdfast/api/config';
import { readSecretSettings } from '@holdfast/api/platform/secrets/load-secrets';
import { startLocalSecrets } from '../support/secrets-local.js';
import { as, createTestApp, incidentBody, signIn, type Session, type TestApp } from '../support/harness.js';

describe('API platform', () => {
  let t: TestApp;
  let owner: Session;
  beforeAll(async () => {
    t = await createTestApp({ env: { BODY_LIMIT_BYTES: '4096' } });
    owner = await signIn(t.app);
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('compiles route schemas on their first use, and every one of them compiles', async () => {
    const compilation = t.app.schemaCompilation;
    const before = compilation.pendingCount;
    // Hundreds of routes, each with several validators and serializers, wait for their first use.
    expect(before).toBeGreaterThan(300);
    const create = () =>
      t.app.inject({
        method: 'POST',
        url: `/v1/workspaces/${owner.workspaceId}/incidents`,
        headers: as(owner),
        payload: incidentBody(),
      });
    const first = await create();
    expect(first.statusCode).toBe(201);
    expect(compilation.pendingCount).toBeLessThan(before);
    compilation.compileAll();
    expect(compilation.pendingCount).toBe(0);
    // Answers after compiling everything are alike.
    const second = await create();
    expect(second.statusCode).toBe(201);
    expect(Object.keys(second.json<object>()).sort()).toEqual(Object.keys(first.json<object>()).sort());
  });

  it('stops start-up with a message naming every bad or missing variable', () => {
    let caught: unknown;
    try {
      loadConfig({ HOLDFAST_ENV: 'production', PORT: 'eighty', SESSION_SECRET: 'short' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const message = (caught as ConfigError).message;
    for (const name of ['HOLDFAST_ENV', 'PORT', 'SESSION_SECRET', 'WEB_ORIGIN'])
      expect(message).toContain(name);
    expect(message).not.toContain('short');
    expect(() =>
      loadConfig({
        HOLDFAST_ENV: 'local',
        WEB_ORIGIN: 'http://x.test',
        SESSION_SECRET: 'x'.repeat(40),
        CLERK_JWT_KEY: '-----BEGIN PUBLIC KEY-----',
      }),
    ).toThrow(/set all three/);
  });

  it('reads the credentials from the secret store when deployed: filled ones into the configuration, empty ones skipped, set ones kept, an unreachable store stops the start', async () => {
    const secrets = await startLocalSecrets({
      'holdfast-test/SESSION_SECRET': 's'.repeat(48),
      'holdfast-test/STRIPE_SECRET_KEY': 'sk_test_from_store',
      'holdfast-test/CLERK_SECRET_KEY': 'sk_from_store_but_overridden',
      // EXPORT_SIGNING_KEY and the rest exist but were never filled.
    });
    try {
      const environment: Record<string, string | undefined> = {
        SECRETS_PREFIX: 'holdfast-test/',
        SECRETS_ENDPOINT: secrets.endpoint,
        CLERK_SECRET_KEY: 'sk_set_by_the_operator',
      };
      const values = await readSecretSettings(environment);
      const filled = Object.keys(values);
      expect(filled.sort()).toEqual(['SESSION_SECRET', 'STRIPE_SECRET_KEY']);
      // The values reach the configuration through its merge; the environment is never written.
      expect(environment.SESSION_SECRET).toBeUndefined();
      const merged = mergeSecrets(environment, {
        ...values,
        CLERK_SECRET_KEY: 'sk_from_store_but_overridden',
      });
      expect(merged.SESSION_SECRET).toBe('s'.repeat(48));
      expect(merged.STRIPE_SECRET_KEY).toBe('sk_test_from_store');
      expect(merged.CLERK_SECRET_KEY).toBe('sk_set_by_the_operator');
      expect(merged.EXPORT_SIGNING_KEY).toBeUndefined();
      // The loader merges what it is given; an empty secret adds nothing.
      const config = loadConfig(
        { HOLDFAST_ENV: 'local', WEB_ORIGIN: 'http://x.test' },
        { SESSION_SECRET: 's'.repeat(48), STRIPE_SECRET_KEY: '' },
      );
      expect(config.SESSION_SECRET).toBe('s'.repeat(48));
      expect(config.STRIPE_SECRET_KEY).toBeUndefined();
      // Every credential setting was looked up under the prefix, except the one already set.
      expect(secrets.requested.sort()).toEqual(
        SECRET_SETTINGS.filter((name) => name !== 'CLERK_SECRET_KEY')
          .map((name) => `holdfast-test/${name}`)
          .sort(),
      );
      // Without a prefix nothing is read (the embedded default keeps its environment).
      expect(await readSecretSettings({ SECRETS_ENDPOINT: secrets.endpoint })).toEqual({});
    } finally {
      await secrets.stop();
    }
    await expect(
      readSecretSettings({
        SECRETS_PREFIX: 'holdfast-test/',
        SECRETS_ENDPOINT: 'http://127.0.0.1:9',
      }),
    ).rejects.toThrow(/could not read the secret holdfast-test\/SESSION_SECRET/);
  });

  it('answers malformed JSON, oversize bodies and wrong content types with clear problem+json 4xx', async () => {
    const url = `/v1/workspaces/${owner.workspaceId}/incidents`;
    const malformed = await t.app.inject({
      method: 'POST',
      url,
      headers: { ...as(owner), 'content-type': 'application/json' },
      payload: '{"narrative": ',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.headers['content-type']).toContain('application/problem+json');
    expect(malformed.json<{ code: string }>().code).toBe('malformed_body');
    const oversize = await t.app.inject({
      method: 'POST',
      url,
      headers: as(owner),
      payload: incidentBody({ narrative: 'x'.repeat(10_000) }),
    });
    expect(oversize.statusCode).toBe(413);
    expect(oversize.json<{ code: string }>().code).toBe('payload_too_large');
    const wrongType = await t.app.inject({
      method: 'POST',
      url,
      headers: { ...as(owner), 'content-type': 'text/csv' },
      payload: 'a,b',
    });
    expect(wrongType.statusCode).toBe(415);
  });

  it('hides the details of a 500 and gives a request id', async () => {
    const broken = await createTestApp({
      overrides: {
        db: {
          ...t.app.deps.db,
          doc: {
            send: () => Promise.reject(new Error('disk on fire at /var/secret')),
          } as unknown as typeof t.app.deps.db.doc,
        },
      },
    });
    try {
      const response = await broken.app.inject({
        method: 'POST',
        url: '/v1/auth/magic-link',
        payload: { email: 'a@example.test' },
      });
      expect(response.statusCode).toBe(500);
      const body = response.json<{ code: string; requestId: string }>();
      expect(body.code).toBe('internal');
      expect(body.requestId).toBeTruthy();
      expect(response.body).not.toContain('disk on fire');
      expect(response.body).not.toContain('/var/secret');
    } finally {
      await broken.app.close();
    }
  });

  it('answers unknown routes with a problem+json 404', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/v1/nothing-here' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });

  it('answers a path that cannot be percent-decoded, or with a parameter longer than any id, with a problem+json 404', async () => {
    const requests = [
      { method: 'GET', url: '/v1/workspaces/%zz' },
      { method: 'GET', url: '/v1/workspaces/%/incidents' },
      { method: 'GET', url: '/v1/me/%E0%A4%A' },
      { method: 'GET', url: `/v1/workspaces/${'x'.repeat(300)}` },
      { method: 'POST', url: `/v1/workspaces/${'x'.repeat(300)}/incidents` },
    ] as const;
    for (const request of requests) {
      const response = await t.app.inject({
        ...request,
        payload: request.method === 'POST' ? {} : undefined,
      });
      expect(response.statusCode).toBe(404);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json<{ code: string }>().code).toBe('not_found');
    }
  });

  it('sets security headers', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/health' });
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toContain("default-src 'none'");
    expect(response.headers['x-request-id']).toBeTruthy();
  });

  it('limits requests per workspace with 429 and Retry-After', async () => {
    const limited = await createTestApp({ env: { RATE_LIMIT_PER_TENANT_PER_MINUTE: '3' } });
    try {
      const person = await signIn(limited.app);
      const statuses: number[] = [];
      for (let i = 0; i < 4; i += 1) {
        statuses.push(
          (
            await limited.app.inject({
              method: 'GET',
              url: `/v1/workspaces/${person.workspaceId}/incidents`,
              headers: as(person),
            })
          ).statusCode,
        );
      }
      expect(statuses).toEqual([200, 200, 200, 429]);
      const last = await limited.app.inject({
        method: 'GET',
        url: `/v1/workspaces/${person.workspaceId}/timeline`,
        headers: as(person),
      });
      expect(last.headers['retry-after']).toBeDefined();
    } finally {
      await limited.app.close();
    }
  });

  const NO_INPUT_SECOND_FACTOR_STEPS = new Set([
    '/v1/me/second-factor/totp',
    '/v1/me/second-factor/recovery-codes',
    '/v1/me/second-factor/passkeys/registration-options',
    '/v1/me/second-factor/passkeys/authentication-options',
  ]);

  it('documents every /v1 route in /openapi.json with request and response schemas', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/openapi.json' });
    const document = response.json<{
      openapi: string;
      paths: Record<
        string,
        Record<string, { responses?: Record<string, unknown>; requestBody?: unknown; parameters?: unknown[] }>
      >;
    }>();
    expect(document.openapi).toBe('3.1.0');
    const routeLines = t.app
      .printRoutes({ commonPrefix: false })
      .split('\n')
      .filter((l) => l.includes('/v1/'));
    let operations = 0;
    for (const [path, methods] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        operations += 1;
        expect(Object.keys(operation.responses ?? {}).some((status) => status.startsWith('2'))).toBe(true);
        if (
          ['post', 'patch', 'put'].includes(method) &&
          !path.endsWith('/restore') &&
          !path.endsWith('/sign-out') &&
          !path.endsWith('/billing/portal') &&
          // Starting an export takes no input: it exports everything the caller can read.
          path !== '/v1/me/exports' &&
          // Revoking a verification link, or withdrawing what was shared with an organisation,
          // names it in the path and needs nothing else.
          !path.endsWith('/revoke') &&
          !path.endsWith('/withdraw') &&
          // Cancelling an organisation's credential request names it in the path too.
          !path.endsWith('/cancel') &&
          // Second-factor steps that start with no input: a new authenticator secret, a fresh set
          // of recovery codes, a passkey challenge.
          !NO_INPUT_SECOND_FACTOR_STEPS.has(path)
        )
          expect(operation.requestBody).toBeDefined();
      }
    }
    expect(operations).toBeGreaterThanOrEqual(routeLines.length);
    const docs = await t.app.inject({ method: 'GET', url: '/docs/' });
    expect(docs.statusCode).toBe(200);
  });

  it('serves the docs page (built on its first visit) with its files, its own content security policy and the same document', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/docs/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/u);
    // The page's policy allows its own scripts; the API's answers keep the API's strict one.
    const pagePolicy = String(page.headers['content-security-policy']);
    expect(pagePolicy).toContain("script-src 'self'");
    const health = await t.app.inject({ method: 'GET', url: '/health' });
    expect(health.headers['content-security-policy']).not.toBe(pagePolicy);
    // The API's other security headers still wrap the page.
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    const styles = await t.app.inject({ method: 'GET', url: '/docs/static/swagger-ui.css' });
    expect(styles.statusCode).toBe(200);
    expect(styles.headers['content-type']).toMatch(/^text\/css/u);
    expect(styles.body.length).toBeGreaterThan(10_000);
    const document = await t.app.inject({ method: 'GET', url: '/docs/json' });
    const published = await t.app.inject({ method: 'GET', url: '/openapi.json' });
    expect(document.json()).toEqual(published.json());
    const missing = await t.app.inject({ method: 'GET', url: '/docs/static/not-a-file.js' });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/u);
  });
});
