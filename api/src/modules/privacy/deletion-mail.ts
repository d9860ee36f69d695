import { buildWebUrl } from '../../config.js';
import type { AppDeps } from '../../platform/deps.js';
import type { TransactItem } from '../../platform/audit/audit-log.js';
import { buildEnqueueEmailItem, deliverQueuedEmail, sendEmail } from '../notifications/service.js';

/** The notices an account deletion sends; all transactional, so they go out whatever the preferences (P-MAIL-1). */
export type DeletionNotice =
  | { kind: 'requested'; purgeAfter: string; heldWorkspaces: string[] }
  | { kind: 'restored' }
  | { kind: 'purged' };

function formatDay(iso: string): string {
  return new Date(iso).toUTCString().slice(0, 16);
}

function compose(deps: AppDeps, notice: DeletionNotice): { subject: string; lines: string[]; link?: string } {
  switch (notice.kind) {
    case 'requested':
      return {
        subject: 'Your Holdfast account is scheduled for deletion',
        lines: [
          'You asked us to delete your Holdfast account. It is hidden now: every session and API key you created stopped working.',
          `Changed your mind? Sign in before ${formatDay(notice.purgeAfter)} and restore it; everything comes back as it was.`,
          `After that day we delete your records, files and the workspaces you alone own, for good.`,
          ...(notice.heldWorkspaces.length > 0
            ? [
                `A legal hold keeps these workspaces from being deleted until it is lifted: ${notice.heldWorkspaces.join(', ')}.`,
              ]
            : []),
          'If this was not you, sign in and restore your account at once.',
        ],
        link: buildWebUrl(deps.config, '/sign-in'),
      };
    case 'restored':
      return {
        subject: 'Your Holdfast account is restored',
        lines: ['Your account and workspaces are back as they were. Your API keys work again.'],
        link: buildWebUrl(deps.config, '/'),
      };
    case 'purged':
      return {
        subject: 'Your Holdfast account has been deleted',
        lines: [
          'Your Holdfast account, its records and files, and the workspaces you alone owned are now deleted.',
          'Only what our policy names remains: audit entries as actor id, action and time, and a note that this address gets no optional mail.',
          'Backups age out within 35 days. This is the last email we send you.',
        ],
      };
  }
}

function noticeKey(kind: DeletionNotice['kind'], to: string, at: string): string {
  return `deletion:${kind}:${to}:${at}`;
}

/** The outbox input of one notice; `at` (the moment it is about) keys it, so it is queued once. */
function toEmail(deps: AppDeps, to: string, notice: DeletionNotice, at: string) {
  const { subject, lines, link } = compose(deps, notice);
  return {
    dedupeKey: noticeKey(notice.kind, to, at),
    to,
    template: 'serviceNotice' as const,
    data: {
      subject,
      heading: subject,
      paragraphs: lines,
      ...(link === undefined ? {} : { link: { label: link, url: link } }),
    },
  };
}

/**
 * Sends one deletion notice. Every deletion email is composed in this file and goes through the
 * email outbox (and its send-time checks).
 */
export async function sendDeletionNotice(deps: AppDeps, to: string, notice: DeletionNotice): Promise<void> {
  // Through the outbox, so a suppressed address gets nothing (P-MAIL-4) and a failed send is retried.
  await sendEmail(deps, toEmail(deps, to, notice, deps.now().toISOString()));
}

/**
 * The outbox item of a deletion request's notice, to commit with the request itself: a request
 * that exists always has its notice queued, and a retried request cannot queue a second one.
 */
export function buildRequestedNoticeItem(
  deps: AppDeps,
  request: { email: string; requestedAt: string; purgeAfter: string },
  heldWorkspaces: string[],
): TransactItem {
  const notice = { kind: 'requested' as const, purgeAfter: request.purgeAfter, heldWorkspaces };
  return buildEnqueueEmailItem(deps, toEmail(deps, request.email, notice, request.requestedAt));
}

/** Delivers a request's queued notice now; once sent, a second call sends nothing. */
export async function deliverRequestedNotice(
  deps: AppDeps,
  request: { email: string; requestedAt: string },
): Promise<void> {
  await deliverQueuedEmail(deps, noticeKey('requested', request.email, request.requestedAt));
}
