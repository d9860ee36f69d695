import type { components } from '../../lib/api/schema';

export type UsageReport = components['schemas']['UsageReport'];

/** What each sign-up step is called on the page. */
export const FUNNEL_LABELS: Record<string, string> = {
  'sign-in-requested': 'Asked for a sign-in link',
  'signed-in': 'Signed in',
  'workspace-created': 'Created a workspace',
  'first-incident': 'Logged a first incident',
  'invite-sent': 'Invited someone',
};

export type FunnelStep = {
  name: string;
  label: string;
  count: number;
  /** Share of the first step, 0–1 (0 when the first step has no count). */
  ofFirst: number;
  /** Share of the step before, 0–1 (1 for the first step; 0 when the step before has no count). */
  ofPrevious: number;
};

/** The funnel with each step's share of the first step and of the one before it. */
export function toFunnel(totals: UsageReport['totals']['funnel']): FunnelStep[] {
  const first = totals[0]?.count ?? 0;
  return totals.map((step, index) => {
    const previous = index === 0 ? step.count : (totals[index - 1]?.count ?? 0);
    return {
      name: step.name,
      label: FUNNEL_LABELS[step.name] ?? step.name,
      count: step.count,
      ofFirst: first === 0 ? 0 : step.count / first,
      ofPrevious: index === 0 ? 1 : previous === 0 ? 0 : step.count / previous,
    };
  });
}

/** A share as a whole percentage, for labels and tables. */
export function formatShare(share: number): string {
  return `${Math.round(share * 100)}%`;
}
