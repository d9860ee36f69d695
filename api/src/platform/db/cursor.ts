import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppError } from '../errors.js';

type CursorPayload = { t: string; q: string; k: Record<string, unknown> };

/**
 * Opaque pagination cursors. A cursor carries DynamoDB's LastEvaluatedKey, bound by an HMAC to
 * the tenant and to the query that produced it, so it cannot be replayed against another tenant,
 * another filter, or edited to point elsewhere.
 */
export class CursorCodec {
  constructor(private readonly secret: string) {}

  encode(
    tenantId: string,
    queryKey: string,
    lastKey: Record<string, unknown> | undefined,
  ): string | undefined {
    if (lastKey === undefined) return undefined;
    const payload = Buffer.from(
      JSON.stringify({ t: tenantId, q: queryKey, k: lastKey } satisfies CursorPayload),
    ).toString('base64url');
    return `${payload}.${this.sign(payload)}`;
  }

  decode(
    tenantId: string,
    queryKey: string,
    cursor: string | undefined,
  ): Record<string, unknown> | undefined {
    if (cursor === undefined) return undefined;
    // Exactly `payload.signature`: anything appended or missing is not a cursor this API made.
    const parts = cursor.split('.');
    const [payload, signature] = parts;
    if (parts.length !== 2 || payload === undefined || signature === undefined) {
      throw new AppError('invalid_cursor');
    }
    const expected = Buffer.from(this.sign(payload));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given))
      throw new AppError('invalid_cursor');
    let parsed: CursorPayload;
    try {
      parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as CursorPayload;
    } catch {
      throw new AppError('invalid_cursor');
    }
    if (parsed.t !== tenantId || parsed.q !== queryKey) {
      throw new AppError('invalid_cursor', 'This cursor belongs to another workspace or another query.');
    }
    return parsed.k;
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.secret).update(`cursor:${payload}`).digest('base64url');
  }
}
