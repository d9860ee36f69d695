import type { AuditActor } from '../../platform/audit/audit-chain.js';
import type { PhiContext } from '../../platform/phi/index.js';

/** Who is acting, in which workspace: wellbeing rules are per person, not per role. */
export type Caller = { tenantId: string; userId: string; actor: AuditActor };

/** The PHI store's view of the caller: the workspace and the actor its audit entries name. */
export const phiContext = (caller: Caller): PhiContext => ({
  tenantId: caller.tenantId,
  actor: caller.actor,
});
