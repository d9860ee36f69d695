import { createHmac, timingSafeEqual } from 'node:crypto';
import { isOptionalMailKind, type OptionalMailKind } from './templates.js';

/** Who and what a one-click unsubscribe link is for. */
export type UnsubscribeClaim = { userId: string; list: OptionalMailKind };

const USER_ID = /^[A-Za-z0-9_-]{1,64}$/;

function sign(secret: string, payload: string): string {
  // A label of its own, so a signature made for cookies or cursors never passes here.
  return createHmac('sha256', secret).update(`unsubscribe:v1:${payload}`).digest('base64url');
}

/**
 * An unsubscribe token: `<userId>.<list>.<HMAC-SHA256>` (base64url). It names the recipient (by
 * user id, not email, so the link carries no address) and the list, and has no expiry, because
 * RFC 8058 links must keep working for as long as the email is kept.
 */
export function createUnsubscribeToken(secret: string, claim: UnsubscribeClaim): string {
  if (!USER_ID.test(claim.userId)) throw new Error('refusing to sign an unsafe user id');
  const payload = `${claim.userId}.${claim.list}`;
  return `${payload}.${sign(secret, payload)}`;
}

/**
 * The claim of a token whose signature verifies under one of `secrets` (current first, then the
 * previous one while it is rotated out), or undefined for anything tampered or malformed.
 */
export function readUnsubscribeToken(secrets: string[], token: string): UnsubscribeClaim | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const [userId, list, signature] = parts as [string, string, string];
  if (!USER_ID.test(userId) || !isOptionalMailKind(list)) return undefined;
  // Compared as text, not decoded bytes: base64 decoding ignores some trailing bits, and an
  // edited token must never pass.
  const given = Buffer.from(signature);
  const payload = `${userId}.${list}`;
  const isValid = secrets.some((secret) => {
    const expected = Buffer.from(sign(secret, payload));
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
  return isValid ? { userId, list } : undefined;
}
