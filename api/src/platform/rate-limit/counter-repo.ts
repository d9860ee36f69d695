import { createHash } from 'node:crypto';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from '../db/client.js';
import { rateLimitPk, SK } from '../db/keys.js';
import { MAIN_TABLE } from '../db/table-definition.js';

/** What every instance together counted for one subject, in its window and the one before. */
export type WindowTotals = { current: number; previous: number };

export type CounterAddition = {
  /** The limit's name (`ip`, `tenant`, a route's own limit). */
  limit: string;
  /** Who is counted: an IP address or a tenant id (hashed before it reaches the table). */
  subject: string;
  /** The window's number since the epoch (time / window length). */
  window: number;
  /** Hits this instance counted since it last published. */
  delta: number;
  /** When the item may go: the end of the next window, which still reads this one as its previous. */
  expiresAtEpoch: number;
};

/** Where instances add up their counts; DynamoDB in every environment (DynamoDB Local embedded). */
export type CounterStore = { add: (addition: CounterAddition) => Promise<WindowTotals> };

function hashSubject(subject: string): string {
  return createHash('sha256').update(subject).digest('base64url').slice(0, 32);
}

function readCount(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/**
 * One item per limit and subject, one attribute per window (`w<n>`): a single atomic UpdateItem adds
 * this instance's hits to the current window, drops the window before the previous one, moves the
 * expiry on and answers both windows' totals, so one call both publishes and reads back.
 */
export function createCounterStore(db: Db): CounterStore {
  return {
    add: async ({ limit, subject, window, delta, expiresAtEpoch }) => {
      const answer = await db.doc.send(
        new UpdateCommand({
          TableName: db.mainTable,
          Key: { PK: rateLimitPk(limit, hashSubject(subject)), SK: SK.rateLimitCounter() },
          UpdateExpression: 'ADD #current :delta SET #expires = :expires REMOVE #stale',
          ExpressionAttributeNames: {
            '#current': `w${window}`,
            '#stale': `w${window - 2}`,
            '#expires': MAIN_TABLE.timeToLiveAttribute,
          },
          ExpressionAttributeValues: { ':delta': delta, ':expires': expiresAtEpoch },
          ReturnValues: 'ALL_NEW',
        }),
      );
      const item = answer.Attributes ?? {};
      return { current: readCount(item[`w${window}`]), previous: readCount(item[`w${window - 1}`]) };
    },
  };
}
