import type { FastifyInstance } from 'fastify';
import type { Page } from 'playwright-core';
import { as, type Session } from './harness.js';

/**
 * Sends one call of a signed-in person to their workspace (`path` after `/v1/workspaces/<id>`)
 * and returns its JSON body; any answer but a 2xx fails the set-up loudly with the problem.
 */
export async function seedCall<T>(
  app: FastifyInstance,
  session: Session,
  path: string,
  payload?: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  const response = await app.inject({
    method: payload === undefined ? 'GET' : 'POST',
    url: `/v1/workspaces/${session.workspaceId}${path}`,
    headers: { ...as(session), ...headers },
    ...(payload === undefined ? {} : { payload: payload as string | object | Buffer }),
  });
  if (response.statusCode < 200 || response.statusCode > 299)
    throw new Error(`seed ${path}: ${response.statusCode} ${response.body}`);
  return response.json<T>();
}

/** Gives the browser the session a person signed in with through the API, as if they had signed in there. */
export async function useSessionInBrowser(page: Page, spaUrl: string, session: Session): Promise<void> {
  const value = session.cookie.replace(/^hf_session=/, '');
  await page.context().addCookies([{ name: 'hf_session', value, url: spaUrl }]);
}
