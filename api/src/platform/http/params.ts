import { Type } from 'typebox';
import { SAFE_ID_PATTERN } from '../db/keys.js';

/**
 * Bounded pieces of request schemas shared by every route, so no id, page size or version reaches
 * the database layer unchecked and no malformed value can produce a 5xx.
 */

/** Any id in a path: exactly what the key builder accepts; anything else is answered 400. */
export const IdParam = Type.String({ pattern: SAFE_ID_PATTERN, maxLength: 64 });

/** The path of every workspace route. */
export const WorkspaceParams = Type.Object({ workspaceId: IdParam });

/** The version a client edited (optimistic concurrency): a positive safe integer. */
export function versionField(description = 'The version you edited; a stale one gets 409') {
  return Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER, description });
}

/** A page size of 1..100 (Infinity and other non-finite numbers are refused by the validator). */
export function limitQuery(defaultLimit: number) {
  return Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: defaultLimit }));
}

/** An opaque page cursor as the API handed it out. */
export const CursorQuery = Type.Optional(Type.String({ minLength: 1, maxLength: 2000 }));
