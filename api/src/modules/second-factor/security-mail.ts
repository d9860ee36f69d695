import { buildWebUrl } from '../../config.js';
import type { TransactItem } from '../../platform/audit/audit-log.js';
import type { AppDeps } from '../../platform/deps.js';
import { buildEnqueueEmailItem, deliverQueuedEmail } from '../notifications/service.js';
import type { SecondFactorMethod } from './schema.js';

/** The security notices of second factors; transactional, so sent whatever the preferences (P-MAIL-1). */
export type FactorNotice = { kind: 'enrolled' | 'removed'; method: SecondFactorMethod; name?: string };

const METHOD_LABELS: Record<SecondFactorMethod, string> = {
  passkey: 'a passkey',
  totp: 'an authenticator app',
  'recovery-code': 'recovery codes',
};

function describe(notice: FactorNotice): string {
  const label = METHOD_LABELS[notice.method];
  return notice.name === undefined ? label : `${label} (“${notice.name}”)`;
}

function noticeKey(notice: FactorNotice, to: string, at: string): string {
  return `second-factor:${notice.kind}:${notice.method}:${to}:${at}`;
}

/**
 * The outbox item of a notice, committed with the change it reports: an enrolment or a removal
 * that happened always has its email queued, and a retry cannot queue a second one.
 */
export function buildFactorNoticeItem(
  deps: AppDeps,
  to: string,
  notice: FactorNotice,
  at: string,
): { item: TransactItem; dedupeKey: string } {
  const subject =
    notice.kind === 'enrolled'
      ? 'A second factor was added to your Holdfast account'
      : 'A second factor was removed from your Holdfast account';
  const what = describe(notice);
  const dedupeKey = noticeKey(notice, to, at);
  const link = buildWebUrl(deps.config, '/account/security');
  const item = buildEnqueueEmailItem(deps, {
    dedupeKey,
    to,
    template: 'serviceNotice',
    data: {
      subject,
      heading: subject,
      paragraphs: [
        notice.kind === 'enrolled'
          ? `You added ${what} as a second factor. Administrative actions will ask for it.`
          : `You removed ${what} from your second factors.`,
        'If this was not you, sign in, review your security settings and tell support at once.',
      ],
      link: { label: link, url: link },
    },
  });
  return { item, dedupeKey };
}

/** Sends a queued notice now; once sent, a second call sends nothing. */
export async function deliverFactorNotice(deps: AppDeps, dedupeKey: string): Promise<void> {
  await deliverQueuedEmail(deps, dedupeKey);
}
