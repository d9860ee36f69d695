import { describe, expect, it } from 'vitest';
import { getAssignableRoles, hasPermission } from './permissions';

describe('role permissions (listed by the API with each workspace)', () => {
  it('reads what a workspace lists, nothing else', () => {
    const viewer = { permissions: ['workspace:read', 'incidents:read'] as const };
    expect(hasPermission(viewer, 'incidents:read')).toBe(true);
    expect(hasPermission(viewer, 'incidents:write')).toBe(false);
    expect(hasPermission({ permissions: [] }, 'workspace:read')).toBe(false);
  });

  it('lets only owners assign the owner role', () => {
    expect(getAssignableRoles('owner')).toContain('owner');
    expect(getAssignableRoles('admin')).toEqual(['admin', 'member', 'viewer']);
    expect(getAssignableRoles('member')).toEqual([]);
  });
});
