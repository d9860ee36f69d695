/**
 * Whether the build already checked the data files shipped inside the code (the CE requirement
 * catalogue, the practice and library content). The bundler (`scripts/build-lambda.ts`) imports
 * the modules that hold them before bundling, which runs their checks and stops the build on a bad
 * file, then defines `HOLDFAST_SHIPPED_DATA_CHECKED` as `true` in the bundle: a cold start then
 * skips re-checking the same bytes (about a tenth of a Lambda container's start). Run from source
 * (tsx, the tests) the name is undefined and each module checks its files as it loads.
 */
declare const HOLDFAST_SHIPPED_DATA_CHECKED: boolean | undefined;

export const IS_SHIPPED_DATA_CHECKED_AT_BUILD: boolean =
  typeof HOLDFAST_SHIPPED_DATA_CHECKED === 'boolean' && HOLDFAST_SHIPPED_DATA_CHECKED;
