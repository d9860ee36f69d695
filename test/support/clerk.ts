import { createHmac, generateKeyPairSync, randomBytes, randomUUID, sign } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The webhook signing secret test apps are given (`CLERK_WEBHOOK_SECRET`). */
export const CLERK_WEBHOOK_SECRET = `whsec_${randomBytes(24).toString('base64')}`;

/** Signs a body the way Svix (Clerk's webhook sender) does: HMAC-SHA256 over `id.timestamp.body`. */
export function svixHeaders(
  body: string,
  options: { id?: string; timestamp?: number; secret?: string } = {},
): Record<string, string> {
  const id = options.id ?? `msg_${randomUUID().replace(/-/g, '')}`;
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const key = Buffer.from((options.secret ?? CLERK_WEBHOOK_SECRET).replace(/^whsec_/, ''), 'base64');
  const signature = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
  return {
    'content-type': 'application/json',
    'svix-id': id,
    'svix-timestamp': timestamp,
    'svix-signature': `v1,${signature}`,
  };
}

/** The JSON body of a Clerk user event. */
export function userEvent(type: string, data: Record<string, unknown>): string {
  return JSON.stringify({ object: 'event', type, timestamp: Date.now(), data: { object: 'user', ...data } });
}

/** A Clerk user with one (primary) email address. */
export function userData(clerkId: string, email: string, first = 'Ada', last = 'Lovelace') {
  return {
    id: clerkId,
    first_name: first,
    last_name: last,
    primary_email_address_id: 'idn_1',
    email_addresses: [{ id: 'idn_1', object: 'email_address', email_address: email }],
  };
}

export type ClerkApiRequest = { method: string; url: string; authorization?: string; status: number };

/**
 * A local server answering for Clerk's Backend API (no test reaches the real one). It knows the
 * users in `users`: `DELETE /v1/users/{id}` removes a known one (200) and answers 404 for any other,
 * as Clerk does for a user it no longer has. Every request is recorded with the status it got.
 */
export async function startClerkApi(): Promise<{
  url: string;
  users: Set<string>;
  requests: ClerkApiRequest[];
  close: () => Promise<void>;
}> {
  const users = new Set<string>();
  const requests: ClerkApiRequest[] = [];
  const server: Server = createServer((request: IncomingMessage, response) => {
    const match = /^\/v1\/users\/([^/]+)$/.exec(request.url ?? '');
    const id = match?.[1];
    const isKnown = request.method === 'DELETE' && id !== undefined && users.delete(id);
    requests.push({
      method: request.method ?? '',
      url: request.url ?? '',
      ...(request.headers.authorization === undefined
        ? {}
        : { authorization: request.headers.authorization }),
      status: isKnown ? 200 : 404,
    });
    response.writeHead(isKnown ? 200 : 404, { 'content-type': 'application/json' });
    response.end(
      JSON.stringify(
        isKnown
          ? { object: 'user', id, deleted: true }
          : { errors: [{ code: 'resource_not_found', message: 'not found', long_message: 'not found' }] },
      ),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    users,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The key pair standing in for a Clerk instance's session-token key (2048-bit: Clerk refuses 4096). */
const SESSION_KEYS = generateKeyPairSync('rsa', { modulusLength: 2048 });

/** The environment that turns Clerk on in a test app, talking to a local Backend API at `apiUrl`. */
export function clerkEnv(apiUrl: string): Record<string, string> {
  return {
    CLERK_PUBLISHABLE_KEY: `pk_test_${Buffer.from('example.clerk.accounts.dev$').toString('base64').replace(/=+$/, '')}`,
    CLERK_SECRET_KEY: 'sk_test_local0123456789',
    CLERK_JWT_KEY: SESSION_KEYS.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    CLERK_API_URL: apiUrl,
    CLERK_WEBHOOK_SECRET,
  };
}

/** A Clerk session token (RS256, valid for a minute) for `clerkUserId`, as Clerk's frontend sends it. */
export function clerkSessionToken(clerkUserId: string): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const unsigned = `${encode({ alg: 'RS256', typ: 'JWT', kid: 'ins_test' })}.${encode({
    sub: clerkUserId,
    sid: `sess_${randomUUID().slice(0, 8)}`,
    azp: 'http://127.0.0.1:5173',
    iss: 'https://example.clerk.accounts.dev',
    iat: now - 5,
    nbf: now - 5,
    exp: now + 60,
  })}`;
  return `${unsigned}.${sign('sha256', Buffer.from(unsigned), SESSION_KEYS.privateKey).toString('base64url')}`;
}
