import { Link } from 'react-router';
import { isApiError } from '../../lib/api/problem';
import { Notice } from '../../lib/ui/status';
import type { AiUsage } from './summary-hooks';

/** Whether an AI call failed because no provider is configured on this server (P-AI-3). */
export function isAiNotConfigured(error: unknown): boolean {
  return isApiError(error, { code: 'ai_not_configured' });
}

/** Why AI actions are off, and everything that works without them. */
export function AiOffNotice({ action }: { action: string }) {
  return (
    <Notice title="AI is not configured on this server" role="status" testId="ai-not-configured">
      <p>
        {action} needs an AI provider, which this server does not have. Everything else works: log incidents
        and messages, see them on the timeline, and make the court report yourself.
      </p>
    </Notice>
  );
}

/**
 * The summaries page on a server with no AI provider (P-AI-3): summaries cannot be suggested,
 * and every record, the timeline, the court report and the summaries saved before still work.
 */
export function SummariesAiOffNotice({ base }: { base: string }) {
  return (
    <Notice title="Summaries need an AI provider" role="status" testId="ai-not-configured">
      <p>
        This server has no AI provider configured, so it cannot suggest a summary of a period. Everything else
        works as usual: keep logging <Link to={`${base}/incidents`}>incidents</Link> and{' '}
        <Link to={`${base}/communications`}>messages</Link>, see them on the{' '}
        <Link to={`${base}/timeline`}>timeline</Link>, make the{' '}
        <Link to={`${base}/report`}>court report</Link>, and read the summaries saved here before.
      </p>
    </Notice>
  );
}

/** This month's AI actions against the plan, in one line. */
export function AiUsageLine({ usage }: { usage: AiUsage }) {
  if (!usage.isConfigured) return <AiOffNotice action="Summarising" />;
  const resets = new Date(usage.resetsAt).toLocaleDateString(undefined, { dateStyle: 'long' });
  return (
    <p className="hint" data-testid="ai-usage">
      {usage.limit === null
        ? `${usage.used} AI actions used this month.`
        : `${usage.used} of ${usage.limit} AI actions used this month; the count starts again on ${resets}.`}
    </p>
  );
}
