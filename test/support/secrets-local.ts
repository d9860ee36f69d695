import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A minimal Secrets Manager-compatible server for tests (JSON protocol, GetSecretValue only), so
 * the API's secret loading runs through the real SDK without AWS. A name mapped to `undefined`
 * is a secret created empty, which Secrets Manager answers with ResourceNotFoundException.
 */
export type LocalSecrets = { endpoint: string; requested: string[]; stop: () => Promise<void> };

export async function startLocalSecrets(secrets: Record<string, string | undefined>): Promise<LocalSecrets> {
  const requested: string[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const target = String(request.headers['x-amz-target'] ?? '');
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { SecretId?: string };
      const id = body.SecretId ?? '';
      requested.push(id);
      const reply = (status: number, payload: unknown) => {
        response.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
        response.end(JSON.stringify(payload));
      };
      if (target !== 'secretsmanager.GetSecretValue')
        return reply(400, { __type: 'InvalidRequestException', message: target });
      const value = secrets[id];
      if (value === undefined)
        return reply(400, {
          __type: 'ResourceNotFoundException',
          message: "Secrets Manager can't find the specified secret value for staging label: AWSCURRENT",
        });
      return reply(200, {
        ARN: `arn:aws:secretsmanager:us-east-1:111122223333:secret:${id}`,
        Name: id,
        SecretString: value,
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requested,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
