/**
 * Bundles the long-running server (`server.ts`) the way the Lambda entries are bundled (esbuild,
 * ESM, first-use libraries in their own chunks), into `dist/server/bundle/server.mjs`, so the API
 * runs from built code in production and in benchmarks rather than under tsx, which compiles
 * every file at start and holds the compiler in memory:
 * `pnpm --filter @holdfast/api build:server`, then `node api/dist/server/bundle/server.mjs`.
 */
import { fileURLToPath } from 'node:url';
import { bundleApiEntries } from './build-lambda.js';

/** The built server's directory. */
export const SERVER_OUT_DIR = fileURLToPath(new URL('../../dist/server', import.meta.url));
/** The file `node` runs. */
export const SERVER_BUNDLE = `${SERVER_OUT_DIR}/bundle/server.mjs`;

/** Builds the server bundle. */
export async function buildServerBundle(): Promise<void> {
  await bundleApiEntries({ server: 'server.ts' }, SERVER_OUT_DIR);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildServerBundle();
  process.stdout.write(`Server bundle written to ${SERVER_BUNDLE}\n`);
}
