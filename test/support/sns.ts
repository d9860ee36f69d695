import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { randomUUID, sign } from 'node:crypto';
import { generate } from 'selfsigned';
import { createSnsHttpClient, type SnsHttpClient } from '@holdfast/api/platform/webhooks/sns-verifier';

/**
 * A stand-in for sns.us-east-1.amazonaws.com: a local HTTPS server with a self-signed certificate
 * for that host name, serving the signing certificate and answering SubscribeURLs. Only the
 * HTTPS client handed to the test app trusts it (and connects to it for that host name).
 */

export const REGION = 'us-east-1';
export const SNS_HOST = `sns.${REGION}.amazonaws.com`;
export const TOPIC = `arn:aws:sns:${REGION}:123456789012:holdfast-ses-events`;
export const CERT_PATH = '/SimpleNotificationService-test.pem';

type Fields = Record<string, string>;

export class SnsTestServer {
  readonly hits: string[] = [];
  private server: Server | undefined;
  private key = '';
  private cert = '';
  port = 0;

  async start(): Promise<void> {
    const pems = await generate([{ name: 'commonName', value: SNS_HOST }], {
      keySize: 2048,
      algorithm: 'sha256',
      notBeforeDate: new Date(Date.now() - 86_400_000),
      extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: SNS_HOST }] }],
    });
    this.key = pems.private;
    this.cert = pems.cert;
    this.server = createServer({ key: this.key, cert: this.cert }, (request, response) => {
      this.hits.push(request.url ?? '');
      if (request.url === CERT_PATH) {
        response.writeHead(200, { 'content-type': 'application/x-pem-file' });
        response.end(this.cert);
        return;
      }
      if (request.url?.startsWith('/?Action=ConfirmSubscription') === true) {
        response.writeHead(200, { 'content-type': 'text/xml' });
        response.end('<ConfirmSubscriptionResponse/>');
        return;
      }
      response.writeHead(404);
      response.end();
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) =>
      this.server === undefined ? resolve() : this.server.close(() => resolve()),
    );
  }

  /** The client the app uses in tests: real HTTPS, trusting only this server's certificate. */
  client(): SnsHttpClient {
    return createSnsHttpClient({
      timeoutMs: 2000,
      ca: this.cert,
      connectTo: { host: '127.0.0.1', port: this.port },
    });
  }

  /** A signed SNS message (written from AWS's documented string-to-sign, not from the verifier's code). */
  message(
    type: 'Notification' | 'SubscriptionConfirmation',
    overrides: Fields = {},
    options: { version?: '1' | '2'; tamper?: Fields } = {},
  ): Fields {
    const base: Fields = {
      Type: type,
      MessageId: randomUUID(),
      TopicArn: TOPIC,
      Message: JSON.stringify({ eventType: 'Bounce', bounce: { bounceType: 'Permanent' } }),
      Timestamp: new Date().toISOString(),
      SignatureVersion: options.version ?? '2',
      SigningCertURL: `https://${SNS_HOST}${CERT_PATH}`,
      ...(type === 'Notification'
        ? { Subject: 'Amazon SES Email Event Notification' }
        : {
            Token: 'token-123',
            SubscribeURL: `https://${SNS_HOST}/?Action=ConfirmSubscription&TopicArn=${encodeURIComponent(TOPIC)}&Token=token-123`,
          }),
      ...overrides,
    };
    const order =
      type === 'Notification'
        ? ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type']
        : ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'];
    const text = order
      .filter((field) => base[field] !== undefined)
      .map((field) => `${field}\n${base[field]}\n`)
      .join('');
    const signature = sign(base.SignatureVersion === '1' ? 'sha1' : 'sha256', Buffer.from(text), this.key);
    return { ...base, Signature: signature.toString('base64'), ...options.tamper };
  }
}
