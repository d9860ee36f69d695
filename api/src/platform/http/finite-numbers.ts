import { AjvCompiler, type BuildCompilerFromPool } from '@fastify/ajv-compiler';
import type { AnyValidateFunction, ErrorObject } from 'ajv/dist/core.js';

/** The first path (JSON Pointer) at which `value` holds a number that is not finite. */
function findNonFinite(value: unknown, path: string, depth = 0): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : path;
  // Validated data is no deeper than its schema; the bound only keeps a hostile shape from recursing far.
  if (value === null || typeof value !== 'object' || depth > 32) return undefined;
  for (const [key, child] of Object.entries(value)) {
    const found = findNonFinite(child, `${path}/${key}`, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

function rejectNonFinite(validate: AnyValidateFunction): AnyValidateFunction {
  function checked(this: unknown, ...args: Parameters<AnyValidateFunction>): boolean | Promise<unknown> {
    const result = validate.apply(this, args);
    checked.errors = validate.errors ?? null;
    if (result !== true) return result;
    const path = findNonFinite(args[0], '');
    if (path === undefined) return true;
    const issue: ErrorObject = {
      instancePath: path,
      schemaPath: '#',
      keyword: 'finite',
      params: {},
      message: 'must be a finite number',
    };
    checked.errors = [issue];
    return false;
  }
  checked.errors = null as ErrorObject[] | null;
  // Fastify hands Ajv the parent object (so coercion can replace a whole part) only when it sees
  // the compiled schema's environment on the validator.
  checked.schema = validate.schema;
  checked.schemaEnv = validate.schemaEnv;
  return checked as AnyValidateFunction;
}

const buildAjvValidator = AjvCompiler();

/**
 * Fastify's default Ajv validator, except that no number that is not finite passes. Ajv's type
 * coercion turns a query value such as `1e309` or `Infinity` into `Infinity` and then skips the
 * number keywords (`maximum` included) for it, so without this a `limit` of 1..100 would carry
 * Infinity to the database layer.
 */
export const buildFiniteNumberValidator: BuildCompilerFromPool = (externalSchemas, options) => {
  const compile = buildAjvValidator(externalSchemas, options);
  return (schema, meta) => rejectNonFinite(compile(schema, meta));
};
