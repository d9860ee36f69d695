import { useEffect, useRef } from 'react';
import { Notice } from '../../lib/ui/status';
import type { Recommendation, RoleGuide } from './hooks';

/** The safety notice: 911 and the hotline first, then why it shows and the caution on mediation. */
function SafetyNotice({ safety }: { safety: RoleGuide['safety'] }) {
  return (
    <Notice tone="warning" role="alert" title="Your safety comes first" testId="role-guide-safety">
      <p>
        <strong>{safety.emergency}</strong>
      </p>
      <p>
        {safety.hotline.name}: call <a href={`tel:${safety.hotline.phone}`}>{safety.hotline.phone}</a>,{' '}
        {safety.hotline.text.charAt(0).toLowerCase() + safety.hotline.text.slice(1)}, or chat at{' '}
        <a href={safety.hotline.website} target="_blank" rel="noreferrer">
          {safety.hotline.website.replace(/^https:\/\/(www\.)?/u, '')}
        </a>
        . Free, confidential, any time.
      </p>
      <p>Why this shows: {safety.reasons.join(' ')}</p>
      {safety.mediationCaution !== undefined && (
        <p data-testid="role-guide-mediation-caution">
          <strong>About mediation:</strong> {safety.mediationCaution}
        </p>
      )}
    </Notice>
  );
}

/** One professional as a card: why (from the answers), what they do, what they cost, how to find one. */
function RecommendationCard({ recommendation: r }: { recommendation: Recommendation }) {
  const headingId = `role-${r.profession}`;
  return (
    <li>
      <article
        className="card role-card"
        aria-labelledby={headingId}
        data-testid={`role-card-${r.profession}`}
      >
        <h3 id={headingId}>
          {r.title}{' '}
          <span className="badge">{r.priority === 'first' ? 'Start here' : 'Worth considering'}</span>
        </h3>
        {r.caution !== undefined && (
          <Notice tone="warning" title="May not be suitable">
            <p>{r.caution}</p>
          </Notice>
        )}
        <h4>Why, from your answers</h4>
        <ul>
          {r.why.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
        <h4>What they do</h4>
        <p>{r.whatTheyDo}</p>
        <h4>Typical cost (US)</h4>
        <p>
          {r.typicalCost.range}. {r.typicalCost.note} Costs vary by state, area and person.
        </p>
        <h4>How to find one</h4>
        <p>{r.howToFind}</p>
      </article>
    </li>
  );
}

/** Whether AI wrote a paragraph, and if not why, like the other AI features say it. */
function AiPart({ ai }: { ai: RoleGuide['ai'] }) {
  if (ai.status === 'used' && ai.whyForYou !== undefined)
    return (
      <section aria-labelledby="role-guide-why-heading" className="card" data-testid="role-guide-why">
        <h3 id="role-guide-why-heading">Why these, for you (written by AI)</h3>
        <p>{ai.whyForYou}</p>
        <p className="muted">
          {ai.detail} Prompt {ai.promptVersion}.
        </p>
      </section>
    );
  if (ai.status === 'not-configured')
    return (
      <Notice title="AI is not configured on this server" role="status" testId="ai-not-configured">
        <p>{ai.detail}</p>
      </Notice>
    );
  return (
    <p className="muted" data-testid="role-guide-ai-status">
      {ai.detail}
    </p>
  );
}

/** The guide: the safety notice first when flagged, the not-advice line, the cards, the AI status. */
export function GuideResults({ guide }: { guide: RoleGuide }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  // A new guide takes focus, so keyboard and screen-reader users land on it (and on the safety notice).
  useEffect(() => headingRef.current?.focus(), [guide]);
  return (
    <section aria-labelledby="role-guide-results-heading" data-testid="role-guide-results">
      <h2 id="role-guide-results-heading" tabIndex={-1} ref={headingRef}>
        Professionals to consider
      </h2>
      {guide.safety.isFlagged && <SafetyNotice safety={guide.safety} />}
      <p data-testid="role-guide-not-advice">
        <strong>{guide.notAdvice}</strong>
      </p>
      <p className="muted">{guide.stateRulesNote}</p>
      <AiPart ai={guide.ai} />
      <ul className="role-cards">
        {guide.recommendations.map((recommendation) => (
          <RecommendationCard key={recommendation.profession} recommendation={recommendation} />
        ))}
      </ul>
      <p className="muted">
        This guide is shown, not saved: nothing you answered is kept. Guide {guide.guideVersion}.
      </p>
    </section>
  );
}
