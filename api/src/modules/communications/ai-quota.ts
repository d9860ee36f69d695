import { getEntitlements } from '../billing/entitlements.js';
import { smallestPlanAllowing } from '../billing/plans.js';
import type { AppDeps } from '../../platform/deps.js';
import { NOT_CONFIGURED_DETAIL } from '../../platform/ai/ai-client.js';
import { AppError } from '../../platform/errors.js';
import * as usageRepo from './ai-usage-repo.js';

/** A workspace's AI actions this month against its plan. */
export type AiUsage = {
  /** The month counted, `YYYY-MM` in UTC. */
  month: string;
  used: number;
  /** Actions the plan allows per month; null means no limit. */
  limit: number | null;
  /** When the count starts again (the first instant of next month, UTC). */
  resetsAt: string;
  /** Whether a provider is configured at all (P-AI-3: the SPA says why AI is off). */
  isConfigured: boolean;
};

function monthOf(now: Date): { month: string; resetsAt: Date } {
  const month = now.toISOString().slice(0, 7);
  return { month, resetsAt: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)) };
}

/** The monthly AI actions of the workspace's plan; the local plan's come from configuration. */
async function limitOf(deps: AppDeps, tenantId: string): Promise<{ limit: number | null; planName: string }> {
  const access = await getEntitlements(deps, tenantId);
  const limit =
    access.plan.tier === 'local'
      ? (deps.config.AI_LOCAL_PLAN_ACTIONS_PER_MONTH ?? null)
      : access.entitlements.aiActionsPerMonth;
  return { limit, planName: access.plan.name };
}

export async function getAiUsage(deps: AppDeps, tenantId: string): Promise<AiUsage> {
  const { month, resetsAt } = monthOf(deps.now());
  const [{ limit }, used] = await Promise.all([
    limitOf(deps, tenantId),
    usageRepo.getAiActionsUsed(deps.db, tenantId, month),
  ]);
  return { month, used, limit, resetsAt: resetsAt.toISOString(), isConfigured: deps.ai.isConfigured() };
}

/** An AI action counted against the month; `release` gives it back when the call produced nothing. */
export type AiReservation = { release(): Promise<void> };

/**
 * Counts one AI action against the workspace's monthly quota before the provider is called
 * (atomically, so concurrent requests cannot overrun the plan). Refuses with 503
 * `ai_not_configured` when no provider is configured (nothing counted), 402 when the plan has no
 * AI actions and 429 when the month's are used — all before any answer starts.
 */
export async function reserveAiAction(deps: AppDeps, tenantId: string): Promise<AiReservation> {
  if (!deps.ai.isConfigured()) throw new AppError('ai_not_configured', NOT_CONFIGURED_DETAIL);
  const now = deps.now();
  const { month, resetsAt } = monthOf(now);
  const { limit, planName } = await limitOf(deps, tenantId);
  if (limit === 0) {
    const plan = smallestPlanAllowing((e) => e.aiActionsPerMonth === null || e.aiActionsPerMonth > 0);
    throw new AppError(
      'payment_required',
      `The ${planName} plan includes no AI actions.${plan === undefined ? '' : ` The ${plan.name} plan does.`}`,
    );
  }
  if (!(await usageRepo.reserveAiAction(deps.db, tenantId, month, limit))) {
    const resetDay = resetsAt.toISOString().slice(0, 10);
    throw new AppError(
      'ai_quota_exceeded',
      `This workspace has used its ${String(limit)} AI actions for ${month}. The count starts again on ${resetDay}; everything else keeps working.`,
      { retryAfterSeconds: Math.max(1, Math.ceil((resetsAt.getTime() - now.getTime()) / 1000)) },
    );
  }
  return { release: () => usageRepo.releaseAiAction(deps.db, tenantId, month) };
}

/**
 * Runs one AI action within the workspace's monthly quota (see reserveAiAction); the action is
 * given back when the call fails, since a failure produced nothing. With no provider configured
 * nothing is counted and the call answers 503 `ai_not_configured` as before.
 */
export async function withAiQuota<T>(deps: AppDeps, tenantId: string, run: () => Promise<T>): Promise<T> {
  if (!deps.ai.isConfigured()) return run();
  const reservation = await reserveAiAction(deps, tenantId);
  try {
    return await run();
  } catch (error) {
    await reservation.release();
    throw error;
  }
}
