import { buildWebUrl } from '../../config.js';
import type { TransactItem } from '../../platform/audit/audit-log.js';
import type { AppDeps } from '../../platform/deps.js';
import { buildEnqueueEmailItem } from '../notifications/service.js';

/**
 * The emails of support's reset of every factor: one when it is scheduled (so the account's
 * holder can stop a reset someone else talked support into) and one when it is done. Both are
 * transactional and committed with the change they report.
 */
export function buildResetNoticeItem(
  deps: AppDeps,
  person: { userId: string; email: string },
  notice: { kind: 'scheduled' | 'completed'; requestedAt: string; effectiveAt: string },
): { item: TransactItem; dedupeKey: string } {
  const dedupeKey = `second-factor-reset:${notice.kind}:${person.userId}:${notice.requestedAt}`;
  const link = buildWebUrl(deps.config, '/account/security');
  const isScheduled = notice.kind === 'scheduled';
  const subject = isScheduled
    ? 'Holdfast support will remove your second factors'
    : 'Holdfast support removed your second factors';
  const paragraphs = isScheduled
    ? [
        'Someone told Holdfast support they lost every second factor of this account and its recovery codes, and support checked their identity.',
        `Every passkey, authenticator app and recovery code of this account will be removed after ${notice.effectiveAt} (UTC).`,
        'If this was not you, sign in now and cancel it on your Security page with a factor you still have, and tell support.',
      ]
    : [
        'Holdfast support removed every passkey, authenticator app and recovery code of this account, as announced when the reset was scheduled.',
        'Set up a new passkey or authenticator app on your Security page: administrative actions ask for one.',
        'If this was not you, tell support at once.',
      ];
  const item = buildEnqueueEmailItem(deps, {
    dedupeKey,
    to: person.email,
    template: 'serviceNotice',
    data: { subject, heading: subject, paragraphs, link: { label: link, url: link } },
  });
  return { item, dedupeKey };
}
