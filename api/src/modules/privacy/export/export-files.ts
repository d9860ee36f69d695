import { createHash } from 'node:crypto';
import { loadCsvStringify } from '../../../platform/documents/load-csv.js';
import type { ExportTable, ExportValue } from '../../../platform/privacy/data-holders.js';

/** Text of a cell in CSV: lists joined with "; ", objects as JSON. */
function toCell(value: ExportValue): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.join('; ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/**
 * A cell that a spreadsheet would run as a formula starts with a quote, so opening the CSV in a
 * spreadsheet cannot execute record text; the JSON file keeps the text exactly as written.
 */
function defuseFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/** A table as JSON: an array written one row at a time, so memory does not grow with the table. */
export async function* jsonChunks(table: ExportTable): AsyncGenerator<Buffer> {
  let isFirst = true;
  yield Buffer.from('[');
  for await (const row of table.rows()) {
    yield Buffer.from(`${isFirst ? '\n' : ',\n'}  ${JSON.stringify(row)}`);
    isFirst = false;
  }
  yield Buffer.from(isFirst ? ']\n' : '\n]\n');
}

/** A table as CSV with a header row of its declared columns. */
export async function* csvChunks(table: ExportTable): AsyncGenerator<Buffer> {
  const { stringify } = await loadCsvStringify();
  yield Buffer.from(stringify([table.columns]));
  const batch: string[][] = [];
  for await (const row of table.rows()) {
    batch.push(table.columns.map((column) => defuseFormula(toCell(row[column]))));
    if (batch.length === 200) yield Buffer.from(stringify(batch.splice(0)));
  }
  if (batch.length > 0) yield Buffer.from(stringify(batch));
}

/** Passes chunks through while counting bytes and hashing them. */
export function hashing(source: AsyncIterable<Uint8Array>): {
  chunks: AsyncGenerator<Uint8Array>;
  result: () => { size: number; sha256: string };
} {
  const hash = createHash('sha256');
  let size = 0;
  let digest: string | undefined;
  return {
    chunks: (async function* () {
      for await (const chunk of source) {
        hash.update(chunk);
        size += chunk.length;
        yield chunk;
      }
      digest = hash.digest('hex');
    })(),
    result: () => {
      if (digest === undefined) throw new Error('the entry was not read to its end');
      return { size, sha256: digest };
    },
  };
}

/** A folder name from a workspace name and id: readable, unique, safe on every file system. */
export function folderName(name: string, id: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '-')
    .slice(0, 40);
  return slug === '' ? id : `${slug}-${id}`;
}
