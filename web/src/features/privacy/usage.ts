import { api } from '../../lib/api/client';

/** Sign-up steps the API counts (it refuses any other name). */
export type FunnelStep =
  'sign-in-requested' | 'signed-in' | 'workspace-created' | 'first-incident' | 'invite-sent';

const WORD = /^[a-z][a-z-]*$/;

/**
 * A path as a route pattern, so a count never names a record or a workspace:
 * `/w/01JB…/incidents/01JC…/edit` → `/w/:id/incidents/:id/edit`. Any segment that is not a plain
 * lowercase word is treated as an id.
 */
export function toRoutePattern(pathname: string): string {
  const segments = pathname
    .split('/')
    .filter((segment) => segment !== '')
    .map((segment) => (WORD.test(segment) && segment.length <= 24 ? segment : ':id'));
  return `/${segments.join('/')}`.slice(0, 80);
}

/** Global Privacy Control: when the browser sends it, nothing is counted, not even in aggregate (P-LOG-2). */
export function isCountingAllowed(nav: { globalPrivacyControl?: boolean } | undefined): boolean {
  return nav?.globalPrivacyControl !== true;
}

function send(kind: 'page' | 'funnel', name: string): void {
  const nav =
    typeof navigator === 'undefined' ? undefined : (navigator as { globalPrivacyControl?: boolean });
  if (!isCountingAllowed(nav)) return;
  // Counting is best effort: a failure must never disturb the page.
  void api.POST('/v1/usage', { body: { kind, name } }).catch(() => undefined);
}

/** Counts one view of the page at `pathname`, as its route pattern. */
export function countPageView(pathname: string): void {
  send('page', toRoutePattern(pathname));
}

/** Counts one pass through a sign-up step. */
export function countStep(step: FunnelStep): void {
  send('funnel', step);
}
