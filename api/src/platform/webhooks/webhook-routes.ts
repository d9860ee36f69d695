import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { AppDeps } from '../deps.js';
import { AppError } from '../errors.js';
import { PROBLEM_RESPONSES } from '../http/schema-ref.js';
import { isUsableEventId, recordDelivery } from './ledger.js';
import { processDelivery } from './process-delivery.js';
import {
  SnsVerificationError,
  type SnsHttpClient,
  type SnsMessage,
  type SnsVerifier,
} from './sns-verifier.js';
import type {
  FollowUpRunner,
  SnsNotificationHandler,
  WebhookEffect,
  WebhookFaults,
  WebhookProvider,
} from './types.js';

/** A provider whose signature check yields an event with an id and a type. */
export type ProviderWebhook<E extends { id: string; type: string }> = {
  /** Throws when the signature is missing, forged, stale or made with another secret. */
  verify: (raw: Buffer, headers: IncomingHttpHeaders) => Promise<E>;
  handle: (deps: AppDeps, event: E) => Promise<WebhookEffect>;
};

/** A provider webhook with its event type hidden: verifying yields the event's id, type and effect. */
export type BoundWebhook = {
  verify: (
    raw: Buffer,
    headers: IncomingHttpHeaders,
  ) => Promise<{ id: string; type: string; plan: (deps: AppDeps) => Promise<WebhookEffect> }>;
};

/** Binds a provider's verifier to its handler. */
export function bindWebhook<E extends { id: string; type: string }>(
  webhook: ProviderWebhook<E>,
): BoundWebhook {
  return {
    verify: async (raw, headers) => {
      const event = await webhook.verify(raw, headers);
      return { id: event.id, type: event.type, plan: (deps) => webhook.handle(deps, event) };
    },
  };
}

export type WebhookRoutesOptions = {
  stripe?: BoundWebhook;
  clerk?: BoundWebhook;
  sns: { verifier: SnsVerifier; http: SnsHttpClient; handler: SnsNotificationHandler };
  followUpRunners: Record<string, FollowUpRunner>;
  faults?: WebhookFaults;
};

/** Webhook payloads are small; a larger body is refused before it is read. */
const WEBHOOK_BODY_LIMIT = 256 * 1024;

const AckSchema = Type.Object({ received: Type.Boolean(), outcome: Type.String() });
const RESPONSES = { 200: AckSchema, 400: PROBLEM_RESPONSES[400] };
/** Provider-facing, not part of the client API: kept out of /openapi.json and the SPA's types. */
const HIDDEN = { hide: true, tags: ['webhooks'] };

/** The default SNS effect until a module supplies one: the delivery is recorded and nothing else. */
export const recordOnlySnsHandler: SnsNotificationHandler = async () => ({
  operations: [],
  outcome: 'recorded',
});

/** Confirms an SNS subscription by fetching its SubscribeURL (already checked to be on SNS). */
export function confirmSubscriptionRunner(http: SnsHttpClient): FollowUpRunner {
  return async (_deps, data) => {
    const url = data.subscribeUrl;
    if (url === undefined) return;
    await http.get(new URL(url));
  };
}

function snsEffect(
  deps: AppDeps,
  message: SnsMessage,
  handler: SnsNotificationHandler,
): Promise<WebhookEffect> | WebhookEffect {
  if (message.Type === 'SubscriptionConfirmation') {
    return {
      operations: [],
      outcome: 'subscription-confirmed',
      followUps: [{ kind: 'sns-confirm-subscription', data: { subscribeUrl: message.SubscribeURL ?? '' } }],
    };
  }
  if (message.Type === 'UnsubscribeConfirmation') return { operations: [], outcome: 'unsubscribe-noted' };
  let body: unknown = message.Message;
  try {
    body = JSON.parse(message.Message);
  } catch {
    // Not every topic publishes JSON; the handler gets the text as it came.
  }
  return handler(deps, { topicArn: message.TopicArn, messageId: message.MessageId, body });
}

/**
 * `/webhooks/stripe`, `/webhooks/clerk`, `/webhooks/sns`. In this scope every body is read as raw
 * bytes, because signatures are over the exact bytes sent; nothing is parsed, stored or acted on
 * before the signature is verified (P-HOOK-1). Then the event goes through the exactly-once
 * ledger (P-HOOK-3, P-HOOK-4), and each delivery is logged without its content.
 */
export const webhookRoutes: FastifyPluginAsyncTypebox<WebhookRoutesOptions> = async (app, options) => {
  const { deps } = app;
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    '*',
    { parseAs: 'buffer', bodyLimit: WEBHOOK_BODY_LIMIT },
    (_request, body, done) => {
      done(null, body);
    },
  );

  async function receive<E extends { id: string; type: string }>(
    provider: WebhookProvider,
    raw: unknown,
    verify: () => Promise<E>,
    plan: (event: E) => Promise<WebhookEffect> | WebhookEffect,
    log: { warn: (object: object, message: string) => void },
  ): Promise<{ received: boolean; outcome: string }> {
    const started = Date.now();
    const receivedAt = deps.now().toISOString();
    const finish = async (outcome: string, event?: { id: string; type: string }) => {
      await recordDelivery(deps.db, provider, {
        ...(event === undefined ? {} : { eventId: event.id, type: event.type }),
        receivedAt,
        outcome,
        durationMs: Date.now() - started,
      });
    };
    let event: E;
    try {
      if (!Buffer.isBuffer(raw) || raw.length === 0) throw new Error('empty body');
      event = await verify();
      if (!isUsableEventId(event.id)) throw new Error('unusable event id');
    } catch (error) {
      // Logged by name (and our own fixed reason), never by message: a message could quote the payload.
      const reason = error instanceof SnsVerificationError ? error.reason : undefined;
      log.warn(
        { provider, error: error instanceof Error ? error.name : 'unknown', reason },
        'webhook rejected',
      );
      await finish('rejected');
      throw new AppError('invalid_signature');
    }
    try {
      const result = await processDelivery(
        deps,
        {
          provider,
          eventId: event.id,
          type: event.type,
          faults: options.faults,
          followUpRunners: options.followUpRunners,
        },
        async () => plan(event),
      );
      await options.faults?.('before-response', { provider, eventId: event.id });
      await finish(result.outcome, event);
      return { received: true, outcome: result.outcome };
    } catch (error) {
      await finish('failed', event);
      throw error;
    }
  }

  const bound: [WebhookProvider, BoundWebhook | undefined, string][] = [
    ['stripe', options.stripe, 'Stripe events (signed)'],
    ['clerk', options.clerk, 'Clerk events (Svix-signed)'],
  ];
  for (const [provider, webhook, summary] of bound) {
    if (webhook === undefined) continue;
    app.post(
      `/webhooks/${provider}`,
      { schema: { ...HIDDEN, summary, response: RESPONSES } },
      async (request) =>
        receive(
          provider,
          request.body,
          () => webhook.verify(request.body as Buffer, request.headers),
          (event) => event.plan(deps),
          request.log,
        ),
    );
  }
  const sns = options.sns;
  app.post(
    '/webhooks/sns',
    { schema: { ...HIDDEN, summary: 'Amazon SNS messages (signed)', response: RESPONSES } },
    async (request) =>
      receive(
        'sns',
        request.body,
        async () => {
          const message = await sns.verifier.verify((request.body as Buffer).toString('utf8'));
          return { id: message.MessageId, type: message.Type, message };
        },
        (event) => snsEffect(deps, event.message, sns.handler),
        request.log,
      ),
  );
};
