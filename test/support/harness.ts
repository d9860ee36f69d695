import { Writable } from 'node:stream';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp, type BuildOptions } from '@holdfast/api/app';
import { loadConfig, type Config } from '@holdfast/api/config';
import { checkResponses } from './conformance.js';

/** An export-signing key for test apps outside local, where the config requires one. */
const EXPORT_SIGNING_KEY = generateKeyPairSync('ed25519')
  .privateKey.export({ format: 'pem', type: 'pkcs8' })
  .toString();

/** Config for a test app against the stack the global setup started. */
export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    HOLDFAST_ENV: 'local',
    WEB_ORIGIN: 'http://127.0.0.1:5173',
    SESSION_SECRET: 'test-session-secret-0123456789abcdef',
    LOG_LEVEL: 'info',
    RATE_LIMIT_PER_IP_PER_MINUTE: '100000',
    RATE_LIMIT_PER_TENANT_PER_MINUTE: '100000',
    // Every test app counts its rate limits alone, as if it were its own deployment, unless a test
    // gives two apps the same namespace to prove they share them.
    RATE_LIMIT_NAMESPACE: `test-${randomUUID()}`,
    DYNAMODB_ENDPOINT: process.env.DYNAMODB_ENDPOINT,
    S3_ENDPOINT: process.env.S3_ENDPOINT,
    SES_ENDPOINT: process.env.SES_ENDPOINT,
    TABLE_PREFIX: process.env.TABLE_PREFIX,
    BLOB_BUCKET: process.env.BLOB_BUCKET,
    // Tests drive the mail outbox themselves (sends drain at once; drainOutbox for the rest).
    MAIL_OUTBOX_POLL_MS: '0',
    API_PUBLIC_URL: 'https://api.holdfast.test',
    // Suites of other features sign owners in by magic link alone; under `when-enrolled` their
    // administrative actions ask for a second factor only once one is enrolled. The second-factor
    // suites set `required`, the production default, and prove that an owner without one is refused.
    ADMIN_SECOND_FACTOR: 'when-enrolled',
    ...(overrides.HOLDFAST_ENV === undefined || overrides.HOLDFAST_ENV === 'local'
      ? {}
      : { EXPORT_SIGNING_KEY }),
    ...overrides,
  });
}

export type TestApp = { app: FastifyInstance; logs: string[]; config: Config };

/** Builds the real app (no listen) with every log line captured for inspection. */
export async function createTestApp(
  options: {
    env?: Record<string, string>;
    overrides?: BuildOptions['overrides'];
    snsNotificationHandler?: BuildOptions['snsNotificationHandler'];
  } = {},
): Promise<TestApp> {
  const logs: string[] = [];
  const logStream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      logs.push(
        ...chunk
          .toString('utf8')
          .split('\n')
          .filter((line) => line !== ''),
      );
      callback();
    },
  });
  const config = testConfig(options.env);
  const app = await buildApp(config, {
    logStream,
    // Every answer of every suite is checked against the published document.
    instrument: checkResponses,
    ...(options.overrides === undefined ? {} : { overrides: options.overrides }),
    ...(options.snsNotificationHandler === undefined
      ? {}
      : { snsNotificationHandler: options.snsNotificationHandler }),
  });
  return { app, logs, config };
}

/** A unique email for one test, so tests never share accounts or inboxes. */
export function uniqueEmail(label = 'person'): string {
  return `${label}-${randomUUID().slice(0, 8)}@example.test`;
}

type StoredMail = {
  destination: { to: string[] };
  subject: string;
  body: { text?: string; html?: string };
  at: number;
  headers?: { name: string; value: string }[];
};

/** Mails the local SESv2 server received for one address, oldest first. */
export async function readMailbox(email: string): Promise<StoredMail[]> {
  const store = process.env.HOLDFAST_TEST_MAIL_STORE;
  if (store === undefined) throw new Error('the global setup did not start the mail server');
  const response = await fetch(store);
  const body = (await response.json()) as { emails: StoredMail[] };
  return body.emails.filter((mail) =>
    mail.destination.to.some((to) => to.toLowerCase().includes(email.toLowerCase())),
  );
}

/** The token of the link in the newest mail to `email` whose subject contains `subject`. */
export async function readMailedToken(email: string, subject: string): Promise<string> {
  const mails = (await readMailbox(email)).filter((m) => m.subject.includes(subject));
  const match = /token=([A-Za-z0-9_%-]+)/.exec(mails.at(-1)?.body.text ?? '');
  if (match?.[1] === undefined) throw new Error(`no mail "${subject}" with a link for ${email}`);
  return decodeURIComponent(match[1]);
}

/** The sign-in token from the newest sign-in mail to `email`. */
export function readSignInToken(email: string): Promise<string> {
  return readMailedToken(email, 'sign-in link');
}

/** The token from the newest email-change confirmation sent to the new address `email`. */
export function readEmailChangeToken(email: string): Promise<string> {
  return readMailedToken(email, 'Confirm your new');
}

export type Session = { cookie: string; userId: string; email: string; workspaceId: string };

/** Reads the signed session cookie from a response. */
export function readSessionCookie(response: LightMyRequestResponse): string {
  const cookie = response.cookies.find((c) => c.name === 'hf_session');
  if (cookie === undefined)
    throw new Error(`no session cookie (status ${response.statusCode}: ${response.body})`);
  return `hf_session=${cookie.value}`;
}

/** Signs a person up or in through the real magic-link flow, mail server included. */
export async function signIn(app: FastifyInstance, email = uniqueEmail()): Promise<Session> {
  const requested = await app.inject({ method: 'POST', url: '/v1/auth/magic-link', payload: { email } });
  if (requested.statusCode !== 202) throw new Error(`magic link: ${requested.statusCode} ${requested.body}`);
  const token = await readSignInToken(email);
  const verified = await app.inject({
    method: 'POST',
    url: '/v1/auth/verify',
    payload: { token, ageConfirmed: true },
  });
  if (verified.statusCode !== 200) throw new Error(`verify: ${verified.statusCode} ${verified.body}`);
  const cookie = readSessionCookie(verified);
  const me = await app.inject({ method: 'GET', url: '/v1/me', headers: { cookie } });
  const body = me.json<{ user: { id: string }; workspaces: { id: string }[] }>();
  const workspaceId = body.workspaces[0]?.id;
  if (workspaceId === undefined) throw new Error('a new person should have a personal workspace');
  return { cookie, userId: body.user.id, email, workspaceId };
}

/** Headers of a browser request from a signed-in person (cookie + CSRF header). */
export function as(session: { cookie: string }): Record<string, string> {
  return { cookie: session.cookie, 'x-holdfast-csrf': '1' };
}

/** Invites `email` into a workspace with a role and has them accept; returns their session. */
export async function addMember(
  app: FastifyInstance,
  owner: Session,
  role: 'owner' | 'admin' | 'member' | 'viewer',
  email = uniqueEmail(role),
): Promise<Session> {
  const member = await signIn(app, email);
  const invited = await app.inject({
    method: 'POST',
    url: `/v1/workspaces/${owner.workspaceId}/invites`,
    headers: as(owner),
    payload: { email, role },
  });
  return acceptInvite(app, owner, member, invited);
}

/** Has `invitee` accept the invite `invited` answered; returns their session in the owner's workspace. */
async function acceptInvite(
  app: FastifyInstance,
  owner: Session,
  invitee: Session,
  invited: LightMyRequestResponse,
): Promise<Session> {
  if (invited.statusCode !== 201) throw new Error(`invite: ${invited.statusCode} ${invited.body}`);
  const { code } = invited.json<{ code: string }>();
  const accepted = await app.inject({
    method: 'POST',
    url: '/v1/invites/accept',
    headers: as(invitee),
    payload: { code },
  });
  if (accepted.statusCode !== 200) throw new Error(`accept: ${accepted.statusCode} ${accepted.body}`);
  return { ...invitee, workspaceId: owner.workspaceId };
}

/**
 * Invites `email` as a professional with read-only access to `kinds` (until `endsAt`, 90 days by
 * default) and has them accept; returns their session.
 */
export async function addProfessional(
  app: FastifyInstance,
  owner: Session,
  kinds: string[],
  options: { email?: string; endsAt?: string; profession?: string } = {},
): Promise<Session> {
  const email = options.email ?? uniqueEmail('professional');
  const professional = await signIn(app, email);
  const invited = await app.inject({
    method: 'POST',
    url: `/v1/workspaces/${owner.workspaceId}/invites`,
    headers: as(owner),
    payload: {
      email,
      role: 'professional',
      professional: {
        profession: options.profession ?? 'family-attorney',
        kinds,
        ...(options.endsAt === undefined ? {} : { endsAt: options.endsAt }),
      },
    },
  });
  return acceptInvite(app, owner, professional, invited);
}

/** A valid incident body; override any field. */
export function incidentBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    occurredAt: '2026-10-03T17:45:00-05:00',
    timeZone: 'America/Chicago',
    category: 'late-pickup',
    location: 'School parking lot',
    peopleInvolved: ['Other parent'],
    childrenPresent: ['Maya'],
    narrative: 'Pickup was 45 minutes late; no message was sent.',
    witnesses: ['Front desk staff'],
    tags: ['pickup'],
    followUpNeeded: false,
    ...overrides,
  };
}
