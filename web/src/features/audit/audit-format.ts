import type { AuditEntry, AuditVerification } from '../../lib/api/types';

const ACTION_LABELS: Record<string, string> = {
  'incident.created': 'Recorded an incident',
  'incident.updated': 'Corrected an incident',
  'incident.deleted': 'Deleted an incident',
  'incident.restored': 'Restored an incident',
  'workspace.created': 'Created the workspace',
  'workspace.renamed': 'Renamed the workspace',
  'member.role_changed': 'Changed a member’s role',
  'member.removed': 'Removed a member',
  'invite.created': 'Created an invite',
  'invite.accepted': 'Accepted an invite',
  'invite.revoked': 'Revoked an invite',
  'api_key.created': 'Created an API key',
  'api_key.revoked': 'Revoked an API key',
  'workspace.second_factor_requirement_changed': 'Changed the second-factor requirement',
  'second_factor.enrolled': 'Added a second factor',
  'second_factor.removed': 'Removed a second factor',
  'second_factor.recovery_code_used': 'Used a recovery code',
  'second_factor.failed': 'Failed a second-factor check',
  'second_factor.reset_requested': 'Support scheduled a reset of second factors',
  'second_factor.reset_cancelled': 'A reset of second factors was cancelled',
  'second_factor.reset_completed': 'Support reset second factors',
};

/** An audit action in words ("incident.updated" → "Corrected an incident"); unknown actions are shown as they are. */
export function describeAction(action: string): string {
  return ACTION_LABELS[action] ?? action;
}

/** An audit entry's details as short "key: value" lines (details never hold record content). */
export function formatDetails(details: AuditEntry['details']): string[] {
  return Object.entries(details).map(([key, value]) => {
    const shown = Array.isArray(value)
      ? value.map(String).join(', ')
      : value === null
        ? '—'
        : formatScalar(value);
    return `${key}: ${shown}`;
  });
}

function formatScalar(value: unknown): string {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  return JSON.stringify(value);
}

/** A hash shortened for display (the full value stays available as a title). */
export function shortHash(hash: string): string {
  return hash.length <= 16 ? hash : `${hash.slice(0, 8)}…${hash.slice(-6)}`;
}

/** The verdict of a chain check as one sentence. */
export function describeVerification(result: AuditVerification): string {
  if (result.isValid) {
    return `Chain intact: all ${result.checked} ${result.checked === 1 ? 'entry' : 'entries'} verified. No entry has been changed or removed.`;
  }
  const where = result.firstBrokenSeq === undefined ? 'an unknown entry' : `entry ${result.firstBrokenSeq}`;
  const why = result.reason === undefined || result.reason === '' ? '' : ` (${result.reason})`;
  return `Chain broken at ${where}${why}. ${result.checked} ${result.checked === 1 ? 'entry' : 'entries'} before it verified.`;
}
