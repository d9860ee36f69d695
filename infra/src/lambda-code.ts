import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Where `pnpm --filter @holdfast/api build:lambda` writes the functions' code. */
export const API_LAMBDA_DIR = fileURLToPath(new URL('../../api/dist/lambda', import.meta.url));

/**
 * The built Lambda code directory, checked before synthesis: deploying without it would upload
 * whatever stale or empty folder is there, so a missing bundle stops `cdk synth` with the command
 * that builds it.
 */
export function requireLambdaCodeDir(dir: string = API_LAMBDA_DIR): string {
  if (!existsSync(`${dir}/bundle/lambda.mjs`) || !existsSync(`${dir}/bundle/lambda-jobs.mjs`)) {
    throw new Error(`No Lambda bundle in ${dir}: run \`pnpm --filter @holdfast/api build:lambda\` first`);
  }
  return dir;
}
