import { buildWebUrl } from '../../config.js';
import type { AppDeps } from '../../platform/deps.js';
import { sendEmail } from '../notifications/service.js';

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

/**
 * Sends one deletion notice. Every deletion email goes through this function, so it can be routed
 * through an email outbox (and its send-time checks) in one place.
 */
export async function sendDeletionNotice(deps: AppDeps, to: string, notice: DeletionNotice): Promise<void> {
  const { subject, lines, link } = compose(deps, notice);
  // Through the outbox, so a suppressed address gets nothing (P-MAIL-4) and a failed send is retried.
  await sendEmail(deps, {
    dedupeKey: `deletion:${notice.kind}:${to}:${deps.now().toISOString()}`,
    to,
    template: 'serviceNotice',
    data: {
      subject,
      heading: subject,
      paragraphs: lines,
      ...(link === undefined ? {} : { link: { label: link, url: link } }),
    },
  });
}
