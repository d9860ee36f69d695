import type { Db } from '../db/client.js';
import { tenantPk } from '../db/keys.js';
import { queryPrefixPage } from '../db/query.js';
import { rowsPaged, type ExportRow } from './data-holders.js';

/** Items read a page at a time: enough to keep reads few, small enough to keep memory flat. */
const PAGE_SIZE = 200;

/**
 * The export rows of every item of one kind in a workspace's partition (its sort-key `prefix`),
 * read a page at a time and each presented by `present`, which whitelists the fields exported.
 */
export function prefixRows(
  db: Db,
  tenantId: string,
  prefix: string,
  present: (item: Record<string, unknown>) => object,
  pageSize = PAGE_SIZE,
): AsyncGenerator<ExportRow> {
  return rowsPaged(async (startKey) => {
    const page = await queryPrefixPage(db, {
      pk: tenantPk(tenantId),
      prefix,
      limit: pageSize,
      ...(startKey === undefined ? {} : { startKey }),
    });
    return { ...page, items: page.items.map(present) };
  });
}
