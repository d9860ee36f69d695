import awsLambdaFastify from '@fastify/aws-lambda';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { HttpApiEvent, HttpApiResult, LambdaContext } from './http-event.js';

/** Invokes the app for one API Gateway HTTP API event. */
export type HttpHandler = (event: HttpApiEvent, context: LambdaContext) => Promise<HttpApiResult>;

/**
 * Media types whose answers are text and go to API Gateway as they are; every other answer
 * (downloads, PDFs, ZIP exports, images) is base64-encoded so no byte is altered on the way.
 */
const TEXT_TYPE = /^(text\/|application\/([a-z.+-]*\+)?(json|xml|javascript|x-www-form-urlencoded)$)/;

/** True when an answer must travel base64-encoded: it has a body that is compressed or not text. */
export function isBinaryAnswer(response: LightMyRequestResponse): boolean {
  if (response.rawPayload.length === 0) return false;
  const encoding = response.headers['content-encoding'];
  if (typeof encoding === 'string' && encoding !== 'identity') return true;
  const header = response.headers['content-type'];
  const mediaType = (typeof header === 'string' ? header : '').split(';', 1)[0]?.trim().toLowerCase() ?? '';
  return !TEXT_TYPE.test(mediaType);
}

/**
 * Adapts the built app to API Gateway HTTP API events. The request body reaches the routes as
 * the exact bytes the client sent (decoded from base64 when API Gateway encoded it), so webhook
 * signatures are checked over the original payload; answers are buffered, since HTTP APIs do
 * not stream Lambda responses (the export and court report are bounded by the 6 MB payload limit
 * of a synchronous invocation; larger ones are a later step, see the README's deploy section).
 */
export function createHttpHandler(app: FastifyInstance): HttpHandler {
  const proxy = awsLambdaFastify<HttpApiEvent>(app, {
    enforceBase64: isBinaryAnswer,
    // An answer is complete once sent; the outbox and other timers must not hold the invocation.
    callbackWaitsForEmptyEventLoop: false,
    // Nothing reads the raw event from the request; leaving it off keeps the request object plain.
    decorateRequest: false,
  });
  return async (event, context) => {
    const result = await proxy(event, context);
    return {
      statusCode: result.statusCode,
      headers: result.headers,
      body: result.body,
      ...(result.isBase64Encoded === undefined ? {} : { isBase64Encoded: result.isBase64Encoded }),
      ...(result.cookies === undefined ? {} : { cookies: result.cookies }),
    };
  };
}
