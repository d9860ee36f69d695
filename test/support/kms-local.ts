import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A minimal KMS-compatible server for tests (JSON protocol: DescribeKey, GenerateDataKey, Decrypt),
 * so the production KMS keyring runs end to end without AWS. Keys are AES-256-GCM keys kept in
 * memory; the encryption context is authenticated like KMS does.
 */
export type LocalKms = { endpoint: string; calls: Record<string, number>; stop: () => Promise<void> };

export async function startLocalKms(alias: string): Promise<LocalKms> {
  const arn = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
  const key = randomBytes(32);
  const calls: Record<string, number> = {};
  const aad = (context: Record<string, string> | undefined) =>
    Buffer.from(JSON.stringify(Object.entries(context ?? {}).sort(([a], [b]) => (a < b ? -1 : 1))));
  const handle = (target: string, body: Record<string, unknown>): [number, unknown] => {
    const keyId = body.KeyId as string | undefined;
    if (keyId !== undefined && keyId !== alias && keyId !== arn)
      return [400, { __type: 'NotFoundException', message: 'key not found' }];
    switch (target) {
      case 'DescribeKey':
        return [200, { KeyMetadata: { Arn: arn, KeyId: arn.split('/')[1], Enabled: true } }];
      case 'GenerateDataKey': {
        const plaintext = randomBytes(Number(body.NumberOfBytes ?? 32));
        const iv = randomBytes(12);
        const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(
          aad(body.EncryptionContext as Record<string, string>),
        );
        const sealed = Buffer.concat([iv, cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
        return [
          200,
          { KeyId: arn, Plaintext: plaintext.toString('base64'), CiphertextBlob: sealed.toString('base64') },
        ];
      }
      case 'Decrypt': {
        const sealed = Buffer.from(body.CiphertextBlob as string, 'base64');
        try {
          const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12))
            .setAAD(aad(body.EncryptionContext as Record<string, string>))
            .setAuthTag(sealed.subarray(-16));
          const plaintext = Buffer.concat([decipher.update(sealed.subarray(12, -16)), decipher.final()]);
          return [
            200,
            { KeyId: arn, Plaintext: plaintext.toString('base64'), EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' },
          ];
        } catch {
          return [400, { __type: 'InvalidCiphertextException', message: 'invalid ciphertext' }];
        }
      }
      default:
        return [400, { __type: 'UnsupportedOperationException', message: target }];
    }
  };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const target = String(request.headers['x-amz-target'] ?? '').replace('TrentService.', '');
      calls[target] = (calls[target] ?? 0) + 1;
      const [status, body] = handle(
        target,
        JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>,
      );
      response.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
      response.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    calls,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
