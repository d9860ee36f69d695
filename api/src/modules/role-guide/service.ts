import type { AppDeps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { withAiQuota } from '../communications/ai-quota.js';
import { GUIDE_CONTENT_V1 } from './guide-content-v1.js';
import { WHY_FOR_YOU_PROMPT } from './prompts/why-for-you-v1.js';
import { computeGuide, type ComputedGuide } from './rules.js';
import {
  WhyForYouAnswerSchema,
  type AiStatus,
  type RoleGuide,
  type RoleGuideAnswers,
  type RoleGuideRequest,
} from './schema.js';

/** The content every guide is computed from today. */
export const CURRENT_GUIDE_CONTENT = GUIDE_CONTENT_V1;

type AiPart = RoleGuide['ai'];

const NOT_USED: Record<Exclude<AiStatus, 'used'>, string> = {
  'not-requested': 'AI was not used: this guide comes from Holdfast’s reviewed rules alone.',
  'not-configured':
    'AI was not used: no AI provider is configured on this server. The guide comes from Holdfast’s reviewed rules alone.',
  'not-in-plan': 'AI was not used: the workspace’s plan includes no AI actions.',
  'quota-exceeded': 'AI was not used: the workspace has used its AI actions for this month.',
  unavailable: 'AI was not used: the AI provider did not answer usably. Try again later.',
};

/** Why an AI call that failed leaves the guide without its paragraph, or undefined to fail the request. */
function statusOf(error: unknown): Exclude<AiStatus, 'used'> | undefined {
  if (!(error instanceof AppError)) return undefined;
  if (error.code === 'payment_required') return 'not-in-plan';
  if (error.code === 'ai_quota_exceeded') return 'quota-exceeded';
  if (error.code === 'ai_not_configured') return 'not-configured';
  if (error.code === 'ai_unavailable' || error.code === 'ai_bad_output') return 'unavailable';
  return undefined;
}

function notUsed(status: Exclude<AiStatus, 'used'>, error?: AppError): AiPart {
  // The quota's own words say when the count starts again; they name no record.
  const detail =
    status === 'quota-exceeded' && error?.detail !== undefined
      ? `AI was not used. ${error.detail}`
      : NOT_USED[status];
  return { status, detail };
}

/**
 * The "why for you" paragraph. Only the questionnaire's answers and the professionals the rules
 * chose are sent — no names, ids, emails or workspace (P-AI-1) — and the paragraph is shown, never
 * saved or acted on (P-AI-2). Counted against the month's AI actions like every AI action.
 */
async function writeWhyForYou(
  deps: AppDeps,
  tenantId: string,
  answers: RoleGuideAnswers,
  guide: ComputedGuide,
  signal: AbortSignal | undefined,
): Promise<AiPart> {
  const input = JSON.stringify({
    answers,
    suggested: guide.recommendations.map((r) => r.profession),
  });
  try {
    const result = await withAiQuota(deps, tenantId, () =>
      deps.ai.generate({
        task: 'role-guide',
        instructions: WHY_FOR_YOU_PROMPT.instructions,
        input,
        formatName: 'role_guide_why',
        schema: WhyForYouAnswerSchema,
        maxOutputTokens: 800,
        ...(signal === undefined ? {} : { signal }),
      }),
    );
    return {
      status: 'used',
      detail: 'The paragraph below was written by AI from your answers only. It is not saved.',
      whyForYou: result.value.whyForYou,
      promptVersion: WHY_FOR_YOU_PROMPT.version,
      provider: result.provider,
      model: result.model,
    };
  } catch (error) {
    const status = statusOf(error);
    if (status === undefined || !(error instanceof AppError)) throw error;
    return notUsed(status, error);
  }
}

/**
 * The role guide for a set of answers: the reviewed rules always (so it works with no AI provider,
 * P-AI-3), and the AI paragraph only when asked for and available. Nothing is stored.
 */
export async function buildRoleGuide(
  deps: AppDeps,
  tenantId: string,
  request: RoleGuideRequest,
  signal?: AbortSignal,
): Promise<RoleGuide> {
  const { withAi, ...answers } = request;
  const guide = computeGuide(CURRENT_GUIDE_CONTENT, answers);
  if (withAi !== true) return { ...guide, ai: notUsed('not-requested') };
  if (!deps.ai.isConfigured()) return { ...guide, ai: notUsed('not-configured') };
  return { ...guide, ai: await writeWhyForYou(deps, tenantId, answers, guide, signal) };
}
