import { createDb, type Db } from '@holdfast/api/platform/db/client';
import type { Config } from '@holdfast/api/config';

/** A main-table client that counts the DynamoDB calls sent through it, by command. */
export type CountingDb = {
  db: Db;
  /** Calls since the last reset, in the order they were sent. */
  calls: () => string[];
  reset: () => void;
};

/**
 * A Db like the app's own, with a counter on every call it sends (a retry of the same call is
 * not counted twice: the counter sits before the SDK's retry step). Pass it as `overrides.db`;
 * the app then leaves it open, so call `db.destroy()` when done.
 */
export function createCountingDb(config: Config): CountingDb {
  const db = createDb(config);
  let calls: string[] = [];
  db.doc.middlewareStack.add(
    (next, context) => async (args) => {
      calls.push(context.commandName ?? 'unknown');
      return next(args);
    },
    { step: 'initialize' },
  );
  return {
    db,
    calls: () => [...calls],
    reset: () => {
      calls = [];
    },
  };
}
