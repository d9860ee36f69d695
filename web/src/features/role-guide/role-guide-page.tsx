import { describeError } from '../../lib/api/problem';
import { PageHeader } from '../../lib/ui/page';
import { FormAlert } from '../../lib/ui/status';
import { useAiUsage } from '../communications/summary-hooks';
import { useCurrentWorkspace } from '../workspaces/workspace-context';
import { GuideResults } from './guide-results';
import { useRoleGuide } from './hooks';
import { Questionnaire } from './questionnaire';
import './role-guide.css';

/**
 * "Which professional?": a short questionnaire, answered with the professionals to consider from
 * Holdfast's reviewed guide, and optionally an AI paragraph. Nothing is saved.
 */
export function RoleGuidePage() {
  const { workspaceId } = useCurrentWorkspace();
  const guide = useRoleGuide(workspaceId);
  const usage = useAiUsage(workspaceId);

  return (
    <>
      <PageHeader
        title="Which professional?"
        description="Answer three questions to see which professionals could help, what they do, what they typically cost and how to find one."
      />
      <p className="muted" data-testid="role-guide-intro-not-advice">
        Information, not legal advice. Nothing you answer here is saved.
      </p>
      <Questionnaire
        isPending={guide.isPending}
        isAiConfigured={usage.data?.isConfigured ?? false}
        onSubmit={(answers) => guide.mutate(answers)}
      />
      <FormAlert message={guide.isError ? describeError(guide.error) : undefined} testId="role-guide-error" />
      {guide.data !== undefined && <GuideResults guide={guide.data} />}
    </>
  );
}
