import { expect } from '@jest/globals';
import type { FastifyInstance } from 'fastify';
import { as, type Session } from './harness.js';
import { totpCode } from './totp.js';

/**
 * A clock a suite moves by hand (passed to the app as `now`), so authenticator time steps and
 * waiting periods are checked without waiting.
 */
export function createTestClock(): { now: () => Date; advance: (ms: number) => number; at: () => number } {
  let clock = Date.now();
  return {
    now: () => new Date(clock),
    advance: (ms) => (clock += ms),
    at: () => clock,
  };
}

/** Enrols an authenticator app for `session` at `at`; returns its secret and the recovery codes shown once. */
export async function enrolAuthenticator(
  app: FastifyInstance,
  session: Session,
  at: number,
): Promise<{ secret: string; recoveryCodes: string[] }> {
  const started = await app.inject({
    method: 'POST',
    url: '/v1/me/second-factor/totp',
    headers: as(session),
  });
  expect(started.statusCode).toBe(201);
  const { secret } = started.json<{ secret: string }>();
  const confirmed = await app.inject({
    method: 'POST',
    url: '/v1/me/second-factor/totp/confirm',
    headers: as(session),
    payload: { code: totpCode(secret, at) },
  });
  expect(confirmed.statusCode).toBe(200);
  return { secret, recoveryCodes: confirmed.json<{ recoveryCodes?: string[] }>().recoveryCodes ?? [] };
}

/** Proves a second factor for `session` with an authenticator or recovery code; answers the reply. */
export function proveSecondFactor(app: FastifyInstance, session: Session, payload: Record<string, string>) {
  return app.inject({ method: 'POST', url: '/v1/me/second-factor/verify', headers: as(session), payload });
}

/** The audit entries of a workspace, newest first (as its owner or admin reads them). */
export async function readAudit(
  app: FastifyInstance,
  reader: Session,
  workspaceId = reader.workspaceId,
): Promise<
  { action: string; actor: { id: string }; target: { id: string }; details: Record<string, unknown> }[]
> {
  const reply = await app.inject({
    method: 'GET',
    url: `/v1/workspaces/${workspaceId}/audit?limit=200`,
    headers: as(reader),
  });
  expect(reply.statusCode).toBe(200);
  return reply.json<{
    items: {
      action: string;
      actor: { id: string };
      target: { id: string };
      details: Record<string, unknown>;
    }[];
  }>().items;
}
