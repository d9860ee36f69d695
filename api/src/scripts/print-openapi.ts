import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';

/**
 * Writes api/openapi.json from the route schemas, without any backing service: building the app
 * opens no connection. The SPA generates its API types from this file. With `--check` it only
 * compares, and fails when the committed file is stale.
 */
const config = loadConfig({
  HOLDFAST_ENV: 'local',
  WEB_ORIGIN: 'http://127.0.0.1:5173',
  SESSION_SECRET: 'openapi-generation-only-secret-000000',
  DYNAMODB_ENDPOINT: 'http://127.0.0.1:1',
  SES_ENDPOINT: 'http://127.0.0.1:1',
  LOG_LEVEL: 'silent',
});
const app = await buildApp(config);
const document = app.swagger();
await app.close();
const target = fileURLToPath(new URL('../../openapi.json', import.meta.url));
const text = `${JSON.stringify(document, null, 2)}\n`;
if (process.argv.includes('--check')) {
  if (readFileSync(target, 'utf8') !== text) {
    process.stderr.write(
      'api/openapi.json is stale: run `pnpm --filter @holdfast/api openapi` and `pnpm --filter @holdfast/web gen:api`.\n',
    );
    process.exit(1);
  }
  process.stdout.write('api/openapi.json matches the routes\n');
} else {
  writeFileSync(target, text);
  process.stdout.write(`wrote ${target}\n`);
}
