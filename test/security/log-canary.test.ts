// P-LOG-1: record content never appears in a log line or an error response. Every field of an
// incident carries a unique canary; every log line captured and every error body is searched.
import { randomUUID } from 'node:crypto';
import { createUnsubscribeToken } from '@holdfast/api/platform/email/unsubscribe-token';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import {
  as,
  createTestApp,
  incidentBody,
  readSignInToken,
  signIn,
  uniqueEmail,
  type Session,
  type TestApp,
} from '../support/harness.js';
import { call, describeReply, failingDb, withKey, type Call, type Reply } from './support.js';

jest.setTimeout(60_000);

const markers: string[] = [];

/** A unique canary string (short enough for a tag; tags are lower-cased, so searches ignore case). */
function canary(label: string): string {
  const marker = `CANARY${label}${randomUUID().replace(/-/gu, '').slice(0, 16)}`;
  markers.push(marker);
  return marker;
}

/** The canaries found in a text, ignoring case. */
function leakedIn(text: string, candidates: readonly string[] = markers): string[] {
  const lower = text.toLowerCase();
  return candidates.filter((m) => lower.includes(m.toLowerCase()));
}

let t: TestApp;
let broken: TestApp;
let failNext: (commandName: RegExp, error: Error) => void;
let owner: Session;
let base: string;

beforeAll(async () => {
  t = await createTestApp();
  const failing = failingDb(t.app.deps.db);
  failNext = failing.failNext;
  broken = await createTestApp({ overrides: { db: failing.db } });
  owner = await signIn(t.app, uniqueEmail('canary'));
  base = `/v1/workspaces/${owner.workspaceId}`;
});

afterAll(async () => {
  await broken.app.close();
  await t.app.close();
});

/** An incident body with a fresh canary in every free-text field. */
function canaryIncident(): Record<string, unknown> {
  return incidentBody({
    narrative: `The other parent said ${canary('N')} at the door.`,
    location: `Near ${canary('L')}`,
    peopleInvolved: [canary('P')],
    childrenPresent: [canary('C')],
    witnesses: [canary('W')],
    tags: [canary('T')],
  });
}

describe('P-LOG-1 logs and error responses carry no record content', () => {
  let incident: { id: string; version: number };
  let fieldMarkers: { child: string; tag: string };

  it('P-LOG-1 content written, read, filtered, listed and edited never reaches a log line', async () => {
    const body = canaryIncident();
    const created = await call(t.app, {
      method: 'POST',
      url: `${base}/incidents`,
      headers: as(owner),
      payload: body,
    });
    expect(created.statusCode).toBe(201);
    incident = created.json() as { id: string; version: number };
    // The canaries really went through the API (so their absence from logs means something).
    expect(leakedIn(created.body).length).toBe(6);
    const child = (body.childrenPresent as string[])[0] ?? '';
    const tag = (body.tags as string[])[0] ?? '';
    fieldMarkers = { child, tag };

    const reads: Call[] = [
      { method: 'GET', url: `${base}/incidents/${incident.id}`, headers: as(owner) },
      { method: 'GET', url: `${base}/incidents?child=${encodeURIComponent(child)}`, headers: as(owner) },
      {
        method: 'GET',
        url: `${base}/incidents?tag=${encodeURIComponent(tag)}&child=${encodeURIComponent(child)}`,
        headers: as(owner),
      },
      { method: 'GET', url: `${base}/timeline?from=2026-01-01T00:00:00Z`, headers: as(owner) },
    ];
    for (const request of reads) {
      const reply = await call(t.app, request);
      expect(reply.statusCode).toBe(200);
      expect(leakedIn(reply.body)).toContain(child);
    }
    const edited = await call(t.app, {
      method: 'PATCH',
      url: `${base}/incidents/${incident.id}`,
      headers: as(owner),
      payload: {
        version: 1,
        narrative: `Corrected: ${canary('E')}`,
        witnesses: [canary('X')],
        tags: [canary('Y')],
      },
    });
    expect(edited.statusCode).toBe(200);
    incident = edited.json() as { id: string; version: number };
    expect(incident.version).toBe(2);

    // The log really holds the requests (method, route, status), just not their content.
    expect(
      t.logs.some(
        (line) =>
          line.includes(`"path":"${base}/incidents/${incident.id}"`) && line.includes('incoming request'),
      ),
    ).toBe(true);
    expect(
      t.logs.filter((line) => line.includes('"statusCode":200') && line.includes('request completed')).length,
    ).toBeGreaterThan(reads.length);
    expect(t.logs.flatMap((line) => leakedIn(line).map((m) => `${m} in ${line}`))).toEqual([]);
  });

  const json = { 'content-type': 'application/json' };
  const errorCases: { name: string; request: () => Call; status: number }[] = [
    {
      name: 'a boolean field given text',
      status: 400,
      request: () => ({
        method: 'POST',
        url: `${base}/incidents`,
        headers: as(owner),
        payload: { ...canaryIncident(), followUpNeeded: canary('B') },
      }),
    },
    {
      name: 'a date field given text',
      status: 400,
      request: () => ({
        method: 'POST',
        url: `${base}/incidents`,
        headers: as(owner),
        payload: { ...canaryIncident(), occurredAt: canary('D') },
      }),
    },
    {
      name: 'an enum field given text',
      status: 400,
      request: () => ({
        method: 'POST',
        url: `${base}/incidents`,
        headers: as(owner),
        payload: { ...canaryIncident(), category: canary('K') },
      }),
    },
    {
      name: 'a list field given an object',
      status: 400,
      request: () => ({
        method: 'POST',
        url: `${base}/incidents`,
        headers: as(owner),
        payload: { ...canaryIncident(), peopleInvolved: { [canary('O')]: canary('V') } },
      }),
    },
    {
      name: 'a tag breaking its pattern',
      status: 400,
      request: () => ({
        method: 'POST',
        url: `${base}/incidents`,
        headers: as(owner),
        payload: { ...canaryIncident(), tags: [`${canary('G')},second`] },
      }),
    },
    {
      name: 'a location over its length',
      status: 400,
      request: () => ({
        method: 'POST',
        url: `${base}/incidents`,
        headers: as(owner),
        payload: { ...canaryIncident(), location: canary('S').repeat(20) },
      }),
    },
    {
      name: 'an unknown time zone',
      status: 400,
      request: () => ({
        method: 'POST',
        url: `${base}/incidents`,
        headers: as(owner),
        payload: { ...canaryIncident(), timeZone: `Mars/${canary('Z')}` },
      }),
    },
    {
      name: 'an unknown field (canary as key and value)',
      status: 400,
      request: () => ({
        method: 'POST',
        url: `${base}/incidents`,
        headers: as(owner),
        payload: { ...canaryIncident(), [`note ${canary('U')}`]: canary('Q') },
      }),
    },
    {
      name: 'an unknown field on an edit',
      status: 400,
      request: () => ({
        method: 'PATCH',
        url: `${base}/incidents/${incident.id}`,
        headers: as(owner),
        payload: { version: 2, [`${canary('R')} says`]: canary('A') },
      }),
    },
    {
      name: 'malformed JSON',
      status: 400,
      request: () => ({
        method: 'POST',
        url: `${base}/incidents`,
        headers: { ...as(owner), ...json },
        payload: `{"narrative": "${canary('M')}", "location": ${canary('J')} }`,
      }),
    },
    {
      name: 'a body that is not JSON',
      status: 415,
      request: () => ({
        method: 'POST',
        url: `${base}/incidents`,
        headers: { ...as(owner), 'content-type': 'application/xml' },
        payload: `<narrative>${canary('F')}`,
      }),
    },
    {
      name: 'a body over the size limit',
      status: 413,
      request: () => ({
        method: 'POST',
        url: `${base}/incidents`,
        headers: as(owner),
        payload: { ...canaryIncident(), narrative: `${canary('H')} `.repeat(50_000) },
      }),
    },
    {
      name: 'a stale version',
      status: 409,
      request: () => ({
        method: 'PATCH',
        url: `${base}/incidents/${incident.id}`,
        headers: as(owner),
        payload: { version: 1, narrative: canary('I') },
      }),
    },
    {
      name: 'a filter value over its length',
      status: 400,
      request: () => ({
        method: 'GET',
        url: `${base}/incidents?child=${canary('c').repeat(8)}`,
        headers: as(owner),
      }),
    },
    {
      name: 'an unknown filter (canary as key and value)',
      status: 400,
      request: () => ({
        method: 'GET',
        url: `${base}/incidents?${canary('k')}=${canary('v')}`,
        headers: as(owner),
      }),
    },
    {
      name: 'an enum filter given text',
      status: 400,
      request: () => ({
        method: 'GET',
        url: `${base}/incidents?category=${canary('e')}&child=${canary('n')}`,
        headers: as(owner),
      }),
    },
    {
      name: 'a forged cursor',
      status: 400,
      request: () => ({
        method: 'GET',
        url: `${base}/incidents?child=${fieldMarkers.child}&cursor=${Buffer.from(canary('z')).toString('base64url')}.x`,
        headers: as(owner),
      }),
    },
  ];

  it.each(errorCases)(
    'P-LOG-1 the error for $name carries no record content, in its body or the log',
    async ({ request, status }) => {
      const before = t.logs.length;
      const made = request();
      const reply: Reply = await call(t.app, made);
      expect(describeReply(made, reply)).toMatch(new RegExp(`-> ${status} `, 'u'));
      // The canaries of this request really were in it.
      expect(
        leakedIn(
          typeof made.payload === 'string'
            ? made.payload
            : `${made.url} ${JSON.stringify(made.payload ?? null)}`,
        ).length,
      ).toBeGreaterThan(0);
      expect(leakedIn(reply.body)).toEqual([]);
      expect(leakedIn(JSON.stringify(reply.headers))).toEqual([]);
      expect(t.logs.slice(before).flatMap((line) => leakedIn(line))).toEqual([]);
    },
  );

  it.each([
    {
      kind: 'a one-line database error quoting the record',
      message: (m: string) =>
        `ValidationException: One or more parameter values were invalid: {"narrative":"${m}"}`,
    },
    {
      kind: 'a multi-line database error quoting the record',
      message: (m: string) => `Transaction cancelled\n  Item: {"narrative":"${m}"}\n  Reason: ${m}`,
    },
  ])(
    'P-LOG-1 an unexpected 500 from $kind is logged without its message and answered opaquely',
    async ({ message }) => {
      const before = broken.logs.length;
      const body = canaryIncident();
      const quoted = String(body.narrative);
      const error = new Error(message(quoted));
      failNext(/^TransactWriteCommand$/u, error);
      const reply = await call(broken.app, {
        method: 'POST',
        url: `${base}/incidents`,
        headers: as(owner),
        payload: body,
      });
      expect(reply.statusCode).toBe(500);
      expect((reply.json() as { code?: string }).code).toBe('internal');
      expect(leakedIn(reply.body)).toEqual([]);
      const lines = broken.logs.slice(before);
      // The failure was logged (so the search below looked at the right line) ...
      expect(lines.some((line) => line.includes('"level":50') && line.includes('unexpected error'))).toBe(
        true,
      );
      // ... without the record the error quoted.
      expect(lines.flatMap((line) => leakedIn(line).map((m) => `${m} in ${line}`))).toEqual([]);
    },
  );

  it('P-LOG-1 session cookies, session ids, API key secrets, sign-in tokens, unsubscribe tokens and invite codes never appear in a log line', async () => {
    const email = uniqueEmail('secrets');
    const person = await signIn(t.app, email);
    const token = await readSignInToken(email);
    const cookieValue = person.cookie.replace(/^hf_session=/u, '');
    const sessionId = decodeURIComponent(cookieValue).replace(/\.[^.]*$/u, '');
    const created = await call(t.app, {
      method: 'POST',
      url: `/v1/workspaces/${person.workspaceId}/api-keys`,
      headers: as(person),
      payload: { name: 'integration', scopes: ['incidents:read', 'incidents:write'] },
    });
    expect(created.statusCode).toBe(201);
    const { secret } = created.json() as { secret: string };
    const invited = await call(t.app, {
      method: 'POST',
      url: `/v1/workspaces/${person.workspaceId}/invites`,
      headers: as(person),
      payload: { email: uniqueEmail('invitee'), role: 'viewer' },
    });
    expect(invited.statusCode).toBe(201);
    const { code } = invited.json() as { code: string };
    const unsubscribe = createUnsubscribeToken(t.config.SESSION_SECRET, {
      userId: person.userId,
      list: 'productUpdates',
    });

    const uses: Call[] = [
      // One-click unsubscribe carries its token in the path (RFC 8058); the log names the route only.
      { method: 'POST', url: `/u/${unsubscribe}` },
      { method: 'GET', url: `/u/${unsubscribe}` },
      { method: 'GET', url: '/v1/me', headers: as(person) },
      { method: 'GET', url: `/v1/workspaces/${person.workspaceId}/incidents`, headers: withKey(secret) },
      {
        method: 'POST',
        url: `/v1/workspaces/${person.workspaceId}/incidents`,
        headers: withKey(secret),
        payload: incidentBody(),
      },
      { method: 'GET', url: `/v1/workspaces/${owner.workspaceId}/incidents`, headers: withKey(secret) },
      { method: 'POST', url: '/v1/invites/accept', headers: as(person), payload: { code } },
      { method: 'POST', url: '/v1/auth/verify', payload: { token } },
      {
        method: 'POST',
        url: `/v1/workspaces/${person.workspaceId}/incidents`,
        headers: { cookie: person.cookie },
        payload: incidentBody(),
      },
    ];
    for (const request of uses) await call(t.app, request);
    await call(broken.app, { method: 'GET', url: '/v1/me', headers: as(person) });

    const secrets = [
      cookieValue,
      decodeURIComponent(cookieValue),
      sessionId,
      secret,
      secret.slice(3),
      token,
      code,
      unsubscribe,
    ];
    expect(secrets.every((s) => s.length >= 12)).toBe(true);
    const lines = [...t.logs, ...broken.logs];
    expect(lines.length).toBeGreaterThan(uses.length);
    expect(
      lines.flatMap((line) =>
        secrets.filter((s) => line.includes(s)).map((s) => `${s.slice(0, 6)}… in ${line}`),
      ),
    ).toEqual([]);
  });

  it('P-LOG-1 after the whole run, no captured log line holds any canary', () => {
    expect(markers.length).toBeGreaterThan(20);
    expect(
      [...t.logs, ...broken.logs].flatMap((line) => leakedIn(line).map((m) => `${m} in ${line}`)),
    ).toEqual([]);
  });
});
