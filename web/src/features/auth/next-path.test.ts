import { describe, expect, it } from 'vitest';
import { toSafeNextPath } from './next-path';

describe('toSafeNextPath', () => {
  it('keeps paths on this site', () => {
    expect(toSafeNextPath('/w/abc/incidents?category=school')).toBe('/w/abc/incidents?category=school');
    expect(toSafeNextPath('/invites/accept?code=XYZ')).toBe('/invites/accept?code=XYZ');
  });

  it('refuses other sites, schemes and the sign-in pages', () => {
    expect(toSafeNextPath('//evil.example/x')).toBeUndefined();
    expect(toSafeNextPath('/\\evil.example')).toBeUndefined();
    expect(toSafeNextPath('https://evil.example')).toBeUndefined();
    expect(toSafeNextPath('javascript:alert(1)')).toBeUndefined();
    expect(toSafeNextPath('/sign-in')).toBeUndefined();
    expect(toSafeNextPath('/auth/verify?token=x')).toBeUndefined();
    expect(toSafeNextPath(null)).toBeUndefined();
  });
});
