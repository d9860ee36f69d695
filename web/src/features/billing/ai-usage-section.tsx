import { formatDateTime } from '../../lib/dates';
import { useAiUsage } from '../communications/summary-hooks';

/**
 * This month's AI actions against the plan's quota. Shown only to who may read it: the usage route
 * answers 403 or 402 to a caller without messages or a plan without the journal, and then the
 * section stays away rather than show an error on the plan page.
 */
export function AiUsageSection({ workspaceId }: { workspaceId: string }) {
  const usage = useAiUsage(workspaceId);
  if (usage.data === undefined) return null;
  const { used, limit, resetsAt, isConfigured } = usage.data;
  return (
    <section className="section card" aria-labelledby="ai-usage-heading" data-testid="billing-ai-usage">
      <h2 id="ai-usage-heading">AI actions this month</h2>
      {!isConfigured ? (
        <p>AI is not configured on this server, so no AI actions are counted. Everything else works.</p>
      ) : limit === null ? (
        <p>{used} used; this plan has no monthly limit.</p>
      ) : (
        <>
          <p>
            <span data-testid="billing-ai-used">
              {used} of {limit}
            </span>{' '}
            used; the count starts again on {formatDateTime(resetsAt)}.
          </p>
          <meter min={0} max={Math.max(limit, 1)} value={Math.min(used, limit)} aria-label="AI actions used">
            {used} of {limit}
          </meter>
          {used >= limit && (
            <p className="hint">
              This month’s AI actions are used up. Rewrites and summaries work again when the count starts
              again.
            </p>
          )}
        </>
      )}
    </section>
  );
}
