import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { as, type Session } from './harness.js';
import { readZip } from './zip.js';

/** Starts the person's account export, waits until it is ready and returns the ZIP's entries by name. */
export async function exportAccount(app: FastifyInstance, session: Session): Promise<Map<string, Buffer>> {
  const started = await app.inject({ method: 'POST', url: '/v1/me/exports', headers: as(session) });
  if (started.statusCode !== 202) throw new Error(`export answered ${started.statusCode}`);
  const id = started.json<{ id: string }>().id;
  let status = 'running';
  for (let i = 0; i < 200 && status === 'running'; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const poll = await app.inject({ method: 'GET', url: `/v1/me/exports/${id}`, headers: as(session) });
    status = poll.json<{ status: string }>().status;
  }
  if (status !== 'ready') throw new Error(`export ended ${status}`);
  const download = await app.inject({
    method: 'GET',
    url: `/v1/me/exports/${id}/download`,
    headers: as(session),
  });
  const dir = mkdtempSync(join(tmpdir(), 'holdfast-export-'));
  try {
    const zipPath = join(dir, 'export.zip');
    writeFileSync(zipPath, download.rawPayload);
    return await readZip(zipPath);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The rows of one JSON table of an export (`<workspace>/<name>.json`). */
export function exportRows<Row>(entries: Map<string, Buffer>, name: string): Row[] {
  const entry = [...entries.entries()].find(([path]) => path.endsWith(`/${name}.json`));
  return entry === undefined ? [] : (JSON.parse(entry[1].toString('utf8')) as Row[]);
}
