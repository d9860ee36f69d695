/**
 * AWS Lambda entry of the API (behind an API Gateway HTTP API): the same app `server.ts` serves,
 * built once per container on the first invocation and reused by every later one.
 */
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import { loadProcessConfig } from './config.js';
import { readSecretSettings } from './platform/secrets/load-secrets.js';
import type { HttpApiEvent, HttpApiResult, LambdaContext } from './lambda/http-event.js';
import { createHttpHandler, type HttpHandler } from './lambda/http-handler.js';

let built: Promise<{ app: FastifyInstance; handle: HttpHandler }> | undefined;

/** The container's app; a failed build is forgotten so the next invocation tries again. */
function getApp(): Promise<{ app: FastifyInstance; handle: HttpHandler }> {
  built ??= (async () => {
    const app = await buildApp(await loadProcessConfig(readSecretSettings));
    return { app, handle: createHttpHandler(app) };
  })().catch((error: unknown) => {
    built = undefined;
    throw error;
  });
  return built;
}

/** The function's handler (`lambda.handler`). */
export async function handler(event: HttpApiEvent, context: LambdaContext): Promise<HttpApiResult> {
  const { handle } = await getApp();
  return handle(event, context);
}
