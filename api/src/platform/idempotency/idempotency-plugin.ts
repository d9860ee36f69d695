import { createHash } from 'node:crypto';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Db } from '../db/client.js';
import { platformPk } from '../db/keys.js';
import { isConditionFailed } from '../db/transactions.js';
import { AppError } from '../errors.js';
import { principalKey } from '../auth/principal.js';
import { canonicalJson } from '../audit/audit-chain.js';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
const KEY_PATTERN = /^[A-Za-z0-9_.:-]{8,128}$/;
const RETENTION_SECONDS = 24 * 3600;
/**
 * A first request still marked running after this long is taken to have died (its process
 * stopped, or the database went away before its failure could be recorded), so a retry may run.
 * Longer than any request takes, the largest streamed upload included.
 */
const IN_PROGRESS_LEASE_SECONDS = 15 * 60;

declare module 'fastify' {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- augmentation needs an interface
  interface FastifyRequest {
    idempotencyRecordPk: string | null;
  }
}

type IdempotencyItem = {
  requestHash: string;
  state: 'in-progress' | 'done';
  startedAtEpoch?: number;
  statusCode?: number;
  contentType?: string;
  body?: string;
  expiresAtEpoch: number;
};

/**
 * Integrators may send `Idempotency-Key` on any POST. The first request with a key runs and its
 * response is stored for 24 hours; a retry with the same key and body gets that response again
 * (with `Idempotent-Replayed: true`) and creates nothing new. The same key with another body, or
 * while the first request is still running, answers 409.
 */
export const idempotencyPlugin = fp(async (app: FastifyInstance, options: { db: Db; now: () => Date }) => {
  const { db } = options;
  app.decorateRequest('idempotencyRecordPk', null);

  app.addHook('preHandler', async (request, reply) => {
    const key = request.headers[IDEMPOTENCY_HEADER];
    if (request.method !== 'POST' || typeof key !== 'string' || request.principal === null) return;
    if (!KEY_PATTERN.test(key)) {
      throw new AppError('validation_failed', 'Idempotency-Key must be 8-128 letters, digits or . _ : -', {
        errors: [{ field: 'Idempotency-Key', message: 'must be 8-128 letters, digits or . _ : -' }],
      });
    }
    const route = request.routeOptions.url ?? request.url;
    const pk = platformPk(
      'idempotency',
      createHash('sha256')
        .update(`${principalKey(request.principal)}|${key}`)
        .digest('hex'),
    );
    const requestHash = createHash('sha256')
      .update(
        `${request.method} ${route} ${JSON.stringify(request.params)} ${canonicalJson(request.query ?? null)} ${canonicalJson(request.body ?? null)}`,
      )
      .digest('hex');
    const nowEpoch = Math.floor(options.now().getTime() / 1000);
    try {
      await db.doc.send(
        new PutCommand({
          TableName: db.mainTable,
          Item: {
            PK: pk,
            SK: 'IDEMPOTENCY',
            entity: 'IdempotencyRecord',
            requestHash,
            state: 'in-progress',
            startedAtEpoch: nowEpoch,
            expiresAtEpoch: nowEpoch + RETENTION_SECONDS,
          },
          // An expired record (TTL not yet applied) may be reused, and so may the record of the
          // same request left running past its lease.
          ConditionExpression:
            'attribute_not_exists(PK) OR expiresAtEpoch < :now OR (requestHash = :hash AND #state = :running AND startedAtEpoch < :staleBefore)',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: {
            ':now': nowEpoch,
            ':hash': requestHash,
            ':running': 'in-progress',
            ':staleBefore': nowEpoch - IN_PROGRESS_LEASE_SECONDS,
          },
        }),
      );
      request.idempotencyRecordPk = pk;
      return;
    } catch (error) {
      if (!isConditionFailed(error)) throw error;
    }
    const existing = (
      await db.doc.send(
        new GetCommand({ TableName: db.mainTable, Key: { PK: pk, SK: 'IDEMPOTENCY' }, ConsistentRead: true }),
      )
    ).Item as IdempotencyItem | undefined;
    if (existing === undefined || existing.requestHash !== requestHash) {
      throw new AppError(
        'idempotency_conflict',
        'This Idempotency-Key was already used for a different request.',
      );
    }
    if (existing.state !== 'done' || existing.statusCode === undefined) {
      throw new AppError(
        'idempotency_conflict',
        'The first request with this Idempotency-Key is still running; retry shortly.',
      );
    }
    return reply
      .status(existing.statusCode)
      .header('idempotent-replayed', 'true')
      .type(existing.contentType ?? 'application/json')
      .serializer((payload: unknown) => String(payload))
      .send(existing.body ?? '');
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const pk = request.idempotencyRecordPk;
    if (typeof pk !== 'string') return payload;
    request.idempotencyRecordPk = null;
    // The answer goes out whatever happens to its record: failing here would replace it with an
    // unhandled error. A record that cannot be updated stays running until its lease ends.
    const logFailure = (error: unknown) =>
      request.log.error(
        { errorName: error instanceof Error ? error.name : 'unknown' },
        'idempotency record not updated',
      );
    if (reply.statusCode >= 500 || typeof payload !== 'string') {
      // Nothing durable to replay: let a retry run the request again.
      await db.doc
        .send(new DeleteCommand({ TableName: db.mainTable, Key: { PK: pk, SK: 'IDEMPOTENCY' } }))
        .catch(logFailure);
      return payload;
    }
    await db.doc
      .send(
        new UpdateCommand({
          TableName: db.mainTable,
          Key: { PK: pk, SK: 'IDEMPOTENCY' },
          UpdateExpression: 'SET #state = :done, statusCode = :status, contentType = :type, body = :body',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: {
            ':done': 'done',
            ':status': reply.statusCode,
            ':type': String(reply.getHeader('content-type') ?? 'application/json'),
            ':body': payload,
          },
        }),
      )
      .catch(logFailure);
    return payload;
  });
});
