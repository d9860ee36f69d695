/**
 * Stable operationIds (verb + noun: `listIncidents`, `getIncident`, `createIncident`), so the
 * method names of a generated client read like the API. One rule names every operation from its
 * method and path; OVERRIDES names the few the rule names poorly. Names are checked unique when
 * the document is built.
 */

/** Names the rule gets wrong or makes clumsy, by "METHOD /openapi/path". */
const OVERRIDES: Readonly<Record<string, string>> = {
  'GET /v1/auth/config': 'getSignInConfig',
  'GET /v1/auth/session': 'getSessionStatus',
  'POST /v1/auth/magic-link': 'requestMagicLink',
  'POST /v1/auth/verify': 'verifyMagicLink',
  'POST /v1/auth/sign-out': 'signOut',
  'GET /v1/me': 'getMe',
  'PATCH /v1/me': 'updateMe',
  'POST /v1/me/email-change': 'requestEmailChange',
  'POST /v1/me/email-change/confirm': 'confirmEmailChange',
  'POST /v1/invites/accept': 'acceptInvite',
  'GET /v1/workspaces/{workspaceId}': 'getWorkspace',
  'PATCH /v1/workspaces/{workspaceId}': 'updateWorkspace',
  'GET /v1/workspaces/{workspaceId}/storage': 'getStorageUsage',
  'GET /v1/workspaces/{workspaceId}/documents/{documentId}/content': 'downloadDocument',
  'GET /v1/workspaces/{workspaceId}/attachments/{recordType}/{recordId}': 'listAttachments',
  'POST /v1/workspaces/{workspaceId}/attachments/{recordType}/{recordId}': 'attachDocument',
  'DELETE /v1/workspaces/{workspaceId}/attachments/{recordType}/{recordId}/{documentId}': 'detachDocument',
  'GET /v1/workspaces/{workspaceId}/wellbeing/check-ins/trend': 'getCheckInTrend',
  'GET /v1/workspaces/{workspaceId}/wellbeing/safety-plan': 'getSafetyPlan',
  'PUT /v1/workspaces/{workspaceId}/wellbeing/safety-plan': 'saveSafetyPlan',
  'GET /v1/workspaces/{workspaceId}/wellbeing/safety-plan/versions/{version}': 'getSafetyPlanVersion',
  'GET /v1/workspaces/{workspaceId}/audit': 'listAuditEntries',
  'GET /v1/workspaces/{workspaceId}/audit/verify': 'verifyAuditChain',
  'GET /v1/workspaces/{workspaceId}/billing': 'getBilling',
  'POST /v1/workspaces/{workspaceId}/billing/checkout': 'createCheckoutSession',
  'POST /v1/workspaces/{workspaceId}/billing/portal': 'createBillingPortalSession',
  'GET /v1/workspaces/{workspaceId}/feedback/mine': 'listMyFeedback',
  'GET /v1/workspaces/{workspaceId}/feedback/{feedbackId}/screenshot': 'downloadFeedbackScreenshot',
  'DELETE /v1/workspaces/{workspaceId}/feedback/{feedbackId}/screenshot': 'deleteFeedbackScreenshot',
  'GET /v1/workspaces/{workspaceId}/reports/incidents.pdf': 'downloadIncidentReport',
  'GET /v1/workspaces/{workspaceId}/credentials/licenses/{licenseId}/transcript.csv': 'downloadTranscriptCsv',
  'GET /v1/workspaces/{workspaceId}/credentials/licenses/{licenseId}/transcript.pdf': 'downloadTranscriptPdf',
  'GET /v1/workspaces/{workspaceId}/legal-hold': 'getLegalHold',
  'PUT /v1/workspaces/{workspaceId}/legal-hold': 'placeLegalHold',
  'DELETE /v1/workspaces/{workspaceId}/legal-hold': 'liftLegalHold',
  'GET /v1/privacy/inventory': 'getPrivacyInventory',
  'GET /v1/privacy/policy': 'getPolicyStatus',
  'POST /v1/usage': 'recordUsage',
  'GET /v1/admin/usage': 'getUsageReport',
  'GET /.well-known/holdfast-export-key': 'getExportPublicKey',
  'GET /v1/me/exports/{exportId}/download': 'downloadExport',
  'GET /v1/account/deletion': 'getAccountDeletion',
  'POST /v1/account/deletion': 'requestAccountDeletion',
  'POST /v1/account/restore': 'restoreAccount',
  'GET /v1/me/email-preferences': 'getEmailPreferences',
  'PATCH /v1/me/email-preferences': 'updateEmailPreferences',
  'GET /v1/email/unsubscribe': 'getUnsubscribe',
  'POST /v1/email/unsubscribe': 'unsubscribe',
  'POST /v1/support/email-suppressions/lift': 'liftEmailSuppression',
  'GET /v1/admin/webhooks/{provider}/deliveries': 'listWebhookDeliveries',
};

const isParam = (segment: string): boolean => segment.startsWith('{');

function pascal(segment: string): string {
  return segment
    .split(/[-_.]/u)
    .filter((part) => part !== '')
    .map((part) => `${part.charAt(0).toUpperCase()}${part.slice(1)}`)
    .join('');
}

function singular(word: string): string {
  if (word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/**
 * The rule: the workspace prefix is implied; a path ending in a parameter is one item (get,
 * update, replace, delete + singular noun); otherwise a collection (list + plural, create +
 * singular); a POST to a word after an item's id is an action on it (`restoreIncident`).
 */
export function deriveOperationId(method: string, path: string): string {
  const override = OVERRIDES[`${method.toUpperCase()} ${path}`];
  if (override !== undefined) return override;
  let segments = path.split('/').filter((s) => s !== '' && s !== 'v1');
  if (segments[0] === 'workspaces' && segments[1] === '{workspaceId}' && segments.length > 2)
    segments = segments.slice(2);
  const last = segments.at(-1) ?? '';
  const verb = method.toLowerCase();
  if (!isParam(last) && isParam(segments.at(-2) ?? '') && verb === 'post') {
    const owner = segments.slice(0, -1).filter((s) => !isParam(s));
    return `${last}${owner.map((s, i) => pascal(i === owner.length - 1 ? singular(s) : s)).join('')}`;
  }
  const isItem = isParam(last);
  const lastStatic = segments.findLastIndex((s) => !isParam(s));
  // A word naming one item (followed by its id, or the target of a create) is singular; `me` reads "my".
  const nouns = segments.flatMap((s, i) => {
    if (isParam(s)) return [];
    if (s === 'me') return ['My'];
    const one = isParam(segments[i + 1] ?? '') || (i === lastStatic && verb !== 'get');
    return [pascal(one ? singular(s) : s)];
  });
  const verbs: Record<string, string> = {
    get: isItem ? 'get' : 'list',
    post: 'create',
    put: isItem ? 'set' : 'replace',
    patch: 'update',
    delete: isItem ? 'delete' : 'clear',
  };
  return `${verbs[verb] ?? verb}${nouns.join('')}`;
}
