/** Every TanStack Query key of the app, so invalidation after a change reaches every view of the data. */
export const queryKeys = {
  authConfig: ['auth-config'] as const,
  me: ['me'] as const,
  sessionStatus: ['session-status'] as const,
  privacyInventory: ['privacy-inventory'] as const,
  policyStatus: ['policy-status'] as const,
  exports: ['me', 'exports'] as const,
  signIns: ['me', 'sign-ins'] as const,
  emailPreferences: ['me', 'email-preferences'] as const,
  unsubscribe: (token: string) => ['unsubscribe', token] as const,
  accountDeletion: ['account-deletion'] as const,
  workspaceList: ['workspace-list'] as const,
  sharedWithMe: ['me', 'shared-with-me'] as const,
  workspace: (workspaceId: string) => ['workspace', workspaceId] as const,
  members: (workspaceId: string) => ['workspace', workspaceId, 'members'] as const,
  invites: (workspaceId: string) => ['workspace', workspaceId, 'invites'] as const,
  professionalReads: (workspaceId: string) => ['workspace', workspaceId, 'professional-reads'] as const,
  apiKeys: (workspaceId: string) => ['workspace', workspaceId, 'api-keys'] as const,
  audit: (workspaceId: string) => ['workspace', workspaceId, 'audit'] as const,
  billing: (workspaceId: string) => ['workspace', workspaceId, 'billing'] as const,
  invoices: (workspaceId: string) => ['workspace', workspaceId, 'billing', 'invoices'] as const,
  incidents: (workspaceId: string) => ['workspace', workspaceId, 'incidents'] as const,
  incidentList: (workspaceId: string, filters: Record<string, unknown>) =>
    ['workspace', workspaceId, 'incidents', 'list', filters] as const,
  incident: (workspaceId: string, incidentId: string) =>
    ['workspace', workspaceId, 'incidents', 'detail', incidentId] as const,
  documents: (workspaceId: string) => ['workspace', workspaceId, 'documents'] as const,
  documentList: (workspaceId: string, filters: Record<string, unknown>) =>
    ['workspace', workspaceId, 'documents', 'list', filters] as const,
  document: (workspaceId: string, documentId: string) =>
    ['workspace', workspaceId, 'documents', 'detail', documentId] as const,
  attachments: (workspaceId: string, recordType: string, recordId: string) =>
    ['workspace', workspaceId, 'documents', 'attachments', recordType, recordId] as const,
  timeline: (workspaceId: string, range: Record<string, unknown>) =>
    ['workspace', workspaceId, 'timeline', range] as const,
  feedback: (workspaceId: string, status: string) => ['workspace', workspaceId, 'feedback', status] as const,
  myFeedback: (workspaceId: string) => ['workspace', workspaceId, 'feedback', 'mine'] as const,
};
