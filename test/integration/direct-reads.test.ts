import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { createDb, type Db } from '@holdfast/api/platform/db/client';
import { createId } from '@holdfast/api/platform/db/ids';
import { GSI1 } from '@holdfast/api/platform/db/index-keys';
import { SK, tenantPk } from '@holdfast/api/platform/db/keys';
import { testConfig } from '../support/harness.js';

/**
 * GetItem and Query go out as one signed request (platform/db/direct-reads.ts) instead of through
 * the SDK's middleware stack. These tests hold it to the SDK's own answers: the same values for
 * every attribute type, the same pages, and, for anything but a clean answer, the SDK's retries
 * and typed exceptions.
 */

/** Counts the calls that reach the SDK's serialize step, which the direct path never does. */
function countSdkSends(db: Db): { count: number } {
  const counter = { count: 0 };
  db.doc.middlewareStack.add(
    (next) => async (args) => {
      counter.count += 1;
      return next(args);
    },
    { step: 'serialize', name: 'sdkSendCounter' },
  );
  return counter;
}

describe('direct reads', () => {
  const config = testConfig();
  let db: Db;
  let sdkOnly: DynamoDBDocumentClient;
  let sdkSends: { count: number };
  const tenantId = createId();
  const ids = Array.from({ length: 5 }, () => createId()).sort();

  beforeAll(async () => {
    db = createDb(config);
    sdkSends = countSdkSends(db);
    // The SDK alone, configured as before direct reads, to compare answers with.
    sdkOnly = DynamoDBDocumentClient.from(
      new DynamoDBClient({
        region: config.AWS_REGION,
        endpoint: config.DYNAMODB_ENDPOINT ?? '',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      }),
      { marshallOptions: { removeUndefinedValues: true } },
    );
    for (const [index, id] of ids.entries()) {
      await sdkOnly.send(
        new PutCommand({
          TableName: db.mainTable,
          Item: {
            PK: tenantPk(tenantId),
            SK: SK.incident(id),
            ...GSI1.incidentByOccurrence(tenantId, `2026-10-0${String(index + 1)}T00:00:00.000Z`, id),
            text: 'naïve “quoted” text',
            count: index,
            ratio: 0.25,
            isOpen: index % 2 === 0,
            nothing: null,
            tags: new Set(['a', 'b']),
            sizes: new Set([1, 2]),
            blob: new Uint8Array([1, 2, 3]),
            nested: { list: [1, 'two', { three: true }], empty: {} },
          },
        }),
      );
    }
  });
  afterAll(() => {
    db.destroy();
    sdkOnly.destroy();
  });

  it('reads an item of every attribute type as the SDK does, without the SDK sending it', async () => {
    const input = { TableName: db.mainTable, Key: { PK: tenantPk(tenantId), SK: SK.incident(ids[0] ?? '') } };
    sdkSends.count = 0;
    const direct = await db.doc.send(new GetCommand({ ...input, ConsistentRead: true }));
    expect(sdkSends.count).toBe(0);
    const viaSdk = await sdkOnly.send(new GetCommand({ ...input, ConsistentRead: true }));
    expect(direct.Item).toEqual(viaSdk.Item);
    expect(direct.Item?.tags).toEqual(new Set(['a', 'b']));
    expect(direct.$metadata.httpStatusCode).toBe(200);
    const projected = await db.doc.send(
      new GetCommand({ ...input, ProjectionExpression: '#c', ExpressionAttributeNames: { '#c': 'count' } }),
    );
    expect(projected.Item).toEqual({ count: 0 });
    const absent = await db.doc.send(
      new GetCommand({ ...input, Key: { ...input.Key, SK: SK.incident(createId()) } }),
    );
    expect(absent.Item).toBeUndefined();
    expect(sdkSends.count).toBe(0);
  });

  it('pages a query (table and index, filters, start keys) as the SDK does', async () => {
    const table = {
      TableName: db.mainTable,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      FilterExpression: 'isOpen = :open',
      ExpressionAttributeValues: { ':pk': tenantPk(tenantId), ':prefix': SK.incident(''), ':open': true },
      Limit: 2,
    };
    const byIndex = {
      TableName: db.mainTable,
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk',
      ExpressionAttributeValues: {
        ':pk': GSI1.incidentByOccurrence(tenantId, '2026-10-01T00:00:00.000Z', ids[0] ?? '').GSI1PK,
      },
      ScanIndexForward: false,
      Limit: 3,
    };
    for (const input of [table, byIndex]) {
      let startKey: Record<string, unknown> | undefined;
      let pages = 0;
      do {
        const page = { ...input, ...(startKey === undefined ? {} : { ExclusiveStartKey: startKey }) };
        sdkSends.count = 0;
        const direct = await db.doc.send(new QueryCommand(page));
        expect(sdkSends.count).toBe(0);
        const viaSdk = await sdkOnly.send(new QueryCommand(page));
        expect(direct.Items).toEqual(viaSdk.Items);
        expect(direct.LastEvaluatedKey).toEqual(viaSdk.LastEvaluatedKey);
        expect([direct.Count, direct.ScannedCount]).toEqual([viaSdk.Count, viaSdk.ScannedCount]);
        startKey = direct.LastEvaluatedKey;
        pages += 1;
      } while (startKey !== undefined);
      expect(pages).toBeGreaterThan(1);
    }
  });

  it('leaves a value it does not write itself (a set) to the SDK, which answers alike', async () => {
    sdkSends.count = 0;
    const result = await db.doc.send(
      new QueryCommand({
        TableName: db.mainTable,
        KeyConditionExpression: 'PK = :pk',
        FilterExpression: 'sizes = :sizes',
        ExpressionAttributeValues: { ':pk': tenantPk(tenantId), ':sizes': new Set([2, 1]) },
      }),
    );
    expect(sdkSends.count).toBe(1);
    expect(result.Items?.map((item): unknown => item.count)).toEqual([0, 1, 2, 3, 4]);
  });

  it('reports an error answer as the SDK’s own exception', async () => {
    const missing = db.doc.send(
      new GetCommand({ TableName: `${db.mainTable}-missing`, Key: { PK: tenantPk(tenantId), SK: 'x' } }),
    );
    await expect(missing).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  describe('against a throttling DynamoDB', () => {
    let server: Server;
    let answers: number[] = [];
    let stubbed: Db;
    const THROTTLED = JSON.stringify({
      __type: 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException',
      message: 'throttled',
    });

    beforeAll(async () => {
      // Answers with the status codes in `answers`, in turn (200 with an item once they run out).
      server = createServer((request, response) => {
        request.resume();
        request.on('end', () => {
          const status = answers.shift() ?? 200;
          const body =
            status === 200 ? JSON.stringify({ Item: { PK: { S: 'P' }, SK: { S: 'S' } } }) : THROTTLED;
          response.writeHead(status, { 'content-type': 'application/x-amz-json-1.0' });
          response.end(body);
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      stubbed = createDb(testConfig({ DYNAMODB_ENDPOINT: `http://127.0.0.1:${String(port)}` }));
    });
    afterAll(async () => {
      stubbed.destroy();
      await new Promise((resolve) => server.close(resolve));
    });

    it('retries a throttled read through the SDK, and throws its exception when throttling lasts', async () => {
      const read = () => stubbed.doc.send(new GetCommand({ TableName: 'main', Key: { PK: 'P', SK: 'S' } }));
      answers = [400];
      await expect(read()).resolves.toMatchObject({ Item: { PK: 'P', SK: 'S' } });
      answers = [400, 400, 400];
      await expect(read()).rejects.toMatchObject({ name: 'ProvisionedThroughputExceededException' });
      expect(answers).toEqual([]);
    });
  });
});
