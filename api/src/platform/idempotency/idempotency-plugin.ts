import { createHash } from 'node:crypto';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Db } from '../db/client.js';
import { SK, platformPk } from '../db/keys.js';
import { isConditionFailed } from '../db/transactions.js';
import { AppError } from '../errors.js';
import { principalKey, toActor } from '../auth/principal.js';
import { canonicalJson } from '../audit/audit-chain.js';
import type { ReplaySealer, SealedPlace } from './sealed-replays.js';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
const KEY_PATTERN = /^[A-Za-z0-9_.:-]{8,128}$/;
const RETENTION_SECONDS = 24 * 3600;
const RECORD_SK = SK.idempotencyRecord();
const SEALED_BODY = 'sealedBody';
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
  /** The answer of a route without PHI, as sent. */
  body?: string;
  /** The answer of a PHI route, sealed under the tenant's wellbeing key. */
  sealedBody?: Uint8Array;
  expiresAtEpoch: number;
};

type IdempotencyOptions = { db: Db; now: () => Date; sealer: ReplaySealer };

const sealedPlace = (pk: string): SealedPlace => ({ pk, sk: RECORD_SK, attr: SEALED_BODY });

/** The tenant whose wellbeing key seals this request's answer, or null when it carries no PHI. */
function phiTenantOf(request: FastifyRequest): string | null {
  return request.routeOptions.config.hasPhi === true ? (request.tenant?.tenantId ?? null) : null;
}

/** The stored answer in plain form; a sealed one is opened (and its read audited) for its tenant. */
async function readStoredBody(
  sealer: ReplaySealer,
  request: FastifyRequest,
  record: { pk: string; item: IdempotencyItem; route: string },
): Promise<string> {
  const { item } = record;
  if (item.sealedBody === undefined) return item.body ?? '';
  const tenantId = phiTenantOf(request);
  const principal = request.principal;
  const body =
    tenantId === null || principal === null
      ? undefined
      : await sealer.openCopy(
          { tenantId, actor: toActor(principal) },
          sealedPlace(record.pk),
          item.sealedBody,
          {
            action: 'wellbeing.response.replayed',
            target: `${request.method} ${record.route}`,
          },
        );
  // The tenant's wellbeing key was destroyed (or the copy altered): the answer is gone for good.
  if (body === undefined) {
    throw new AppError(
      'gone',
      'The answer to the first request with this Idempotency-Key can no longer be read. Send the request again with a new key.',
    );
  }
  return body;
}

/** The attribute that keeps an answer: plain, or sealed for a PHI route (undefined: keep none). */
async function toStoredBody(
  sealer: ReplaySealer,
  request: FastifyRequest,
  pk: string,
  payload: string,
): Promise<{ name: 'body' | typeof SEALED_BODY; value: string | Uint8Array } | undefined> {
  const tenantId = phiTenantOf(request);
  if (tenantId === null) return { name: 'body', value: payload };
  try {
    return { name: SEALED_BODY, value: await sealer.sealCopy(tenantId, sealedPlace(pk), payload) };
  } catch (error) {
    // The key is unreachable: keep no replay rather than a plain copy; a retry runs again.
    request.log.warn({ errorName: error instanceof Error ? error.name : 'unknown' }, 'replay not sealed');
    return undefined;
  }
}

/**
 * Integrators may send `Idempotency-Key` on any POST. The first request with a key runs and, when
 * it succeeds, its response is stored for 24 hours; a retry with the same key and body gets that response again
 * (with `Idempotent-Replayed: true`) and creates nothing new. The same key with another body, or
 * while the first request is still running, answers 409.
 *
 * The answer of a route marked `hasPhi` holds wellbeing data, which never rests in the main table
 * in plain form (P-PHI-1, P-PHI-2): `sealer` (the PHI chokepoint) keeps it sealed under the
 * tenant's wellbeing key and opens it on replay. Once that key is destroyed (P-PHI-4) the replay
 * answers 410.
 */
export const idempotencyPlugin = fp(async (app: FastifyInstance, options: IdempotencyOptions) => {
  const { db, sealer } = options;
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
    // A PHI route outside a tenant has no key to seal its answer under: it keeps no replay.
    if (request.routeOptions.config.hasPhi === true && phiTenantOf(request) === null) return;
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
            SK: RECORD_SK,
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
        new GetCommand({ TableName: db.mainTable, Key: { PK: pk, SK: RECORD_SK }, ConsistentRead: true }),
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
    const body = await readStoredBody(sealer, request, { pk, item: existing, route });
    return reply
      .status(existing.statusCode)
      .header('idempotent-replayed', 'true')
      .type(existing.contentType ?? 'application/json')
      .serializer((payload: unknown) => String(payload))
      .send(body);
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
    // Only an answer that did something is kept for replay. A refused request (4xx: a conflict,
    // a cap reached, a record not found) changed nothing, and what refused it may have changed
    // by the retry, so replaying the refusal for a day would keep refusing a request that now
    // succeeds: its record is dropped and a retry with the same key runs again.
    const stored =
      reply.statusCode >= 400 || typeof payload !== 'string'
        ? undefined
        : await toStoredBody(sealer, request, pk, payload);
    if (stored === undefined) {
      // Nothing to replay: let a retry run the request again.
      await db.doc
        .send(new DeleteCommand({ TableName: db.mainTable, Key: { PK: pk, SK: RECORD_SK } }))
        .catch(logFailure);
      return payload;
    }
    await db.doc
      .send(
        new UpdateCommand({
          TableName: db.mainTable,
          Key: { PK: pk, SK: RECORD_SK },
          UpdateExpression: 'SET #state = :done, statusCode = :status, contentType = :type, #body = :body',
          ExpressionAttributeNames: { '#state': 'state', '#body': stored.name },
          ExpressionAttributeValues: {
            ':done': 'done',
            ':status': reply.statusCode,
            ':type': String(reply.getHeader('content-type') ?? 'application/json'),
            ':body': stored.value,
          },
        }),
      )
      .catch(logFailure);
    return payload;
  });
});
