import { describe, expect, it } from 'vitest';
import { isCountingAllowed, toRoutePattern } from './usage';

describe('usage counting', () => {
  it('P-LOG-2 counts pages as route patterns that name no record or workspace', () => {
    expect(toRoutePattern('/w/01JBQ3W0R4V6H8K2M5N7P9S1T3/incidents/01JBQ3W0R4V6H8K2M5N7P9S1T4/edit')).toBe(
      '/w/:id/incidents/:id/edit',
    );
    expect(toRoutePattern('/privacy')).toBe('/privacy');
    expect(toRoutePattern('/')).toBe('/');
    expect(toRoutePattern('/w/ws_123/timeline')).toBe('/w/:id/timeline');
    expect(toRoutePattern('/invites/accept')).toBe('/invites/accept');
    expect(toRoutePattern('/auth/verify')).toMatch(/^[a-z0-9/:_-]{1,80}$/);
  });

  it('P-LOG-2 counts nothing when the browser sends Global Privacy Control', () => {
    expect(isCountingAllowed({ globalPrivacyControl: true })).toBe(false);
    expect(isCountingAllowed({ globalPrivacyControl: false })).toBe(true);
    expect(isCountingAllowed({})).toBe(true);
  });
});
