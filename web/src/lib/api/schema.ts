/**
 * The API's types, generated from api/openapi.json once, in the integrators' client
 * (`pnpm -r gen:api`): the SPA reads the same file, so the two can never disagree.
 */
export type { components, operations, paths } from '@holdfast/client/schema';
