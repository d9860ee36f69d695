import { isCalendarDate } from './cycles.js';
import {
  LOW_CONFIDENCE,
  type ExtractionAnswer,
  type FieldFlag,
  type SuggestedFields,
} from './extraction-schema.js';
import { sameTopic } from './requirements.js';

/**
 * Our own review of a provider's reading of a certificate: values that break our rules are
 * dropped or corrected and flagged, missing and unsure fields are flagged with the reason, so the
 * person sees at each field what to check before saving (P-AI-2). Pure, so it is tested alone.
 */

type Answered<T> = { value: T | null; confidence: number; note: string | null };
type Suggested<T> = { value: T | null; confidence: number; flag?: FieldFlag };

const MAX_HOURS = 200;

function withNote(reason: string, note: string | null): string {
  const said = note?.trim();
  return said === undefined || said === '' ? reason : `${reason} (${said})`;
}

/** Missing beats unsure: a field with no value is flagged as missing whatever the confidence. */
function review<T>(answer: Answered<T>, isEmpty: (value: T) => boolean = () => false): Suggested<T> {
  const confidence = answer.value === null ? 0 : answer.confidence;
  if (answer.value === null || isEmpty(answer.value))
    return {
      value: null,
      confidence,
      flag: { kind: 'missing', reason: withNote('Not found on the certificate; fill it in.', answer.note) },
    };
  if (answer.confidence < LOW_CONFIDENCE) {
    const percent = Math.round(answer.confidence * 100);
    return {
      value: answer.value,
      confidence,
      flag: {
        kind: 'low-confidence',
        reason: withNote(
          `Read with only ${String(percent)}% confidence; check it on the certificate.`,
          answer.note,
        ),
      },
    };
  }
  return { value: answer.value, confidence };
}

function invalid<T>(value: T | null, confidence: number, reason: string): Suggested<T> {
  return { value, confidence, flag: { kind: 'invalid', reason } };
}

/** Boards credit quarter hours: a reading off the quarter is rounded, and says so. */
function toQuarterHours(hours: number): number {
  return Math.round(hours * 4) / 4;
}

function reviewText(answer: Answered<string>): Suggested<string> {
  return review({ ...answer, value: answer.value?.trim() ?? null }, (value) => value === '');
}

function reviewDate(answer: Answered<string>): Suggested<string> {
  const reviewed = reviewText(answer);
  if (reviewed.value === null || isCalendarDate(reviewed.value)) return reviewed;
  return invalid<string>(
    null,
    0,
    `“${reviewed.value}” is not a date as YYYY-MM-DD; enter the completion date.`,
  );
}

function reviewHours(answer: Answered<number>): Suggested<number> {
  const reviewed = review(answer, (value) => value <= 0);
  if (reviewed.value === null) return reviewed;
  const rounded = toQuarterHours(reviewed.value);
  if (rounded < 0.25 || rounded > MAX_HOURS)
    return invalid<number>(
      null,
      0,
      `${String(reviewed.value)} hours is outside 0.25–${String(MAX_HOURS)}; enter the hours.`,
    );
  if (rounded !== reviewed.value)
    return invalid(
      rounded,
      reviewed.confidence,
      `The certificate reads ${String(reviewed.value)} hours; rounded to ${String(rounded)}, the quarter hours boards credit.`,
    );
  return reviewed;
}

type Topic = { topic: string; hours: number | null };

/** Topics become the allowed names exactly (each once); names no rule knows are left out, and said. */
function reviewTopics(
  answer: Answered<Topic[]>,
  allowed: readonly string[],
  hours: number | null,
): Suggested<Topic[]> {
  const reviewed = review(answer, (value) => value.length === 0);
  if (reviewed.value === null) return reviewed;
  const matched: Topic[] = [];
  const unknown: string[] = [];
  for (const item of reviewed.value) {
    const name = allowed.find((topic) => sameTopic(topic, item.topic));
    if (name === undefined) unknown.push(item.topic.trim());
    else if (!matched.some((topic) => topic.topic === name))
      matched.push({ topic: name, hours: item.hours === null ? null : toQuarterHours(item.hours) || null });
  }
  if (unknown.length > 0)
    return invalid(
      matched,
      reviewed.confidence,
      `Left out, as no rule of your licenses names them: ${unknown.join(', ')}. Choose the topics yourself.`,
    );
  const total = matched.reduce((sum, topic) => sum + (topic.hours ?? 0), 0);
  if (hours !== null && total > hours)
    return invalid(matched, reviewed.confidence, 'The topics hold more hours than the activity; check both.');
  return { ...reviewed, value: matched };
}

/** The suggestions the person reviews, from the provider's answer and the topics their rules name. */
export function reviewExtraction(
  answer: ExtractionAnswer,
  allowedTopics: readonly string[],
): SuggestedFields {
  const hours = reviewHours(answer.hours);
  return {
    title: reviewText(answer.title),
    provider: reviewText(answer.provider),
    completedOn: reviewDate(answer.completedOn),
    hours,
    format: review(answer.format),
    topics: reviewTopics(answer.topics, allowedTopics, hours.value),
    certificateNumber: reviewText(answer.certificateNumber),
  };
}
