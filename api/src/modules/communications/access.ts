/**
 * Messages, drafts and summaries are part of the journal: the same plan feature and the same
 * permissions as incidents.
 */
export const READ = {
  access: { kind: 'tenant', permission: 'incidents:read' },
  entitlement: { module: 'journal' },
} as const;

export const WRITE = {
  access: { kind: 'tenant', permission: 'incidents:write' },
  entitlement: { module: 'journal' },
} as const;
