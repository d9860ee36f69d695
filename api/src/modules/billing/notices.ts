import { buildWebUrl } from '../../config.js';
import type { AppDeps } from '../../platform/deps.js';
import type { Role } from '../../platform/tenancy/roles.js';
import { sendEmail } from '../notifications/service.js';

export const BILLING_NOTICES = ['receipt', 'trial-ending', 'payment-failed'] as const;
export type BillingNotice = (typeof BILLING_NOTICES)[number];

const TEXT: Record<BillingNotice, { subject: string; body: string }> = {
  receipt: {
    subject: 'Your Holdfast payment was received',
    body: 'Thank you: your payment for this workspace went through. Invoices are on the plan page.',
  },
  'trial-ending': {
    subject: 'Your Holdfast trial ends soon',
    body: 'The trial of this workspace ends in a few days. Add a payment method on the plan page to keep your plan.',
  },
  'payment-failed': {
    subject: 'A Holdfast payment failed',
    body: 'We could not take the payment for this workspace. Update the payment method on the plan page; after the grace period the workspace becomes read-only.',
  },
};

/**
 * Lists a workspace's members. Given by the app (the workspaces module's `listMembers`), because
 * workspaces depend on billing for their member limit and billing must not depend back on them.
 */
export type ListMembers = (
  deps: AppDeps,
  tenantId: string,
) => Promise<readonly { userId: string; email: string; role: Role }[]>;

/**
 * The one way billing emails leave: receipt, trial ending, payment failed, to the workspace's
 * owners. Transactional mail (P-MAIL-1).
 */
export async function sendBillingNotice(
  deps: AppDeps,
  input: { tenantId: string; notice: BillingNotice; eventId: string },
  listMembers: ListMembers,
): Promise<void> {
  const owners = (await listMembers(deps, input.tenantId)).filter((member) => member.role === 'owner');
  const text = TEXT[input.notice];
  for (const owner of owners) {
    // Through the outbox: suppression and send-time checks apply, and the dedupe key (the Stripe
    // event) keeps a repeated follow-up from mailing the owner twice (P-HOOK-3).
    await sendEmail(deps, {
      dedupeKey: `billing:${input.tenantId}:${input.eventId}:${input.notice}:${owner.userId}`,
      to: owner.email,
      userId: owner.userId,
      template: 'serviceNotice',
      data: {
        subject: text.subject,
        heading: text.subject,
        paragraphs: [text.body],
        link: { label: 'Open the plan page', url: buildWebUrl(deps.config, `/w/${input.tenantId}/billing`) },
      },
    });
  }
}
