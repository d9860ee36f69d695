import { createDb, type Db } from '@holdfast/api/platform/db/client';
import type { Config } from '@holdfast/api/config';

/** One call sent through a counting Db: its command, the index it read, and the items it read. */
export type CountedCall = {
  command: string;
  /** The secondary index a Query or Scan read, if any. */
  indexName?: string;
  /** Items the call read: a Query's or Scan's ScannedCount, a GetItem's 0 or 1, a batch's answers. */
  itemsRead: number;
};

/** A main-table client that counts the DynamoDB calls sent through it, by command. */
export type CountingDb = {
  db: Db;
  /** Calls since the last reset, in the order they were sent. */
  calls: () => string[];
  /** The same calls with the index each read and how many items it read. */
  reads: () => CountedCall[];
  reset: () => void;
};

function countItemsRead(output: Record<string, unknown>): number {
  if (typeof output.ScannedCount === 'number') return output.ScannedCount;
  if (Array.isArray(output.Items)) return output.Items.length;
  if ('Item' in output) return output.Item === undefined ? 0 : 1;
  if (Array.isArray(output.Responses)) return output.Responses.length;
  if (output.Responses !== undefined && typeof output.Responses === 'object')
    return Object.values(output.Responses as Record<string, unknown[]>).reduce(
      (sum, items) => sum + items.length,
      0,
    );
  return 0;
}

/**
 * A Db like the app's own, with a counter on every call it sends (a retry of the same call is
 * not counted twice: the counter sits before the SDK's retry step). Pass it as `overrides.db`;
 * the app then leaves it open, so call `db.destroy()` when done.
 */
export function createCountingDb(config: Config): CountingDb {
  const db = createDb(config);
  let calls: CountedCall[] = [];
  db.doc.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as { IndexName?: unknown };
      const call: CountedCall = {
        command: context.commandName ?? 'unknown',
        ...(typeof input.IndexName === 'string' ? { indexName: input.IndexName } : {}),
        itemsRead: 0,
      };
      calls.push(call);
      const result = await next(args);
      call.itemsRead = countItemsRead(result.output as Record<string, unknown>);
      return result;
    },
    { step: 'initialize' },
  );
  return {
    db,
    calls: () => calls.map((call) => call.command),
    reads: () => calls.map((call) => ({ ...call })),
    reset: () => {
      calls = [];
    },
  };
}
