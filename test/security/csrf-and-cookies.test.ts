// P-AUTH-3: the session cookie is signed, HTTP-only, SameSite=Lax and Secure outside local mode;
// cookie-authenticated changes need the CSRF header; only the SPA's origin may read responses.
import { createHmac, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import {
  addMember,
  as,
  createTestApp,
  incidentBody,
  readSignInToken,
  uniqueEmail,
  type Session,
  type TestApp,
} from '../support/harness.js';
import {
  call,
  describeReply,
  exampleRequest,
  createCommunicationFixture,
  createSummaryFixture,
  createCredentialsFixtures,
  createPracticeFixtures,
  createLibraryFixtures,
  createWellbeingFixtures,
  listRoutes,
  openApiDocument,
  PUBLIC_ROUTES,
  withKey,
  type App,
  type Call,
  type Reply,
} from './support.js';

jest.setTimeout(60_000);

const SPA_ORIGIN = 'http://127.0.0.1:5173';
const UNSAFE = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

let local: TestApp;
let dev: TestApp;

beforeAll(async () => {
  local = await createTestApp();
  dev = await createTestApp({ env: { HOLDFAST_ENV: 'dev' } });
});

afterAll(async () => {
  await dev.app.close();
  await local.app.close();
});

/** Signs in through the real magic link and returns the verify response that sets the cookie. */
async function verifyReply(app: App, email = uniqueEmail('cookie')): Promise<Reply> {
  const requested = await call(app, { method: 'POST', url: '/v1/auth/magic-link', payload: { email } });
  expect(requested.statusCode).toBe(202);
  const token = await readSignInToken(email);
  const verified = await call(app, {
    method: 'POST',
    url: '/v1/auth/verify',
    payload: { token, ageConfirmed: true },
  });
  expect(verified.statusCode).toBe(200);
  return verified;
}

function setCookieHeader(reply: Reply): string {
  const header = reply.headers['set-cookie'];
  const lines = Array.isArray(header) ? header : [String(header ?? '')];
  const line = lines.find((l) => l.startsWith('hf_session='));
  if (line === undefined) throw new Error(`no hf_session cookie set: ${JSON.stringify(header)}`);
  return line;
}

function sessionCookie(reply: Reply): Reply['cookies'][number] {
  const cookie = reply.cookies.find((c) => c.name === 'hf_session');
  if (cookie === undefined) throw new Error('no hf_session cookie');
  return cookie;
}

/** Signs a value the way @fastify/cookie does (HMAC-SHA256, base64 without padding). */
function sign(value: string, secret: string): string {
  return `${value}.${createHmac('sha256', secret).update(value).digest('base64').replace(/=/gu, '')}`;
}

const meWith = async (app: App, cookieValue: string): Promise<number> =>
  (
    await call(app, {
      method: 'GET',
      url: '/v1/me',
      headers: { cookie: `hf_session=${encodeURIComponent(cookieValue)}` },
    })
  ).statusCode;

describe('P-AUTH-3 the session cookie', () => {
  it('P-AUTH-3 is HttpOnly, SameSite=Lax, Path=/, expiring, and not Secure in local mode', async () => {
    const reply = await verifyReply(local.app);
    const header = setCookieHeader(reply);
    expect(header).toMatch(/;\s*HttpOnly/iu);
    expect(header).toMatch(/;\s*SameSite=Lax/iu);
    expect(header).toMatch(/;\s*Path=\/(;|$)/iu);
    expect(header).toMatch(/;\s*Expires=/iu);
    expect(header).not.toMatch(/;\s*Secure/iu);
    expect(header).not.toMatch(/;\s*Domain=/iu);
    const cookie = sessionCookie(reply);
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect(cookie.path).toBe('/');
    expect(cookie.expires?.getTime() ?? 0).toBeGreaterThan(Date.now());
  });

  it('P-AUTH-3 is Secure outside local mode (HOLDFAST_ENV=dev), when set and when cleared at sign-out', async () => {
    const reply = await verifyReply(dev.app);
    const header = setCookieHeader(reply);
    expect(header).toMatch(/;\s*Secure/iu);
    expect(header).toMatch(/;\s*HttpOnly/iu);
    expect(header).toMatch(/;\s*SameSite=Lax/iu);
    expect(sessionCookie(reply).secure).toBe(true);
    const cookie = `hf_session=${sessionCookie(reply).value}`;
    expect((await call(dev.app, { method: 'GET', url: '/v1/me', headers: { cookie } })).statusCode).toBe(200);
    const signedOut = await call(dev.app, {
      method: 'POST',
      url: '/v1/auth/sign-out',
      headers: { cookie, 'x-holdfast-csrf': '1' },
    });
    expect(signedOut.statusCode).toBe(204);
    expect(setCookieHeader(signedOut)).toMatch(/;\s*Secure/iu);
    expect((await call(dev.app, { method: 'GET', url: '/v1/me', headers: { cookie } })).statusCode).toBe(401);
  });

  it('P-AUTH-3 is signed: a changed signature, a changed value, the bare session id, or another secret’s signature is refused (401)', async () => {
    const reply = await verifyReply(local.app);
    const signed = decodeURIComponent(sessionCookie(reply).value);
    const dot = signed.lastIndexOf('.');
    const sessionId = signed.slice(0, dot);
    const signature = signed.slice(dot + 1);
    expect(sessionId.length).toBeGreaterThan(20);
    // Controls: the cookie as issued works, and so does our own signature with the real secret.
    expect(await meWith(local.app, signed)).toBe(200);
    expect(await meWith(local.app, sign(sessionId, local.config.SESSION_SECRET))).toBe(200);

    const flip = (text: string, index: number) =>
      `${text.slice(0, index)}${text[index] === 'A' ? 'B' : 'A'}${text.slice(index + 1)}`;
    const forged = {
      'changed signature': `${sessionId}.${flip(signature, signature.length - 1)}`,
      'changed value': `${flip(sessionId, 0)}.${signature}`,
      'bare session id': sessionId,
      'signed with another secret': sign(sessionId, randomBytes(32).toString('hex')),
      'unknown session, correctly signed': sign(
        randomBytes(32).toString('base64url'),
        local.config.SESSION_SECRET,
      ),
    };
    const statuses = Object.fromEntries(
      await Promise.all(
        Object.entries(forged).map(async ([name, value]) => [name, await meWith(local.app, value)] as const),
      ),
    );
    expect(statuses).toEqual(Object.fromEntries(Object.keys(forged).map((name) => [name, 401])));
  });
});

describe('P-AUTH-3 CSRF protection of cookie-authenticated changes', () => {
  let owner: Session;
  let other: Session;
  let incident: { id: string; version: number };
  let invite: { invite: { id: string } };
  let key: { apiKey: { id: string }; secret: string };
  let ids: Record<string, string>;
  let unsafeRoutes: { method: string; url: string }[];
  let doc: ReturnType<typeof openApiDocument>;

  const read = async (url: string, headers: Record<string, string>): Promise<unknown> => {
    const reply = await call(local.app, { method: 'GET', url, headers });
    if (reply.statusCode !== 200) throw new Error(describeReply({ method: 'GET', url }, reply));
    return reply.json();
  };
  const state = async (): Promise<Record<string, unknown>> => {
    const base = `/v1/workspaces/${owner.workspaceId}`;
    const headers = as(owner);
    return {
      me: await read('/v1/me', headers),
      workspace: await read(base, headers),
      incident: await read(`${base}/incidents/${incident.id}`, headers),
      incidents: await read(`${base}/incidents`, headers),
      members: await read(`${base}/members`, headers),
      invites: await read(`${base}/invites`, headers),
      apiKeys: await read(`${base}/api-keys`, headers),
      audit: await read(`${base}/audit/verify`, headers),
    };
  };
  const request = (route: { method: string; url: string }, headers: Record<string, string>): Call =>
    exampleRequest(doc, route, ids, headers);

  beforeAll(async () => {
    doc = openApiDocument(local.app);
    const reply = await verifyReply(local.app, uniqueEmail('csrf-owner'));
    const cookie = `hf_session=${sessionCookie(reply).value}`;
    const me = (await call(local.app, { method: 'GET', url: '/v1/me', headers: { cookie } })).json() as {
      user: { id: string; email: string };
      workspaces: { id: string }[];
    };
    owner = { cookie, userId: me.user.id, email: me.user.email, workspaceId: me.workspaces[0]?.id ?? '' };
    other = await addMember(local.app, owner, 'member');
    const base = `/v1/workspaces/${owner.workspaceId}`;
    incident = (
      await call(local.app, {
        method: 'POST',
        url: `${base}/incidents`,
        headers: as(owner),
        payload: incidentBody(),
      })
    ).json() as typeof incident;
    invite = (
      await call(local.app, {
        method: 'POST',
        url: `${base}/invites`,
        headers: as(owner),
        payload: { email: uniqueEmail(), role: 'viewer' },
      })
    ).json() as typeof invite;
    key = (
      await call(local.app, {
        method: 'POST',
        url: `${base}/api-keys`,
        headers: as(owner),
        payload: { name: 'ci', scopes: ['incidents:read', 'incidents:write'] },
      })
    ).json() as typeof key;
    const spare = (
      await call(local.app, {
        method: 'POST',
        url: `${base}/api-keys`,
        headers: as(owner),
        payload: { name: 'spare', scopes: ['incidents:read'] },
      })
    ).json() as typeof key;
    const document = (
      await call(local.app, {
        method: 'POST',
        url: `${base}/documents?filename=note.txt`,
        headers: { ...as(owner), 'content-type': 'text/plain' },
        payload: 'A note.\n',
      })
    ).json() as { document: { id: string } };
    const feedback = (
      await call(local.app, {
        method: 'POST',
        url: `${base}/feedback`,
        headers: as(owner),
        payload: { message: 'A note to the admins.', pageUrl: '/', userAgent: 'test' },
      })
    ).json() as { id: string };
    ids = {
      workspaceId: owner.workspaceId,
      incidentId: incident.id,
      feedbackId: feedback.id,
      documentId: document.document.id,
      recordType: 'incident',
      recordId: incident.id,
      inviteId: invite.invite.id,
      keyId: spare.apiKey.id,
      passkeyId: '01JZZZZZZZZZZZZZZZZZZZZZZZ',
      userId: other.userId,
      ...(await createWellbeingFixtures(local.app, owner, 1)),
      ...(await createCommunicationFixture(local.app, owner)),
      ...(await createSummaryFixture(local.app, owner, { recordType: 'incident', recordId: incident.id })),
      ...(await createCredentialsFixtures(local.app, owner, other)),
      ...(await createPracticeFixtures(local.app, owner)),
      ...(await createLibraryFixtures(local.app, owner)),
    };
    // Sign-out last: it ends the session the other requests use.
    unsafeRoutes = listRoutes(local.app)
      .filter(
        (r) => r.url.startsWith('/v1/') && UNSAFE.has(r.method) && !PUBLIC_ROUTES.has(`${r.method} ${r.url}`),
      )
      .sort(
        (a, b) =>
          Number(a.url === '/v1/auth/sign-out') - Number(b.url === '/v1/auth/sign-out') ||
          ['POST', 'PATCH', 'PUT', 'DELETE'].indexOf(a.method) -
            ['POST', 'PATCH', 'PUT', 'DELETE'].indexOf(b.method) ||
          // Detaching a document comes before deleting it.
          a.url.localeCompare(b.url),
      );
  });

  it('P-AUTH-3 every cookie-authenticated POST/PATCH/DELETE without `x-holdfast-csrf: 1` is refused (403) and changes nothing', async () => {
    expect(unsafeRoutes.length).toBeGreaterThan(10);
    const before = await state();
    const failures: string[] = [];
    for (const route of unsafeRoutes) {
      for (const csrf of [undefined, '0', 'true', '']) {
        const headers: Record<string, string> = {
          cookie: owner.cookie,
          origin: 'https://evil.example',
          ...(csrf === undefined ? {} : { 'x-holdfast-csrf': csrf }),
        };
        const made = request(route, headers);
        const reply = await call(local.app, made);
        const code = reply.body === '' ? undefined : (reply.json() as { code?: string }).code;
        if (reply.statusCode !== 403 || code !== 'csrf_failed')
          failures.push(`csrf=${String(csrf)}: ${describeReply(made, reply)}`);
      }
    }
    expect(failures).toEqual([]);
    expect(await state()).toEqual(before);
  });

  it('P-AUTH-3 control: with the header, the same cookie requests get past the CSRF check', async () => {
    const failures: string[] = [];
    for (const route of unsafeRoutes) {
      const made = request(route, as(owner));
      const reply = await call(local.app, made);
      const isTenantRoute = route.url.includes(':workspaceId');
      // 503: the handler ran and found its provider unconfigured (billing off), so CSRF was passed.
      const isPast = (reply.statusCode >= 200 && reply.statusCode <= 299) || reply.statusCode === 503;
      if (reply.statusCode === 403 || (isTenantRoute && !isPast)) failures.push(describeReply(made, reply));
    }
    expect(failures).toEqual([]);
    // The last of them was the sign-out: the session is gone server-side.
    expect((await call(local.app, { method: 'GET', url: '/v1/me', headers: as(owner) })).statusCode).toBe(
      401,
    );
  });

  it('P-AUTH-3 an API key needs no CSRF header (it is not sent by browsers on their own)', async () => {
    const base = `/v1/workspaces/${owner.workspaceId}`;
    const headers = withKey(key.secret);
    const created = await call(local.app, {
      method: 'POST',
      url: `${base}/incidents`,
      headers,
      payload: incidentBody(),
    });
    expect(created.statusCode).toBe(201);
    const { id } = created.json() as { id: string };
    expect(
      (
        await call(local.app, {
          method: 'PATCH',
          url: `${base}/incidents/${id}`,
          headers,
          payload: { version: 1, narrative: 'Edited by an integration.' },
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (await call(local.app, { method: 'DELETE', url: `${base}/incidents/${id}`, headers })).statusCode,
    ).toBe(204);
  });
});

describe('P-AUTH-3 CORS', () => {
  const preflight = (origin: string): Call => ({
    method: 'OPTIONS',
    url: '/v1/workspaces/01ARZ3NDEKTSV4RRFFQ69G5FAV/incidents',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type,x-holdfast-csrf',
    },
  });

  it('P-AUTH-3 a preflight from the SPA origin is allowed, with credentials and the CSRF header', async () => {
    const reply = await call(local.app, preflight(SPA_ORIGIN));
    expect(reply.statusCode).toBeLessThan(300);
    expect(reply.headers['access-control-allow-origin']).toBe(SPA_ORIGIN);
    expect(reply.headers['access-control-allow-credentials']).toBe('true');
    expect(String(reply.headers['access-control-allow-headers'])).toMatch(/x-holdfast-csrf/u);
    expect(String(reply.headers['access-control-allow-methods'])).toMatch(/POST/u);
  });

  it('P-AUTH-3 another origin gets no access-control-allow-origin, on a preflight or a credentialed read', async () => {
    const session = await verifyReply(local.app);
    const cookie = `hf_session=${sessionCookie(session).value}`;
    for (const origin of [
      'https://evil.example',
      'http://127.0.0.1:5174',
      'https://127.0.0.1:5173',
      'null',
      `${SPA_ORIGIN}.evil.example`,
    ]) {
      const reply = await call(local.app, preflight(origin));
      expect({ origin, allow: reply.headers['access-control-allow-origin'] }).toEqual({
        origin,
        allow: undefined,
      });
      const readReply = await call(local.app, { method: 'GET', url: '/v1/me', headers: { origin, cookie } });
      expect(readReply.statusCode).toBe(200);
      expect({ origin, allow: readReply.headers['access-control-allow-origin'] }).toEqual({
        origin,
        allow: undefined,
      });
    }
  });
});

describe('no copies in caches', () => {
  it('answers holding records, errors included, tell browsers and proxies not to store them', async () => {
    const session = await verifyReply(local.app);
    const cookie = `hf_session=${sessionCookie(session).value}`;
    const me = await call(local.app, { method: 'GET', url: '/v1/me', headers: { cookie } });
    const workspaceId = (me.json() as { workspaces: { id: string }[] }).workspaces[0]?.id ?? '';
    for (const url of [
      '/v1/me',
      `/v1/workspaces/${workspaceId}/wellbeing/check-ins`,
      '/v1/me/sign-ins',
      '/v1/nowhere',
    ]) {
      const reply = await call(local.app, { method: 'GET', url, headers: { cookie } });
      expect({ url, cacheControl: reply.headers['cache-control'] }).toEqual({
        url,
        cacheControl: 'no-store',
      });
    }
  });
});
