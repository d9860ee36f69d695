import { describe, expect, it } from 'vitest';
import { canRole, getAssignableRoles } from './permissions';

describe('role permissions (mirror of the API table)', () => {
  it('lets viewers read but not write', () => {
    expect(canRole('viewer', 'incidents:read')).toBe(true);
    expect(canRole('viewer', 'incidents:write')).toBe(false);
    expect(canRole('member', 'incidents:write')).toBe(true);
    expect(canRole('member', 'members:manage')).toBe(false);
    expect(canRole('admin', 'api-keys:manage')).toBe(true);
  });

  it('lets only owners assign the owner role', () => {
    expect(getAssignableRoles('owner')).toContain('owner');
    expect(getAssignableRoles('admin')).toEqual(['admin', 'member', 'viewer']);
    expect(getAssignableRoles('member')).toEqual([]);
  });
});
