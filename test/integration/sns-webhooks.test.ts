import { randomUUID } from 'node:crypto';
import { isSuppressed } from '@holdfast/api/modules/notifications/repo';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { SnsNotificationHandler } from '@holdfast/api/platform/webhooks/types';
import { createTestApp, type TestApp } from '../support/harness.js';
import { CERT_PATH, SNS_HOST, SnsTestServer, TOPIC } from '../support/sns.js';

jest.setTimeout(30_000);

describe('SNS webhooks', () => {
  const sns = new SnsTestServer();
  let t: TestApp;
  let clock = Date.now();
  const seen: { topicArn: string; messageId: string; body: unknown }[] = [];

  /** A test effect: one item per notification, committed with the message id. */
  const handler: SnsNotificationHandler = async (deps, message) => {
    seen.push(message);
    return {
      operations: [
        {
          Put: {
            TableName: deps.db.mainTable,
            Item: { PK: `TESTSNS#${message.messageId}`, SK: 'EFFECT', topicArn: message.topicArn },
          },
        },
      ],
      outcome: 'test-effect',
    };
  };

  beforeAll(async () => {
    await sns.start();
    t = await createTestApp({
      env: {
        SNS_TOPIC_ARNS: `${TOPIC}, arn:aws:sns:us-east-1:123456789012:other`,
        SNS_MAX_AGE_SECONDS: '3600',
      },
      overrides: { now: () => new Date(clock), snsHttp: sns.client() },
      snsNotificationHandler: handler,
    });
  });
  afterAll(async () => {
    await t.app.close();
    await sns.stop();
  });

  const post = (message: Record<string, string>) =>
    t.app.inject({
      method: 'POST',
      url: '/webhooks/sns',
      headers: { 'content-type': 'text/plain; charset=UTF-8', 'x-amz-sns-message-type': message.Type ?? '' },
      payload: JSON.stringify(message),
    });

  /** Why the newest rejected delivery was refused, from the log line the route writes. */
  function lastRejection(): string | undefined {
    const line = t.logs.filter((l) => l.includes('webhook rejected')).at(-1);
    return line === undefined ? undefined : (JSON.parse(line) as { reason?: string }).reason;
  }

  async function effectOf(messageId: string) {
    const result = await t.app.deps.db.doc.send(
      new GetCommand({
        TableName: t.app.deps.db.mainTable,
        Key: { PK: `TESTSNS#${messageId}`, SK: 'EFFECT' },
      }),
    );
    return result.Item;
  }

  it('P-HOOK-2 P-HOOK-3 accepts SignatureVersion 1 and 2 from the topic’s SNS host, once per message id', async () => {
    for (const version of ['1', '2'] as const) {
      const message = sns.message('Notification', {}, { version });
      const response = await post(message);
      expect(response.statusCode).toBe(200);
      expect(response.json<{ outcome: string }>().outcome).toBe('test-effect');
      expect(await effectOf(message.MessageId ?? '')).toMatchObject({ topicArn: TOPIC });
      expect(seen.at(-1)).toMatchObject({
        topicArn: TOPIC,
        messageId: message.MessageId,
        body: { eventType: 'Bounce' },
      });
      const before = seen.length;
      expect((await post(message)).json<{ outcome: string }>().outcome).toBe('duplicate');
      expect(seen).toHaveLength(before);
    }
  });

  it('P-HOOK-2 refuses certificates from any other host or scheme, and topics not on the allow-list', async () => {
    const fetchesBefore = sns.hits.filter((hit) => hit === CERT_PATH).length;
    const badUrls = [
      `https://sns.evil.amazonaws.com.attacker.io${CERT_PATH}`,
      `https://sns.us-east-1.amazonaws.com.evil${CERT_PATH}`,
      `http://${SNS_HOST}${CERT_PATH}`,
      `https://sns.eu-west-1.amazonaws.com${CERT_PATH}`,
      `https://${SNS_HOST}/cert.txt`,
      `https://${SNS_HOST}:8443${CERT_PATH}`,
      `https://user@${SNS_HOST}${CERT_PATH}`,
    ];
    for (const url of badUrls) {
      const message = sns.message('Notification', { SigningCertURL: url });
      const response = await post(message);
      expect(response.statusCode).toBe(400);
      expect(lastRejection()).toBe('certificate URL is not on the SNS host of the topic');
      expect(await effectOf(message.MessageId ?? '')).toBeUndefined();
    }
    const unlisted = sns.message('Notification', { TopicArn: 'arn:aws:sns:us-east-1:123456789012:unlisted' });
    expect((await post(unlisted)).statusCode).toBe(400);
    expect(lastRejection()).toBe('topic is not allow-listed');
    expect(await effectOf(unlisted.MessageId ?? '')).toBeUndefined();
    // None of them made the service fetch anything.
    expect(sns.hits.filter((hit) => hit === CERT_PATH).length).toBe(fetchesBefore);
  });

  it('P-HOOK-1 P-HOOK-2 refuses tampered, forged, stale and future messages, changing nothing', async () => {
    const tampered = sns.message('Notification', {}, { tamper: { Message: '{"eventType":"Complaint"}' } });
    const forged = sns.message(
      'Notification',
      {},
      { tamper: { Signature: Buffer.alloc(256, 7).toString('base64') } },
    );
    const stale = sns.message('Notification', { Timestamp: new Date(clock - 3601_000).toISOString() });
    const future = sns.message('Notification', { Timestamp: new Date(clock + 301_000).toISOString() });
    const badVersion = sns.message('Notification', { SignatureVersion: '3' });
    const cases: [Record<string, string>, string][] = [
      [tampered, 'signature does not match'],
      [forged, 'signature does not match'],
      [stale, 'message is stale'],
      [future, 'message is stale'],
      [badVersion, 'unknown signature version'],
    ];
    for (const [message, reason] of cases) {
      const response = await post(message);
      expect(response.statusCode).toBe(400);
      expect(lastRejection()).toBe(reason);
      expect(response.json<{ code: string }>().code).toBe('invalid_signature');
      expect(await effectOf(message.MessageId ?? '')).toBeUndefined();
    }
    expect((await post({ Type: 'Notification' })).statusCode).toBe(400);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/webhooks/sns',
          headers: { 'content-type': 'text/plain' },
          payload: 'x',
        })
      ).statusCode,
    ).toBe(400);
  });

  it('P-HOOK-2 confirms a subscription only after verifying it, and only once', async () => {
    const confirmations = () =>
      sns.hits.filter((hit) => hit.startsWith('/?Action=ConfirmSubscription')).length;
    const before = confirmations();
    const forged = sns.message('SubscriptionConfirmation', {}, { tamper: { Token: 'other-token' } });
    expect((await post(forged)).statusCode).toBe(400);
    const offHost = sns.message('SubscriptionConfirmation', {
      SubscribeURL: 'https://attacker.example/?Action=ConfirmSubscription',
    });
    expect((await post(offHost)).statusCode).toBe(400);
    expect(confirmations()).toBe(before);
    const genuine = sns.message('SubscriptionConfirmation');
    const response = await post(genuine);
    expect(response.json<{ outcome: string }>().outcome).toBe('subscription-confirmed');
    expect(confirmations()).toBe(before + 1);
    expect((await post(genuine)).json<{ outcome: string }>().outcome).toBe('duplicate');
    expect(confirmations()).toBe(before + 1);
  });

  it('P-HOOK-2 caches a certificate for a while, then fetches it again', async () => {
    const fetches = () => sns.hits.filter((hit) => hit === CERT_PATH).length;
    clock += 2 * 3600_000;
    const first = fetches();
    expect(
      (await post(sns.message('Notification', { Timestamp: new Date(clock).toISOString() }))).statusCode,
    ).toBe(200);
    expect(
      (await post(sns.message('Notification', { Timestamp: new Date(clock).toISOString() }))).statusCode,
    ).toBe(200);
    expect(fetches()).toBe(first + 1);
    clock += 3601_000;
    expect(
      (await post(sns.message('Notification', { Timestamp: new Date(clock).toISOString() }))).statusCode,
    ).toBe(200);
    expect(fetches()).toBe(first + 2);
  });

  it('P-HOOK-2 gives up on a certificate host that does not answer in time', async () => {
    const { createSnsHttpClient } = await import('@holdfast/api/platform/webhooks/sns-verifier');
    const silent = await import('node:net').then(
      ({ createServer }) =>
        new Promise<{ port: number; close: () => void }>((resolve) => {
          const server = createServer(() => undefined).listen(0, '127.0.0.1', () =>
            resolve({ port: (server.address() as { port: number }).port, close: () => server.close() }),
          );
        }),
    );
    const client = createSnsHttpClient({
      timeoutMs: 300,
      connectTo: { host: '127.0.0.1', port: silent.port },
    });
    const started = Date.now();
    await expect(client.get(new URL(`https://${SNS_HOST}${CERT_PATH}`))).rejects.toThrow(/timed out/);
    expect(Date.now() - started).toBeLessThan(5000);
    silent.close();
  });

  it('P-MAIL-4 P-HOOK-3 a signed SES bounce through SNS suppresses the address by default, once', async () => {
    const plain = await createTestApp({
      env: { SNS_TOPIC_ARNS: TOPIC },
      overrides: { snsHttp: sns.client() },
    });
    const bounced = `bounced-${randomUUID()}@example.test`;
    const message = sns.message('Notification', {
      Message: JSON.stringify({
        eventType: 'Bounce',
        bounce: { bounceType: 'Permanent', bouncedRecipients: [{ emailAddress: bounced }] },
      }),
    });
    const deliver = () =>
      plain.app.inject({
        method: 'POST',
        url: '/webhooks/sns',
        headers: { 'content-type': 'text/plain; charset=UTF-8' },
        payload: JSON.stringify(message),
      });
    const first = await deliver();
    expect(first.json<{ outcome: string }>().outcome).toMatch(/^suppressed 1/);
    expect(await isSuppressed(plain.app.deps.db, bounced)).toBe(true);
    const again = await deliver();
    expect(again.statusCode).toBe(200);
    expect(again.json<{ outcome: string }>().outcome).toBe('duplicate');
    await plain.app.close();
    // A second app is built inside this test; on a loaded machine that alone can take most of 30 s.
  }, 90_000);
});
