import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import type { Config } from '../../config.js';

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

/**
 * Sends mail through SESv2: real SES in production, the local SESv2 server (with its web view of
 * sent mail) in the embedded default — the same client and call either way.
 */
export function createMailer(config: Config): Mailer {
  const client = new SESv2Client({
    region: config.AWS_REGION,
    ...(config.SES_ENDPOINT === undefined
      ? {}
      : { endpoint: config.SES_ENDPOINT, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
  });
  return {
    send: async (mail) => {
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
    destroy: () => client.destroy(),
  };
}

/** Escapes text for HTML email bodies. */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}
