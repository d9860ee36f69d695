import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Where `pnpm --filter @holdfast/api build:lambda` writes the functions' code. */
export const API_LAMBDA_DIR = fileURLToPath(new URL('../../api/dist/lambda', import.meta.url));

/** The handler files the functions name (`bundle/lambda.handler`, `bundle/lambda-jobs.purge`, ...). */
const ENTRY_FILES = ['lambda.mjs', 'lambda-jobs.mjs'];

/** A sibling file an ES module imports, statically or with `import()`: `"./name-HASH.mjs"`. */
const SIBLING_IMPORT = /["']\.\/([\w.-]+\.mjs)["']/g;

/**
 * Every file of `bundle/` the entries reach through imports, the entries first. The bundle is split
 * into chunks (shared code, and libraries loaded on first use), all of which must ship: a chunk
 * missing from the asset would fail only when the first request that needs it arrives.
 * Throws naming the first missing file.
 */
export function listBundleFiles(bundleDir: string): string[] {
  const found = new Set<string>();
  const visit = (file: string, importedBy: string | undefined): void => {
    if (found.has(file)) return;
    const path = `${bundleDir}/${file}`;
    if (!existsSync(path)) {
      const from = importedBy === undefined ? '' : ` (imported by ${importedBy})`;
      throw new Error(`The Lambda bundle lacks ${file}${from}`);
    }
    found.add(file);
    for (const match of readFileSync(path, 'utf8').matchAll(SIBLING_IMPORT)) {
      const sibling = match[1];
      if (sibling !== undefined) visit(sibling, file);
    }
  };
  for (const entry of ENTRY_FILES) visit(entry, undefined);
  return [...found];
}

/**
 * The built Lambda code directory, checked before synthesis: deploying without it (or with only
 * part of its chunks) would upload whatever stale or empty folder is there, so a missing or
 * incomplete bundle stops `cdk synth` with the command that builds it.
 */
export function requireLambdaCodeDir(dir: string = API_LAMBDA_DIR): string {
  try {
    listBundleFiles(`${dir}/bundle`);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`${reason} in ${dir}: run \`pnpm --filter @holdfast/api build:lambda\` first`);
  }
  return dir;
}
