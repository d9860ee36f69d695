import { QueryCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from '../../platform/db/client.js';
import { GSI2 } from '../../platform/db/index-keys.js';
import { parsePlatformPk, PLATFORM_PREFIX, platformPk, SK } from '../../platform/db/keys.js';
import { isConditionFailed } from '../../platform/db/transactions.js';

/**
 * The weekly resources consent index: `GSI2.weeklyResourcesConsent` keys on the email-preferences
 * item of each person who turned that email on (written and removed by `setPreferences`).
 */

type Item = Record<string, unknown>;

/**
 * One page of the people who turned the weekly resources email on, by user id: a Query of the
 * sparse consent index, so a run reads them and no one else. The index is eventually
 * consistent; the send path re-reads the preference itself (P-MAIL-3).
 */
export async function queryWeeklyResourcesConsentPage(
  db: Db,
  startKey: Record<string, unknown> | undefined,
): Promise<{ userIds: string[]; lastKey?: Record<string, unknown> }> {
  const result = await db.doc.send(
    new QueryCommand({
      TableName: db.mainTable,
      IndexName: 'GSI2',
      KeyConditionExpression: 'GSI2PK = :consent',
      ExpressionAttributeValues: { ':consent': GSI2.weeklyResourcesConsents().GSI2PK },
      ProjectionExpression: 'PK',
      ExclusiveStartKey: startKey,
    }),
  );
  return {
    userIds: (result.Items ?? []).flatMap((item) => {
      const userId = parsePlatformPk('user', item.PK);
      return userId === undefined ? [] : [userId];
    }),
    ...(result.LastEvaluatedKey === undefined ? {} : { lastKey: result.LastEvaluatedKey }),
  };
}

/**
 * Adds the consent-index keys to the preferences of people who turned the weekly email on before
 * the index existed. Idempotent: it only touches preferences that are on and still without the
 * keys, re-checked in the write's condition, so a person who turned it off meanwhile is left out.
 * A one-off maintenance Scan (`pnpm --filter @holdfast/api backfill:job-indexes`).
 */
export async function backfillWeeklyResourcesConsent(db: Db): Promise<{ updated: number }> {
  let updated = 0;
  let startKey: Item | undefined;
  do {
    const page = await db.doc.send(
      new ScanCommand({
        TableName: db.mainTable,
        FilterExpression:
          'begins_with(PK, :user) AND SK = :prefs AND weeklyResources = :on AND attribute_not_exists(GSI2PK)',
        ExpressionAttributeValues: {
          ':user': PLATFORM_PREFIX.user,
          ':prefs': SK.emailPreferences(),
          ':on': true,
        },
        ProjectionExpression: 'PK',
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      const userId = parsePlatformPk('user', item.PK);
      if (userId !== undefined && (await addConsentKeys(db, userId))) updated += 1;
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey !== undefined);
  return { updated };
}

async function addConsentKeys(db: Db, userId: string): Promise<boolean> {
  const keys = GSI2.weeklyResourcesConsent(userId);
  try {
    await db.doc.send(
      new UpdateCommand({
        TableName: db.mainTable,
        Key: { PK: platformPk('user', userId), SK: SK.emailPreferences() },
        UpdateExpression: 'SET GSI2PK = :pk, GSI2SK = :sk',
        ConditionExpression: 'weeklyResources = :on AND attribute_not_exists(GSI2PK)',
        ExpressionAttributeValues: { ':pk': keys.GSI2PK, ':sk': keys.GSI2SK, ':on': true },
      }),
    );
    return true;
  } catch (error) {
    // Turned off, purged, or indexed by a concurrent run since the scan read it: nothing to do.
    if (isConditionFailed(error)) return false;
    throw error;
  }
}
