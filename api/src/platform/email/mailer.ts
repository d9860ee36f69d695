import type { SESv2Client } from '@aws-sdk/client-sesv2';
import type { Config } from '../../config.js';
import { loadOnFirstUse } from '../load-on-first-use.js';

/** Transactional mail is always sent; optional mail only with consent (P-MAIL-1). */
export type MailCategory = 'transactional' | 'optional';

export type OutgoingMail = {
  to: string;
  subject: string;
  text: string;
  html: string;
  category: MailCategory;
  headers?: { name: string; value: string }[];
};

export type Mailer = {
  send: (mail: OutgoingMail) => Promise<{ messageId: string | undefined }>;
  destroy: () => void;
};

/** How long one SendEmail call may take; the outbox lease is longer than this. */
export const SEND_TIMEOUT_MS = 10_000;

/** Thrown by a mailer when the message was certainly not accepted (safe to try again). */
export class MailNotSentError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'MailNotSentError';
  }
}

const NOT_CONNECTED_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH']);

/**
 * Whether a send error proves the message was not accepted: SES answered with an error, the
 * connection was never made, or the adapter said so. A timeout or a reset connection proves
 * nothing (SES may have accepted the message before the answer was lost).
 */
export function isCertainlyNotSent(error: unknown): boolean {
  if (error instanceof MailNotSentError) return true;
  if (typeof error !== 'object' || error === null) return false;
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  if (typeof status === 'number' && status >= 400) return true;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && NOT_CONNECTED_CODES.has(code);
}

/**
 * Sends mail through SESv2: real SES in production, the local SESv2 server (with its web view of
 * sent mail) in the embedded default — the same client and call either way.
 */
export function createMailer(config: Config): Mailer {
  let client: SESv2Client | undefined;
  // The SES client loads with the first message sent, not at start: most cold starts send none.
  const loadSes = loadOnFirstUse(async () => {
    const ses = await import('@aws-sdk/client-sesv2');
    client = new ses.SESv2Client({
      region: config.AWS_REGION,
      // No hidden SDK retries: a retried request whose first answer was lost would send twice. The
      // outbox retries instead, and only when SES certainly did not accept the message.
      maxAttempts: 1,
      // Without throwOnRequestTimeout the SDK only logs a warning when the request timeout passes.
      requestHandler: {
        requestTimeout: SEND_TIMEOUT_MS,
        connectionTimeout: 3000,
        throwOnRequestTimeout: true,
      },
      ...(config.SES_ENDPOINT === undefined
        ? {}
        : { endpoint: config.SES_ENDPOINT, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
    });
    return { client, SendEmailCommand: ses.SendEmailCommand };
  });
  return {
    send: async (mail) => {
      const { client, SendEmailCommand } = await loadSes();
      const result = await client.send(
        new SendEmailCommand({
          FromEmailAddress: config.MAIL_FROM,
          Destination: { ToAddresses: [mail.to] },
          Content: {
            Simple: {
              Subject: { Data: mail.subject, Charset: 'UTF-8' },
              Body: {
                Text: { Data: mail.text, Charset: 'UTF-8' },
                Html: { Data: mail.html, Charset: 'UTF-8' },
              },
              ...(mail.headers === undefined
                ? {}
                : { Headers: mail.headers.map((h) => ({ Name: h.name, Value: h.value })) }),
            },
          },
        }),
      );
      return { messageId: result.MessageId };
    },
    destroy: () => client?.destroy(),
  };
}

/** Escapes text for HTML email bodies. */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}
