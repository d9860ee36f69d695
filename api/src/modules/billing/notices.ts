import { buildWebUrl } from '../../config.js';
import type { AppDeps } from '../../platform/deps.js';
import { escapeHtml } from '../../platform/email/mailer.js';
import { listMembers } from '../accounts/service.js';

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
 * The one way billing emails leave: receipt, trial ending, payment failed, to the workspace's
 * owners. Transactional mail (P-MAIL-1).
 */
export async function sendBillingNotice(
  deps: AppDeps,
  input: { tenantId: string; notice: BillingNotice },
): Promise<void> {
  const owners = (await listMembers(deps, input.tenantId)).filter((member) => member.role === 'owner');
  const link = buildWebUrl(deps.config, `/w/${input.tenantId}/billing`);
  const text = TEXT[input.notice];
  for (const owner of owners) {
    await deps.mailer.send({
      to: owner.email,
      category: 'transactional',
      subject: text.subject,
      text: `${text.body}\n\n${link}`,
      html: `<p>${escapeHtml(text.body)}</p><p><a href="${escapeHtml(link)}">Open the plan page</a></p>`,
    });
  }
}
