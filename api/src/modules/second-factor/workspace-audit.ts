import type { AuditActor } from '../../platform/audit/audit-chain.js';
import { commitWithAudit } from '../../platform/audit/audit-log.js';
import type { AppDeps } from '../../platform/deps.js';
import { listMyWorkspaces } from '../workspaces/service.js';
import type { SecondFactorMethod } from './schema.js';

/** The second-factor events every workspace of the person records, besides their own security log. */
export const FACTOR_AUDIT_ACTIONS = {
  enrolled: 'second_factor.enrolled',
  removed: 'second_factor.removed',
  'recovery-code-used': 'second_factor.recovery_code_used',
  failed: 'second_factor.failed',
  'reset-requested': 'second_factor.reset_requested',
  'reset-cancelled': 'second_factor.reset_cancelled',
  'reset-completed': 'second_factor.reset_completed',
} as const;
export type FactorAuditKind = keyof typeof FACTOR_AUDIT_ACTIONS;

/**
 * Writes a second-factor event into the audit log of every workspace the person opens: who is
 * able to act in a workspace, and how well that is protected, is part of its history (a member
 * removing their only factor, or someone guessing codes on an owner's session). Details name the
 * method only: never a code, a secret, a passkey's name or its credential id. Support's actions
 * name the support person as the actor.
 */
export async function auditFactorEvent(
  deps: AppDeps,
  person: { userId: string; email: string },
  kind: FactorAuditKind,
  options: { method?: SecondFactorMethod; actor?: AuditActor } = {},
): Promise<void> {
  const workspaces = await listMyWorkspaces(deps, person.userId);
  const actor = options.actor ?? { type: 'user', id: person.userId, label: person.email };
  for (const workspace of workspaces)
    await commitWithAudit(
      deps.db,
      workspace.id,
      [],
      {
        actor,
        action: FACTOR_AUDIT_ACTIONS[kind],
        target: { type: 'member', id: person.userId },
        details: options.method === undefined ? {} : { method: options.method },
      },
      deps.now,
    );
}
