import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { LightMyRequestResponse } from 'fastify';
import Stripe from 'stripe';
import type { HttpApiEvent, HttpApiResult } from '@holdfast/api/lambda/http-event';
import { createHttpHandler, type HttpHandler } from '@holdfast/api/lambda/http-handler';
import { pngBytes } from '../support/files.js';
import {
  createTestApp,
  incidentBody,
  readSignInToken,
  signIn,
  uniqueEmail,
  type TestApp,
} from '../support/harness.js';
import { StripeTestServer } from '../support/stripe-server.js';

// Several sign-ins through the real mail path on a shared machine.
jest.setTimeout(60_000);

const FIXTURES = new URL('./fixtures/http-api/', import.meta.url);

/** A recorded event with its `{{name}}` placeholders filled in every string. */
function loadEvent(name: string, values: Record<string, string> = {}): HttpApiEvent {
  const fill = (value: unknown): unknown => {
    if (typeof value === 'string')
      return value.replace(/\{\{(\w+)\}\}/g, (_, key: string) => values[key] ?? '');
    if (Array.isArray(value)) return value.map(fill);
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, fill(inner)]));
    }
    return value;
  };
  return fill(JSON.parse(readFileSync(new URL(`${name}.json`, FIXTURES), 'utf8'))) as HttpApiEvent;
}

/** The same request, given to `app.inject` the way a client on a socket would send it. */
function injectLike(t: TestApp, event: HttpApiEvent): Promise<LightMyRequestResponse> {
  const query = event.rawQueryString === '' ? '' : `?${event.rawQueryString}`;
  return t.app.inject({
    method: event.requestContext.http.method as 'GET' | 'POST',
    url: `${event.rawPath}${query}`,
    headers: {
      ...event.headers,
      ...(event.cookies === undefined ? {} : { cookie: event.cookies.join('; ') }),
    },
    ...(event.body === undefined
      ? {}
      : { payload: Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8') }),
    remoteAddress: event.requestContext.http.sourceIp,
  });
}

const context = {
  callbackWaitsForEmptyEventLoop: true,
  awsRequestId: 'c0ffee00-0000-4000-8000-000000000000',
};

/**
 * Values that differ between two otherwise equal requests (new ids, times, request ids, session
 * tokens), replaced so two answers compare equal exactly when they agree on everything else.
 */
function normalize(text: string): string {
  return text
    .replace(/[0-9A-HJKMNP-TV-Z]{26}/g, '<ulid>')
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<uuid>')
    .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g, '<time>')
    .replace(/evt_[0-9a-f]+/g, '<event>')
    .replace(/hf_session=[^;]+/g, 'hf_session=<token>')
    .replace(/Expires=[^;]+GMT/g, 'Expires=<date>')
    .replace(/lambda-sign-in-[0-9a-f]{8}/g, '<person>');
}

/** Headers that count or time requests, so two requests in a row never share their values. */
const COUNTING_HEADERS = new Set(['date', 'x-ratelimit-remaining', 'x-ratelimit-reset']);

/** An answer's status, headers (set-cookie apart, as API Gateway v2 carries cookies apart) and cookies. */
function describeLambda(result: HttpApiResult) {
  const headers = Object.entries(result.headers).filter(([name]) => !COUNTING_HEADERS.has(name));
  return {
    status: result.statusCode,
    headers: Object.fromEntries(headers.map(([name, value]) => [name, normalize(value)])),
    cookies: (result.cookies ?? []).map(normalize),
  };
}

function describeInject(response: LightMyRequestResponse) {
  const headers: Record<string, string> = {};
  let cookies: string[] = [];
  for (const [name, value] of Object.entries(response.headers)) {
    if (COUNTING_HEADERS.has(name) || value === undefined) continue;
    if (name === 'set-cookie') cookies = (Array.isArray(value) ? value : [String(value)]).map(normalize);
    else headers[name] = normalize(Array.isArray(value) ? value.join(',') : String(value));
  }
  return { status: response.statusCode, headers, cookies };
}

/** The answer body as bytes, decoded from base64 when the handler encoded it. */
function bodyBytes(result: HttpApiResult): Buffer {
  return Buffer.from(result.body, result.isBase64Encoded === true ? 'base64' : 'utf8');
}

describe('the Lambda handler answers API Gateway HTTP API events as the app answers the same requests', () => {
  const stripe = new StripeTestServer();
  let t: TestApp;
  let handle: HttpHandler;

  beforeAll(async () => {
    await stripe.start();
    t = await createTestApp({ env: stripe.env() });
    handle = createHttpHandler(t.app);
  });
  afterAll(async () => {
    await t.app.close();
    await stripe.stop();
  });

  it('signs a person in: link request, then verify setting the session cookie', async () => {
    const answers = [];
    for (const via of ['lambda', 'inject'] as const) {
      const email = uniqueEmail('lambda-sign-in');
      const requestEvent = loadEvent('sign-in-request', { email });
      const requested =
        via === 'lambda'
          ? describeLambda(await handle(requestEvent, context))
          : describeInject(await injectLike(t, requestEvent));
      const verifyEvent = loadEvent('sign-in-verify', { token: await readSignInToken(email) });
      const verifiedRaw =
        via === 'lambda' ? await handle(verifyEvent, context) : await injectLike(t, verifyEvent);
      const verified =
        'rawPayload' in verifiedRaw ? describeInject(verifiedRaw) : describeLambda(verifiedRaw);
      answers.push({ requested, verified, body: normalize(verifiedRaw.body) });
    }
    const [viaLambda, viaInject] = answers;
    expect(viaLambda?.requested.status).toBe(202);
    expect(viaLambda?.verified.status).toBe(200);
    // API Gateway v2 sets cookies from the answer's `cookies` list, not a set-cookie header.
    expect(viaLambda?.verified.cookies.some((cookie) => cookie.startsWith('hf_session='))).toBe(true);
    expect(viaLambda).toEqual(viaInject);
  });

  it('creates an incident with the session cookie API Gateway passes in `cookies`', async () => {
    const answers = [];
    for (const via of ['lambda', 'inject'] as const) {
      const session = await signIn(t.app);
      const event = loadEvent('incident-create', {
        workspaceId: session.workspaceId,
        cookie: session.cookie,
        incident: JSON.stringify(incidentBody({ narrative: 'Handed over at 6pm — “late” again.' })),
      });
      const answer = via === 'lambda' ? await handle(event, context) : await injectLike(t, event);
      const described = 'rawPayload' in answer ? describeInject(answer) : describeLambda(answer);
      answers.push({ ...described, body: normalize(answer.body.replaceAll(session.workspaceId, '<ws>')) });
    }
    const [viaLambda, viaInject] = answers;
    expect(viaLambda?.status).toBe(201);
    expect(viaLambda?.body).toContain('Handed over at 6pm — “late” again.');
    expect(viaLambda).toEqual(viaInject);
  });

  it('passes a Stripe webhook body to the signature check byte for byte, as text or base64', async () => {
    const secret = stripe.env().STRIPE_WEBHOOK_SECRET ?? '';
    const signer = new Stripe('sk_test_holdfast_local');
    const answers = [];
    for (const via of ['lambda', 'lambda-base64', 'inject'] as const) {
      // Whitespace and non-ASCII text that any re-serialization would change, breaking the signature.
      const event = stripe.event('charge.refunded', {
        id: 'ch_1',
        object: 'charge',
        description: 'Remboursé',
      });
      const payload = JSON.stringify(event, null, 2);
      const signature = signer.webhooks.generateTestHeaderString({ payload, secret });
      const lambdaEvent = loadEvent('stripe-webhook', { payload, signature });
      if (via === 'lambda-base64') {
        lambdaEvent.body = Buffer.from(payload, 'utf8').toString('base64');
        lambdaEvent.isBase64Encoded = true;
      }
      const answer = via === 'inject' ? await injectLike(t, lambdaEvent) : await handle(lambdaEvent, context);
      const described = 'rawPayload' in answer ? describeInject(answer) : describeLambda(answer);
      answers.push({ ...described, body: normalize(answer.body) });
    }
    expect(answers[0]?.status).toBe(200);
    expect(answers[0]?.body).toContain('"outcome":"ignored"');
    expect(answers[0]).toEqual(answers[2]);
    expect(answers[1]).toEqual(answers[2]);
  });

  it('takes a binary upload base64-encoded and answers a download base64-encoded, byte for byte', async () => {
    const owner = await signIn(t.app);
    const bytes = pngBytes('lambda-download');
    const uploaded = await handle(
      loadEvent('document-upload', {
        workspaceId: owner.workspaceId,
        cookie: owner.cookie,
        fileBase64: bytes.toString('base64'),
      }),
      context,
    );
    expect(uploaded.statusCode).toBe(201);
    expect(uploaded.isBase64Encoded).toBe(false);
    const { document } = JSON.parse(uploaded.body) as { document: { id: string; sha256: string } };
    expect(document.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));

    const event = loadEvent('document-download', {
      workspaceId: owner.workspaceId,
      documentId: document.id,
      cookie: owner.cookie,
    });
    const viaLambda = await handle(event, context);
    const viaInject = await injectLike(t, event);
    expect(viaLambda.statusCode).toBe(200);
    expect(viaLambda.isBase64Encoded).toBe(true);
    expect(bodyBytes(viaLambda).equals(bytes)).toBe(true);
    expect(bodyBytes(viaLambda).equals(viaInject.rawPayload)).toBe(true);
    expect(describeLambda(viaLambda)).toEqual(describeInject(viaInject));
  });
});
