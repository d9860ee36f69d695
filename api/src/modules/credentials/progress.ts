import type { Activity } from './activity-schema.js';
import { daysBetween, isWithin, type Cycle } from './cycles.js';
import type { Renewal } from './renewal-schema.js';
import { sameTopic } from './requirements.js';
import type { License } from './schema.js';

/**
 * Progress of each license's current renewal cycle, computed from its requirements and the
 * activities, pure and deterministic. One activity counts toward every license whose cycle it
 * falls in; its topic hours count toward each license whose rule names that topic.
 */

/** Limits that cap self-study hours (and, for the online ones, live online hours too) toward the total. */
export const SELF_STUDY_CAPS = [
  'max-self-study',
  'max-home-study',
  'max-independent-learning',
  'max-correspondence',
  'max-asynchronous',
];
export const DISTANCE_CAPS = ['max-online', 'max-distance-learning'];
/** A cycle ending within this many days with hours missing is flagged at risk. */
export const AT_RISK_DAYS = 90;

export type TopicApplies = 'required' | 'once' | 'check' | 'not-this-cycle';

export type TopicProgress = {
  topic: string;
  applies: TopicApplies;
  needed: number | null;
  earned: number;
  remaining: number | null;
};

export type LicenseProgress = {
  licenseId: string;
  label: string;
  cycle: Cycle | null;
  reason: string | null;
  daysLeft: number | null;
  isAtRisk: boolean;
  total: { needed: number | null; earned: number; remaining: number | null };
  topics: TopicProgress[];
  capped: { kind: string; capHours: number; excludedHours: number }[];
};

export type Allocation = { activityId: string; title: string; lines: string[] };

export function round(hours: number): number {
  return Math.round(hours * 100) / 100;
}

function remainingOf(needed: number | null, earned: number): number | null {
  return needed === null ? null : round(Math.max(0, needed - earned));
}

function appliesOf(topic: Renewal['requirements']['topics'][number], cycle: Cycle): TopicApplies {
  if (topic.frequency === 'once') return 'once';
  if (topic.frequency === 'first-renewal') {
    if (cycle.isFirstRenewal === null) return 'check';
    return cycle.isFirstRenewal ? 'required' : 'not-this-cycle';
  }
  if (topic.everyNCycles !== null || topic.intervalYears !== null) return 'check';
  return 'required';
}

/** The formats a limit caps (self-study alone, or self-study and live online), or undefined. */
export function cappedFormats(kind: string): readonly Activity['format'][] | undefined {
  if (SELF_STUDY_CAPS.includes(kind)) return ['self-study'];
  if (DISTANCE_CAPS.includes(kind)) return ['self-study', 'live-online'];
  return undefined;
}

/** Hours of each activity that count toward the total after the rule's format caps, earliest first. */
function countedHours(activities: Activity[], limits: Renewal['requirements']['limits']) {
  const counted = new Map(activities.map((a) => [a.id, a.hours]));
  const capped: LicenseProgress['capped'] = [];
  for (const limit of limits) {
    const cap = limit.hours.value;
    const formats = cappedFormats(limit.kind);
    if (cap === null || formats === undefined) continue;
    let used = 0;
    let excluded = 0;
    for (const activity of activities) {
      if (!formats.includes(activity.format)) continue;
      const hours = counted.get(activity.id) ?? 0;
      const allowed = Math.max(0, Math.min(hours, cap - used));
      used += allowed;
      excluded += hours - allowed;
      counted.set(activity.id, allowed);
    }
    if (excluded > 0) capped.push({ kind: limit.kind, capHours: cap, excludedHours: round(excluded) });
  }
  return { counted, capped };
}

export function licenseLabel(license: License): string {
  return `${license.jurisdiction} ${license.credentialType}`;
}

/** The progress of one license's current cycle (`today` decides days left and the risk flag). */
export function computeLicenseProgress(
  license: License,
  renewal: Renewal,
  activities: readonly Activity[],
  today: string,
): LicenseProgress {
  const label = licenseLabel(license);
  const { requirements } = renewal;
  if (!renewal.cycles.isKnown) {
    return {
      licenseId: license.id,
      label,
      cycle: null,
      reason: renewal.cycles.reason,
      daysLeft: null,
      isAtRisk: false,
      total: { needed: requirements.totalHours.value, earned: 0, remaining: requirements.totalHours.value },
      topics: [],
      capped: [],
    };
  }
  const cycle = renewal.cycles.current;
  const inCycle = activities
    .filter((a) => isWithin(a.completedOn, cycle))
    .sort((a, b) =>
      a.completedOn === b.completedOn ? a.id.localeCompare(b.id) : a.completedOn < b.completedOn ? -1 : 1,
    );
  const { counted, capped } = countedHours(inCycle, requirements.limits);
  const earned = [...counted.values()].reduce((sum, hours) => sum + hours, 0);
  const topicHours = (name: string) =>
    inCycle.reduce(
      (sum, a) => sum + a.topics.filter((t) => sameTopic(t.topic, name)).reduce((s, t) => s + t.hours, 0),
      0,
    );
  return assembleProgress({ license, renewal, cycle, today }, { earned, topicHours, capped });
}

/**
 * A known cycle's progress from its counted hours (before rounding): the hours counted toward
 * the total, the hours of each topic, and the caps that excluded hours. Shared by the computation
 * over the activities and the one over a cycle's stored tally, so both answer alike.
 */
export function assembleProgress(
  at: { license: License; renewal: Renewal; cycle: Cycle; today: string },
  hours: { earned: number; topicHours: (topic: string) => number; capped: LicenseProgress['capped'] },
): LicenseProgress {
  const { license, renewal, cycle, today } = at;
  const { requirements } = renewal;
  const earned = round(hours.earned);
  const topics = requirements.topics.map((topic) => {
    const topicEarned = round(hours.topicHours(topic.topic));
    return {
      topic: topic.topic,
      applies: appliesOf(topic, cycle),
      needed: topic.hours.value,
      earned: topicEarned,
      remaining: remainingOf(topic.hours.value, topicEarned),
    };
  });
  const remaining = remainingOf(requirements.totalHours.value, earned);
  const daysLeft = daysBetween(today, cycle.endsOn);
  const isMissing =
    (remaining ?? 0) > 0 || topics.some((t) => t.applies === 'required' && (t.remaining ?? 0) > 0);
  return {
    licenseId: license.id,
    label: licenseLabel(license),
    cycle,
    reason: null,
    daysLeft,
    isAtRisk: isMissing && daysLeft <= AT_RISK_DAYS,
    total: { needed: requirements.totalHours.value, earned, remaining },
    topics,
    capped: hours.capped,
  };
}

/**
 * What each activity counted for, in words: "3 h of Law and ethics counted for CA LMFT and TX LPC",
 * and the activities no current cycle takes.
 */
export function explainAllocations(
  licenses: readonly { license: License; renewal: Renewal }[],
  activities: readonly Activity[],
): Allocation[] {
  return activities.map((activity) => {
    const holding = licenses.filter(
      ({ renewal }) => renewal.cycles.isKnown && isWithin(activity.completedOn, renewal.cycles.current),
    );
    if (holding.length === 0)
      return {
        activityId: activity.id,
        title: activity.title,
        lines: ['Falls in no current renewal cycle.'],
      };
    const names = (list: typeof holding) => list.map(({ license }) => licenseLabel(license)).join(' and ');
    const lines = [`${activity.hours} h counted toward the total for ${names(holding)}.`];
    for (const allocation of activity.topics) {
      const takers = holding.filter(({ renewal }) =>
        renewal.requirements.topics.some((t) => sameTopic(t.topic, allocation.topic)),
      );
      lines.push(
        takers.length === 0
          ? `${allocation.hours} h of ${allocation.topic}: no license here names this topic.`
          : `${allocation.hours} h of ${allocation.topic} counted for ${names(takers)}.`,
      );
    }
    return { activityId: activity.id, title: activity.title, lines };
  });
}
