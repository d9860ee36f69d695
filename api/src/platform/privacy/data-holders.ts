import type { TSchema } from 'typebox';
import type { Readable } from 'node:stream';
import type { AppDeps } from '../deps.js';
import type { Role } from '../tenancy/roles.js';

/**
 * Every module that keeps personal data declares it here once, with how it is exported and how
 * it is purged, so the export and the account purge reach every record type: a test fails when an
 * entity in the data inventory belongs to no holder, or a holder names one the inventory lacks.
 */

/** A JSON-safe value of an exported row (CSV flattens arrays with "; " and objects as JSON). */
export type ExportValue = string | number | boolean | null | undefined | string[] | Record<string, unknown>;
export type ExportRow = Record<string, ExportValue>;

/** One kind of record in the export: written as `<name>.json` and `<name>.csv`. */
export type ExportTable = {
  /** File name without extension, kebab-case, such as `incidents`. */
  name: string;
  /** CSV columns, in order; JSON rows keep every field. */
  columns: readonly string[];
  rows: () => AsyncIterable<ExportRow>;
  /** The rows' schema: the fields it marks as locations are withheld in safety mode (P-SAFE-1). */
  schema?: TSchema;
};

/** A stored file in the export, written under `files/` and listed in the manifest with its SHA-256. */
export type ExportFile = {
  /** Path inside the workspace's folder, such as `files/<sha256>-letter.pdf`. */
  path: string;
  size: number;
  sha256: string;
  /** The bytes, verified against `sha256` as they are read. */
  open: () => Promise<Readable>;
};

/** What the exporting person may read in one workspace. */
export type WorkspaceScope = { tenantId: string; userId: string; role: Role; workspaceName: string };

export type DataHolder = {
  /** The module or platform part that owns these records. */
  owner: string;
  /** The inventory entities this holder stores. */
  entities: readonly string[];
  /** Entities deliberately left out of the export, each with the reason (secrets, indexes). */
  notExported?: Readonly<Record<string, string>>;
  /** Tables about the person themself (profile, sign-ins, preferences). */
  exportUser?: (deps: AppDeps, userId: string) => ExportTable[];
  /** Tables of one workspace the person belongs to, limited to what their role may read. */
  exportWorkspace?: (deps: AppDeps, scope: WorkspaceScope) => ExportTable[];
  /** Stored files of one workspace the person may read. */
  exportFiles?: (deps: AppDeps, scope: WorkspaceScope) => AsyncIterable<ExportFile>;
  /**
   * Deletes what this holder keeps for a workspace being purged, outside the workspace's own
   * main-table partition (files, keys, provider records). Must be safe to run again after a crash.
   */
  purgeWorkspace?: (deps: AppDeps, tenantId: string) => Promise<void>;
  /** Deletes or anonymises what this holder keeps about a purged person. Safe to run again. */
  purgeUser?: (deps: AppDeps, userId: string) => Promise<void>;
};

/** Rows from a loader that returns a whole (small) list, for tables like members or invites. */
export async function* rowsFrom(load: () => Promise<readonly object[]>): AsyncGenerator<ExportRow> {
  for (const row of await load()) yield row as ExportRow;
}

/** Rows read page by page, for tables that can be large (incidents, the audit log). */
export async function* rowsPaged(
  readPage: (startKey: Record<string, unknown> | undefined) => Promise<{
    items: readonly object[];
    lastKey?: Record<string, unknown>;
  }>,
): AsyncGenerator<ExportRow> {
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await readPage(startKey);
    for (const item of page.items) yield item as ExportRow;
    startKey = page.lastKey;
  } while (startKey !== undefined);
}
