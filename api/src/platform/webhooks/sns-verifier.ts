import { createPublicKey, verify, X509Certificate, type KeyObject } from 'node:crypto';
import { request } from 'node:https';

/**
 * Verifies Amazon SNS messages with `crypto.verify`, stricter than the npm validators: the
 * certificate must come over HTTPS from exactly `sns.<region of the topic>.amazonaws.com` with a
 * `.pem` path, the topic must be allow-listed, the message must be fresh, and certificates are
 * cached for a while, not forever (P-HOOK-2).
 */

export type SnsMessage = {
  Type: 'Notification' | 'SubscriptionConfirmation' | 'UnsubscribeConfirmation';
  MessageId: string;
  TopicArn: string;
  Message: string;
  Timestamp: string;
  SignatureVersion: string;
  Signature: string;
  SigningCertURL: string;
  Subject?: string;
  SubscribeURL?: string;
  Token?: string;
};

/** HTTPS GETs of SNS URLs (certificates, SubscribeURL); tests supply one that trusts their own CA. */
export type SnsHttpClient = { get: (url: URL) => Promise<string> };

export class SnsVerificationError extends Error {
  constructor(readonly reason: string) {
    super(`SNS message rejected: ${reason}`);
    this.name = 'SnsVerificationError';
  }
}

const NOTIFICATION_FIELDS = ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type'] as const;
const CONFIRMATION_FIELDS = [
  'Message',
  'MessageId',
  'SubscribeURL',
  'Timestamp',
  'Token',
  'TopicArn',
  'Type',
] as const;
const TOPIC_ARN =
  /^arn:aws(?:-[a-z]+)*:sns:([a-z]{2}(?:-[a-z]+)+-\d):\d{12}:[A-Za-z0-9_-]{1,256}(?:\.fifo)?$/;
const MAX_FUTURE_SKEW_MS = 5 * 60_000;
const MAX_PEM_BYTES = 16 * 1024;

/** Parses the posted body into an SNS message, refusing anything with a missing or odd field. */
export function parseSnsMessage(raw: string): SnsMessage {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new SnsVerificationError('body is not JSON');
  }
  if (typeof parsed !== 'object' || parsed === null) throw new SnsVerificationError('body is not an object');
  const message = parsed as Record<string, unknown>;
  const type = message.Type;
  if (type !== 'Notification' && type !== 'SubscriptionConfirmation' && type !== 'UnsubscribeConfirmation') {
    throw new SnsVerificationError('unknown message type');
  }
  const required = [
    'MessageId',
    'TopicArn',
    'Message',
    'Timestamp',
    'SignatureVersion',
    'Signature',
    'SigningCertURL',
  ];
  if (type !== 'Notification') required.push('SubscribeURL', 'Token');
  for (const field of required) {
    if (typeof message[field] !== 'string') throw new SnsVerificationError(`missing ${field}`);
  }
  if (message.Subject !== undefined && typeof message.Subject !== 'string') {
    throw new SnsVerificationError('bad Subject');
  }
  return message as unknown as SnsMessage;
}

/** The exact text SNS signs: `Key\nValue\n` for each field, in AWS's order. */
export function buildStringToSign(message: SnsMessage): string {
  const fields = message.Type === 'Notification' ? NOTIFICATION_FIELDS : CONFIRMATION_FIELDS;
  let text = '';
  for (const field of fields) {
    const value = message[field];
    if (value === undefined) continue;
    text += `${field}\n${value}\n`;
  }
  return text;
}

/** The region of a topic ARN, or undefined for anything that is not one. */
export function regionOfTopic(topicArn: string): string | undefined {
  return TOPIC_ARN.exec(topicArn)?.[1];
}

/** Whether a URL is an HTTPS URL on exactly the SNS host of `region` (no port, no credentials). */
export function isSnsUrl(url: URL, region: string): boolean {
  return (
    url.protocol === 'https:' &&
    url.hostname === `sns.${region}.amazonaws.com` &&
    url.port === '' &&
    url.username === '' &&
    url.password === ''
  );
}

/** Reads an HTTPS URL with a timeout and a size cap (the default SNS HTTP client). */
export function createSnsHttpClient(
  options: { timeoutMs: number; ca?: string; connectTo?: { host: string; port: number } } = {
    timeoutMs: 5000,
  },
): SnsHttpClient {
  return {
    get: (url) =>
      new Promise<string>((resolve, reject) => {
        if (url.protocol !== 'https:') {
          reject(new SnsVerificationError('only https is fetched'));
          return;
        }
        const req = request(
          {
            host: options.connectTo?.host ?? url.hostname,
            port: options.connectTo?.port ?? 443,
            servername: url.hostname,
            path: `${url.pathname}${url.search}`,
            method: 'GET',
            headers: { host: url.hostname },
            timeout: options.timeoutMs,
            ...(options.ca === undefined ? {} : { ca: options.ca }),
          },
          (response) => {
            if (response.statusCode !== 200) {
              response.resume();
              reject(new SnsVerificationError(`fetch answered ${response.statusCode ?? 0}`));
              return;
            }
            const chunks: Buffer[] = [];
            let size = 0;
            response.on('data', (chunk: Buffer) => {
              size += chunk.length;
              if (size > MAX_PEM_BYTES) {
                req.destroy(new SnsVerificationError('response too large'));
                return;
              }
              chunks.push(chunk);
            });
            response.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
            response.on('error', reject);
          },
        );
        req.on('timeout', () => req.destroy(new SnsVerificationError('fetch timed out')));
        req.on('error', reject);
        req.end();
      }),
  };
}

export type SnsVerifierOptions = {
  allowedTopicArns: readonly string[];
  maxAgeMs: number;
  http: SnsHttpClient;
  now: () => Date;
  /** How long a fetched certificate is trusted before it is fetched again. */
  certificateTtlMs?: number;
};

export type SnsVerifier = { verify: (raw: string) => Promise<SnsMessage> };

export function createSnsVerifier(options: SnsVerifierOptions): SnsVerifier {
  const ttl = options.certificateTtlMs ?? 60 * 60_000;
  const cache = new Map<string, { key: KeyObject; until: number }>();
  const allowed = new Set(options.allowedTopicArns);

  async function loadKey(url: URL): Promise<KeyObject> {
    const now = options.now().getTime();
    const cached = cache.get(url.href);
    if (cached !== undefined && cached.until > now) return cached.key;
    const pem = await options.http.get(url);
    let certificate: X509Certificate;
    try {
      certificate = new X509Certificate(pem);
    } catch {
      throw new SnsVerificationError('certificate does not parse');
    }
    if (Date.parse(certificate.validFrom) > now || Date.parse(certificate.validTo) < now) {
      throw new SnsVerificationError('certificate is not valid now');
    }
    const key = createPublicKey(certificate.publicKey.export({ type: 'spki', format: 'pem' }));
    cache.set(url.href, { key, until: now + ttl });
    return key;
  }

  return {
    verify: async (raw) => {
      const message = parseSnsMessage(raw);
      if (!allowed.has(message.TopicArn)) throw new SnsVerificationError('topic is not allow-listed');
      const region = regionOfTopic(message.TopicArn);
      if (region === undefined) throw new SnsVerificationError('topic ARN does not parse');
      let certUrl: URL;
      try {
        certUrl = new URL(message.SigningCertURL);
      } catch {
        throw new SnsVerificationError('certificate URL does not parse');
      }
      if (!isSnsUrl(certUrl, region) || !certUrl.pathname.endsWith('.pem')) {
        throw new SnsVerificationError('certificate URL is not on the SNS host of the topic');
      }
      if (message.SubscribeURL !== undefined) {
        let subscribeUrl: URL;
        try {
          subscribeUrl = new URL(message.SubscribeURL);
        } catch {
          throw new SnsVerificationError('SubscribeURL does not parse');
        }
        if (!isSnsUrl(subscribeUrl, region)) throw new SnsVerificationError('SubscribeURL is not on SNS');
      }
      const sentAt = Date.parse(message.Timestamp);
      const now = options.now().getTime();
      if (Number.isNaN(sentAt)) throw new SnsVerificationError('timestamp does not parse');
      if (now - sentAt > options.maxAgeMs || sentAt - now > MAX_FUTURE_SKEW_MS) {
        throw new SnsVerificationError('message is stale');
      }
      const algorithm =
        message.SignatureVersion === '1'
          ? 'RSA-SHA1'
          : message.SignatureVersion === '2'
            ? 'RSA-SHA256'
            : undefined;
      if (algorithm === undefined) throw new SnsVerificationError('unknown signature version');
      const key = await loadKey(certUrl);
      const isValid = verify(
        algorithm,
        Buffer.from(buildStringToSign(message), 'utf8'),
        key,
        Buffer.from(message.Signature, 'base64'),
      );
      if (!isValid) throw new SnsVerificationError('signature does not match');
      return message;
    },
  };
}
