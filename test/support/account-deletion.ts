import { expect } from '@jest/globals';
import type { FastifyInstance } from 'fastify';
import { runPurge } from '@holdfast/api/modules/privacy/purge';
import { as, type Session } from './harness.js';

const DAY_MS = 86_400_000;

/** Asks for the deletion of the account of `session`, with the typed confirmation, as the person does. */
export async function requestAccountDeletion(app: FastifyInstance, session: Session): Promise<void> {
  const deletion = await app.inject({
    method: 'POST',
    url: '/v1/account/deletion',
    headers: as(session),
    payload: { confirmation: 'DELETE' },
  });
  expect(deletion.statusCode).toBe(202);
}

/**
 * Deletes the account of `session` and runs the purge as it runs once the 30 days of grace are
 * over: `setClock` (which sets the clock the app reads) moves it 31 days ahead for the purge and
 * back to now after it.
 */
export async function deleteAccountAndPurge(
  app: FastifyInstance,
  session: Session,
  setClock: (at: Date) => void,
): Promise<void> {
  await requestAccountDeletion(app, session);
  setClock(new Date(Date.now() + 31 * DAY_MS));
  try {
    await runPurge(app.deps);
  } finally {
    setClock(new Date());
  }
}
