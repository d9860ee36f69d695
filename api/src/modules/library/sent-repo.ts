import type { TransactItem } from '../../platform/audit/audit-log.js';
import type { Db } from '../../platform/db/client.js';
import { platformPk, SK, SK_PREFIX } from '../../platform/db/keys.js';
import { queryPrefixAll } from '../../platform/db/query.js';

/**
 * Library items already sent to a person in the weekly resources email:
 * `USER#<u> / LIBRARYSENT#<item id>`, in the person's own partition, so the account purge removes
 * them with it.
 */

export type SentItem = { itemId: string; week: string; sentAt: string };

export const SENT_ITEM_FIELDS = ['itemId', 'week', 'sentAt'] as const;

export async function listSentItems(db: Db, userId: string): Promise<SentItem[]> {
  const items = await queryPrefixAll(db, {
    pk: platformPk('user', userId),
    prefix: SK_PREFIX.librarySent,
    isConsistent: true,
  });
  return items.flatMap((item) =>
    typeof item.itemId === 'string' && typeof item.week === 'string' && typeof item.sentAt === 'string'
      ? [{ itemId: item.itemId, week: item.week, sentAt: item.sentAt }]
      : [],
  );
}

/** The mark of one item sent, written with the email's enqueue; a second run's write fails its condition. */
export function buildPutSentItem(db: Db, userId: string, sent: SentItem): TransactItem {
  return {
    Put: {
      TableName: db.mainTable,
      Item: {
        PK: platformPk('user', userId),
        SK: SK.librarySent(sent.itemId),
        entity: 'LibrarySent',
        ...sent,
      },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  };
}
