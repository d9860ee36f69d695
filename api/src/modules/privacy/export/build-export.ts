import { isSafetyModeOn, withholdLocations } from '../../../platform/safety/safety-mode.js';
import { once } from 'node:events';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { AppDeps } from '../../../platform/deps.js';
import { loadZipArchive } from '../../../platform/documents/load-zip.js';
import { listExportableWorkspaces } from '../../workspaces/service.js';
import type {
  DataHolder,
  ExportFile,
  ExportTable,
  WorkspaceScope,
} from '../../../platform/privacy/data-holders.js';
import { csvChunks, folderName, hashing, jsonChunks } from './export-files.js';
import type { ExportSigner } from './signing-key.js';

export const MANIFEST_FORMAT = 'holdfast-export/1';

export type ExportProgress = { phase: 'records' | 'files' | 'signing'; done: number; total: number };

export type ManifestEntry = { path: string; size: number; sha256: string };

export type Manifest = {
  format: typeof MANIFEST_FORMAT;
  exportId: string;
  createdAt: string;
  account: { id: string; email: string };
  signature: { algorithm: 'Ed25519'; keyId: string; publicKey: string; file: 'manifest.sig' };
  files: ManifestEntry[];
};

type Entry = {
  path: string;
  phase: 'records' | 'files';
  chunks: () => AsyncIterable<Uint8Array> | Promise<Readable>;
};

/** A table whose rows have their location fields withheld (a workspace in safety mode). */
function withholdingLocations(table: ExportTable): ExportTable {
  const { schema } = table;
  if (schema === undefined) return table;
  return {
    ...table,
    rows: async function* () {
      for await (const row of table.rows()) yield withholdLocations(schema, row);
    },
  };
}

function tableEntries(folder: string, tables: ExportTable[]): Entry[] {
  return tables.flatMap((table) => [
    { path: `${folder}/${table.name}.json`, phase: 'records' as const, chunks: () => jsonChunks(table) },
    { path: `${folder}/${table.name}.csv`, phase: 'records' as const, chunks: () => csvChunks(table) },
  ]);
}

function readme(input: { createdAt: string; email: string; holders: readonly DataHolder[] }): string {
  const left = input.holders.flatMap((holder) =>
    Object.entries(holder.notExported ?? {}).map(([entity, reason]) => `  - ${entity}: ${reason}`),
  );
  return [
    'Holdfast export',
    '===============',
    '',
    `Everything the account ${input.email} can read in Holdfast, as of ${input.createdAt}.`,
    '',
    'account/                 your profile, sign-in history and workspaces',
    'workspaces/<name>-<id>/  one folder per workspace you belong to: its records as .json and .csv,',
    "                         its audit log (audit-log.*, with each entry's hash chain), and files/",
    '                         with every stored document (documents.* says which file is which)',
    'manifest.json            every file of this export with its size and SHA-256',
    'manifest.sig             an Ed25519 signature of manifest.json by Holdfast',
    '',
    'JSON files keep every value exactly as stored. CSV files are for spreadsheets: lists are joined',
    'with "; ", and a cell that begins with = + - or @ starts with a \' so it is not run as a formula.',
    '',
    'To check that nothing was changed, run the offline verifier from the Holdfast repository:',
    '  pnpm holdfast verify <this-file>.zip [--public-key key.pem]',
    'It recomputes every SHA-256 in the manifest and checks the signature. Compare the key id it',
    'prints with the key Holdfast publishes at /.well-known/holdfast-export-key.',
    '',
    'Not included, and why:',
    ...left,
    '',
  ].join('\n');
}

/**
 * Writes the person's export as a ZIP straight into object storage: one entry at a time, each
 * hashed as it streams, so memory stays flat however large the export grows; then the manifest
 * of every entry's SHA-256 and its signature. Returns the ZIP's size and the manifest's hash.
 */
export async function buildExport(
  deps: AppDeps,
  input: {
    exportId: string;
    user: { id: string; email: string };
    objectKey: string;
    signer: ExportSigner;
    holders: readonly DataHolder[];
    onProgress: (progress: ExportProgress) => Promise<void>;
  },
): Promise<{ size: number; manifestSha256: string; fileCount: number }> {
  const createdAt = deps.now().toISOString();
  const entries: Entry[] = [
    {
      path: 'README.txt',
      phase: 'records',
      chunks: () =>
        Readable.from([Buffer.from(readme({ createdAt, email: input.user.email, holders: input.holders }))]),
    },
    ...tableEntries(
      'account',
      input.holders.flatMap((holder) => holder.exportUser?.(deps, input.user.id) ?? []),
    ),
  ];
  for (const workspace of await listExportableWorkspaces(deps, input.user.id)) {
    const scope: WorkspaceScope = {
      tenantId: workspace.id,
      userId: input.user.id,
      role: workspace.role,
      workspaceName: workspace.name,
    };
    const folder = `workspaces/${folderName(workspace.name, workspace.id)}`;
    const tables = input.holders.flatMap((holder) => holder.exportWorkspace?.(deps, scope) ?? []);
    // An export leaves the app: in safety mode it withholds addresses and locations, owner's too.
    const isSafetyMode = await isSafetyModeOn(deps.db, workspace.id);
    entries.push(...tableEntries(folder, isSafetyMode ? tables.map(withholdingLocations) : tables));
    for (const holder of input.holders) {
      if (holder.exportFiles === undefined) continue;
      for await (const file of holder.exportFiles(deps, scope)) entries.push(fileEntry(folder, file));
    }
  }

  const ZipArchive = await loadZipArchive();
  const archive = new ZipArchive({ zlib: { level: 6 } });
  const stored = deps.blobs.put(input.objectKey, archive, 'application/zip');
  // If storage fails, stop feeding the archive at once rather than waiting on it.
  const storageFailed = stored.then(
    () => new Promise<never>(() => undefined),
    (error: unknown) => Promise.reject(error instanceof Error ? error : new Error(String(error))),
  );
  const manifestFiles: ManifestEntry[] = [];
  try {
    for (const [index, entry] of entries.entries()) {
      const source = await Promise.race([Promise.resolve(entry.chunks()), storageFailed]);
      const hashed = hashing(source);
      archive.append(Readable.from(hashed.chunks), { name: entry.path, date: new Date(createdAt) });
      await Promise.race([once(archive, 'entry'), storageFailed]);
      manifestFiles.push({ path: entry.path, ...hashed.result() });
      await input.onProgress({ phase: entry.phase, done: index + 1, total: entries.length + 1 });
    }
    const manifest: Manifest = {
      format: MANIFEST_FORMAT,
      exportId: input.exportId,
      createdAt,
      account: input.user,
      signature: {
        algorithm: 'Ed25519',
        keyId: input.signer.keyId,
        publicKey: input.signer.publicKeyPem,
        file: 'manifest.sig',
      },
      files: manifestFiles,
    };
    const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
    archive.append(manifestBytes, { name: 'manifest.json', date: new Date(createdAt) });
    archive.append(Buffer.from(`${input.signer.sign(manifestBytes).toString('base64')}\n`), {
      name: 'manifest.sig',
      date: new Date(createdAt),
    });
    await Promise.race([archive.finalize(), storageFailed]);
    await stored;
    await input.onProgress({ phase: 'signing', done: entries.length + 1, total: entries.length + 1 });
    return {
      size: archive.pointer(),
      manifestSha256: createHash('sha256').update(manifestBytes).digest('hex'),
      fileCount: manifestFiles.length,
    };
  } catch (error) {
    archive.abort();
    await stored.catch(() => undefined);
    throw error;
  }
}

function fileEntry(folder: string, file: ExportFile): Entry {
  return { path: `${folder}/${file.path}`, phase: 'files', chunks: () => file.open() };
}
