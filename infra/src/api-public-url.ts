/** The path of the API's signed-SNS webhook, under its public URL (see the API's webhook routes). */
export const SNS_WEBHOOK_PATH = '/webhooks/sns';

/**
 * Why `value` cannot be the API's public URL, or undefined when it can. Only https is accepted:
 * SNS would also post to plain http, but bounce and complaint notifications name recipients'
 * email addresses and must not cross the internet in clear text.
 */
export function findApiPublicUrlProblem(value: unknown): string | undefined {
  if (typeof value !== 'string' || value === '') return 'is required';
  if (value !== value.trim()) return 'must not start or end with whitespace';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'is not a URL';
  }
  if (url.protocol !== 'https:') return `must be an https:// URL (got ${url.protocol}//)`;
  if (url.username !== '' || url.password !== '') return 'must not contain credentials';
  if (url.search !== '' || url.hash !== '') return 'must not have a query or a fragment';
  return undefined;
}

/**
 * The API's public URL without a trailing slash, the same base the API's `API_PUBLIC_URL` is.
 *
 * @throws Error naming the value and what is wrong with it, so `cdk synth` stops with that message.
 */
export function parseApiPublicUrl(value: unknown): string {
  const problem = findApiPublicUrlProblem(value);
  if (problem !== undefined || typeof value !== 'string') {
    throw new Error(`apiPublicUrl ${problem ?? 'is invalid'} (got ${JSON.stringify(value)})`);
  }
  const url = new URL(value);
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** The endpoint SNS posts the mail events to: the webhook path under the API's public URL. */
export function getSnsWebhookUrl(apiPublicUrl: string): string {
  return `${parseApiPublicUrl(apiPublicUrl)}${SNS_WEBHOOK_PATH}`;
}
