import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { as, incidentBody, type Session } from './harness.js';

/** A valid body for logging a message (a received text in October 2026); override any field. */
export function messageBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    occurredAt: '2026-10-03T17:30:00-05:00',
    timeZone: 'America/Chicago',
    channel: 'text',
    direction: 'received',
    counterpart: 'Other parent',
    content: 'Running late.',
    ...overrides,
  };
}

/** Logs a message in the session's workspace; the caller asserts the answer it expects. */
export function logMessage(
  app: FastifyInstance,
  session: Session,
  overrides: Record<string, unknown> = {},
): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST',
    url: `/v1/workspaces/${session.workspaceId}/communications`,
    headers: as(session),
    payload: messageBody(overrides),
  });
}

/** Records an incident (harness `incidentBody`) in the session's workspace; the caller asserts the answer. */
export function recordIncident(
  app: FastifyInstance,
  session: Session,
  overrides: Record<string, unknown> = {},
): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST',
    url: `/v1/workspaces/${session.workspaceId}/incidents`,
    headers: as(session),
    payload: incidentBody(overrides),
  });
}

/** The id of a record a create call answered with 201 (fails loudly on any other answer). */
export function createdId(response: LightMyRequestResponse): string {
  if (response.statusCode !== 201) throw new Error(`create: ${response.statusCode} ${response.body}`);
  return response.json<{ id: string }>().id;
}
