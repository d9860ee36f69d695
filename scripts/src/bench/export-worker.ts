/**
 * One side of the export benchmark, run as its own process so its memory is measured alone:
 * `seed <incidents> <files>` makes a person with that many incidents and text files and prints
 * their id; `export <userId>` builds their export into object storage and prints figures.
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import {
  BatchWriteCommand,
  type BatchWriteCommandInput,
  type BatchWriteCommandOutput,
} from '@aws-sdk/lib-dynamodb';
import { buildApp } from '@holdfast/api/app';
import { loadConfig } from '@holdfast/api/config';
import { provisionUser } from '@holdfast/api/modules/identity/service';
import { buildPutIncident } from '@holdfast/api/modules/journal/repo';
import { uploadDocument } from '@holdfast/api/modules/vault/service';
import { buildExport } from '@holdfast/api/modules/privacy/export/build-export';
import { loadExportSigner } from '@holdfast/api/modules/privacy/export/signing-key';
import { DATA_HOLDERS } from '@holdfast/api/modules/privacy/holders';
import { createId } from '@holdfast/api/platform/db/ids';

const FILE_BYTES = 64 * 1024;

async function seed(deps: Awaited<ReturnType<typeof buildApp>>['deps'], incidents: number, files: number) {
  const user = await provisionUser(deps, { email: `bench-${createId().toLowerCase()}@holdfast.local` });
  const [membership] = await (
    await import('@holdfast/api/modules/workspaces/service')
  ).listMyWorkspaces(deps, user.id);
  if (membership === undefined) throw new Error('no workspace');
  const tenantId = membership.id;
  const now = new Date().toISOString();
  for (let start = 0; start < incidents; start += 25) {
    const items = Array.from({ length: Math.min(25, incidents - start) }, (_, i) => {
      const put = buildPutIncident(deps.db, tenantId, {
        id: createId(),
        occurredAt: new Date(Date.UTC(2025, 0, 1) + (start + i) * 3_600_000).toISOString(),
        timeZone: 'America/Chicago',
        category: 'communication',
        location: 'Phone',
        peopleInvolved: ['Other parent'],
        childrenPresent: ['Leo', 'Maya'],
        narrative: `Benchmark incident ${start + i}: the exchange was late and no message was sent beforehand.`,
        witnesses: [],
        tags: ['bench'],
        followUpNeeded: false,
        createdAt: now,
        updatedAt: now,
        createdBy: user.id,
        version: 1,
      }).Put;
      return { PutRequest: { Item: put?.Item } };
    });
    let request: BatchWriteCommandInput['RequestItems'] = { [deps.db.mainTable]: items };
    while (request !== undefined && Object.keys(request).length > 0) {
      const result: BatchWriteCommandOutput = await deps.db.doc.send(
        new BatchWriteCommand({ RequestItems: request }),
      );
      request = result.UnprocessedItems;
    }
  }
  const actor = { type: 'user' as const, id: user.id, label: user.email };
  for (let i = 0; i < files; i += 1) {
    const line = Buffer.from(`file ${i} of the export benchmark; `);
    const body = Buffer.alloc(FILE_BYTES, line);
    await uploadDocument(
      deps,
      tenantId,
      actor,
      { filename: `note-${i}.txt` },
      Readable.from([body]),
      body.length,
    );
  }
  return user.id;
}

async function main(): Promise<void> {
  const [command, ...args] = process.argv.slice(2);
  const config = loadConfig();
  const app = await buildApp(config);
  try {
    if (command === 'seed') {
      const userId = await seed(app.deps, Number(args[0]), Number(args[1]));
      process.stdout.write(`${JSON.stringify({ userId })}\n`);
    } else if (command === 'export') {
      const userId = args[0] ?? '';
      const { getUser } = await import('@holdfast/api/modules/identity/repo');
      const user = await getUser(app.deps.db, userId);
      if (user === undefined) throw new Error('no such user');
      const started = performance.now();
      const built = await buildExport(app.deps, {
        exportId: createId(),
        user: { id: user.id, email: user.email },
        objectKey: `exports/${user.id}/bench.zip`,
        signer: loadExportSigner(config),
        holders: DATA_HOLDERS,
        onProgress: async (progress) => {
          if (process.env.BENCH_TRACE === '1')
            process.stderr.write(
              `${((performance.now() - started) / 1000).toFixed(2)}s ${progress.phase} ${progress.done}/${progress.total}\n`,
            );
        },
      });
      const seconds = (performance.now() - started) / 1000;
      process.stdout.write(
        `${JSON.stringify({ seconds, size: built.size, entries: built.fileCount, manifest: createHash('sha256').update(built.manifestSha256).digest('hex').slice(0, 8) })}\n`,
      );
    } else {
      throw new Error('usage: export-worker seed <incidents> <files> | export <userId>');
    }
  } finally {
    await app.close();
  }
}

await main();
