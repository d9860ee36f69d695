import type { FastifyInstance } from 'fastify';
import { Type, type Static, type TSchema } from 'typebox';
import { PROBLEM_COMPONENTS } from './openapi-contract.js';

function idOf(schema: TSchema): string {
  const id = (schema as { $id?: unknown }).$id;
  if (typeof id !== 'string') throw new Error('a shared schema needs an $id');
  return id;
}

/** A string schema limited to fixed values, typed as their union (shows as `enum` in OpenAPI). */
export function stringEnum<const T extends readonly string[]>(
  values: T,
  options: { description?: string } = {},
) {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });
}

/**
 * A typed reference to a shared schema. Shared schemas are registered once with `addSchema`, so
 * they appear as named components in /openapi.json and in the SPA's generated types.
 */
export function ref<T extends TSchema>(schema: T) {
  return Type.Unsafe<Static<T>>({ $ref: `${idOf(schema)}#` });
}

/** Registers shared schemas on an app (each `$id` once). */
export function addSchemas(app: FastifyInstance, schemas: TSchema[]): void {
  for (const schema of schemas) app.addSchema({ ...schema, $id: idOf(schema) });
}

/** Error answers every route may give, as problem+json (the document names them as shared responses). */
export const PROBLEM_RESPONSES = {
  400: problemRef(400),
  401: problemRef(401),
  403: problemRef(403),
  404: problemRef(404),
  409: problemRef(409),
  429: problemRef(429),
};

function problemRef(status: number) {
  return Type.Unsafe<unknown>({ $ref: 'Problem#', description: PROBLEM_COMPONENTS[status]?.description });
}
