import type { GuideContent, GuideRule, SafetyTrigger } from './guide-content-v1.js';
import type { GuideProfession, Recommendation, RoleGuide, RoleGuideAnswers } from './schema.js';

/** Reasons adding up to this weight put a professional first. */
const FIRST_AT = 3;

/** The deterministic part of a guide: everything but the optional AI paragraph. */
export type ComputedGuide = Omit<RoleGuide, 'ai'>;

function isTriggered(on: GuideRule['on'] | SafetyTrigger['on'], answers: RoleGuideAnswers): boolean {
  if ('situation' in on) return answers.situations.includes(on.situation);
  if ('goal' in on) return answers.goals.includes(on.goal);
  return answers.courtCase === on.courtCase;
}

function toRecommendation(
  content: GuideContent,
  profession: GuideProfession,
  why: string[],
  score: number,
  caution: string | undefined,
): Recommendation {
  const text = content.professions[profession];
  return {
    profession,
    title: text.title,
    priority: score >= FIRST_AT && caution === undefined ? 'first' : 'consider',
    why,
    whatTheyDo: text.whatTheyDo,
    typicalCost: text.typicalCost,
    howToFind: text.howToFind,
    ...(caution === undefined ? {} : { caution }),
    ...(text.libraryItemId === undefined ? {} : { libraryItemId: text.libraryItemId }),
  };
}

/**
 * Which professionals to consider, from the answers alone: each rule an answer triggers adds its
 * reason and weight to one professional; the strongest come first. When the answers suggest
 * intimate-partner violence the safety notice is flagged, a domestic-violence advocate leads, and
 * mediation carries a caution (and never comes first), since mediating with someone you fear can
 * put you at risk. The same answers and content always give the same guide.
 */
export function computeGuide(content: GuideContent, answers: RoleGuideAnswers): ComputedGuide {
  const reasons = content.safety.triggers.filter((t) => isTriggered(t.on, answers)).map((t) => t.reason);
  const isFlagged = reasons.length > 0;

  const scores = new Map<GuideProfession, { score: number; why: string[] }>();
  for (const rule of content.rules) {
    if (!isTriggered(rule.on, answers)) continue;
    const entry = scores.get(rule.profession) ?? { score: 0, why: [] };
    entry.score += rule.weight;
    entry.why.push(rule.why);
    scores.set(rule.profession, entry);
  }
  if (scores.size === 0) scores.set(content.fallback.profession, { score: 1, why: [content.fallback.why] });

  const order = Object.keys(content.professions);
  const ranked = [...scores.entries()].sort(
    ([a, x], [b, y]) =>
      Number(isFlagged && b === 'domestic-violence-advocate') -
        Number(isFlagged && a === 'domestic-violence-advocate') ||
      y.score - x.score ||
      order.indexOf(a) - order.indexOf(b),
  );
  const recommendations = ranked.map(([profession, { score, why }]) =>
    toRecommendation(
      content,
      profession,
      why,
      score,
      isFlagged && profession === 'mediator' ? content.safety.mediationCaution : undefined,
    ),
  );

  return {
    guideVersion: content.version,
    notAdvice: content.notAdvice,
    stateRulesNote: content.stateRulesNote,
    isSaved: false,
    safety: {
      isFlagged,
      reasons,
      ...(isFlagged ? { mediationCaution: content.safety.mediationCaution } : {}),
      emergency: content.safety.emergency,
      hotline: content.safety.hotline,
    },
    recommendations,
  };
}
