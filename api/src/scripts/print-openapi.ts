import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';

/**
 * Writes api/openapi.json from the route schemas, without any backing service: building the app
 * opens no connection. The SPA generates its API types from this file.
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
writeFileSync(target, `${JSON.stringify(document, null, 2)}\n`);
process.stdout.write(`wrote ${target}\n`);
