import { ACTIVITY_FORMATS, type Activity } from './activity-schema.js';
import { isWithin, type Cycle } from './cycles.js';
import { assembleProgress, cappedFormats, round, type LicenseProgress } from './progress.js';
import type { Renewal } from './renewal-schema.js';
import type { License } from './schema.js';

/**
 * A license cycle's tally: the hours of the activities in the cycle per format and per topic the
 * license's requirements name, and nothing per activity. The progress read answers from it
 * instead of reading every activity; activity writes keep it exact by adding their difference in
 * the same transaction. Hours are quarter hours, which binary numbers add and subtract exactly,
 * so a tally kept by differences equals one summed afresh.
 */

export type ActivityFormat = (typeof ACTIVITY_FORMATS)[number];

/** What a tally counts: a cycle's dates and the topics (compared as `topicKey`) it keeps hours of. */
export type TallyShape = { startsOn: string; endsOn: string; topics: string[] };

export type CycleTally = TallyShape & {
  formatHours: Record<ActivityFormat, number>;
  topicHours: Record<string, number>;
};

/** The difference one activity write makes to one tally. */
export type TallyDelta = {
  formatHours: Partial<Record<ActivityFormat, number>>;
  topicHours: Record<string, number>;
};

/** How topics compare (as `sameTopic` does): without case or surrounding space. */
export function topicKey(topic: string): string {
  return topic.trim().toLowerCase();
}

/** The tally a license's current cycle needs, or undefined when the cycle is unknown. */
export function tallyShapeOf(renewal: Renewal): TallyShape | undefined {
  if (!renewal.cycles.isKnown) return undefined;
  const { startsOn, endsOn } = renewal.cycles.current;
  const topics = [...new Set(renewal.requirements.topics.map((t) => topicKey(t.topic)))].sort();
  return { startsOn, endsOn, topics };
}

/** Whether `tally` counts exactly what `shape` asks for (else it is rebuilt from the activities). */
export function isTallyOf(tally: TallyShape, shape: TallyShape): boolean {
  return (
    tally.startsOn === shape.startsOn &&
    tally.endsOn === shape.endsOn &&
    tally.topics.length === shape.topics.length &&
    tally.topics.every((topic, index) => topic === shape.topics[index])
  );
}

function emptyTally(shape: TallyShape): CycleTally {
  return {
    ...shape,
    formatHours: { 'live-in-person': 0, 'live-online': 0, 'self-study': 0 },
    topicHours: Object.fromEntries(shape.topics.map((topic) => [topic, 0])),
  };
}

/** What `activity` adds to a tally of `shape` (nothing when it falls outside the cycle). */
export function contributionOf(shape: TallyShape, activity: Activity | undefined): TallyDelta {
  const delta: TallyDelta = { formatHours: {}, topicHours: {} };
  if (activity === undefined || !isWithin(activity.completedOn, shape)) return delta;
  delta.formatHours[activity.format] = activity.hours;
  for (const allocation of activity.topics) {
    const key = topicKey(allocation.topic);
    if (shape.topics.includes(key)) delta.topicHours[key] = (delta.topicHours[key] ?? 0) + allocation.hours;
  }
  return delta;
}

/** What replacing `before` by `after` (either may be absent) changes in a tally, zero entries left out. */
export function differenceOf(
  shape: TallyShape,
  before: Activity | undefined,
  after: Activity | undefined,
): TallyDelta {
  const added = contributionOf(shape, after);
  const removed = contributionOf(shape, before);
  const delta: TallyDelta = { formatHours: {}, topicHours: {} };
  for (const format of ACTIVITY_FORMATS) {
    const change = (added.formatHours[format] ?? 0) - (removed.formatHours[format] ?? 0);
    if (change !== 0) delta.formatHours[format] = change;
  }
  for (const topic of new Set([...Object.keys(added.topicHours), ...Object.keys(removed.topicHours)])) {
    const change = (added.topicHours[topic] ?? 0) - (removed.topicHours[topic] ?? 0);
    if (change !== 0) delta.topicHours[topic] = change;
  }
  return delta;
}

export function isEmptyDelta(delta: TallyDelta): boolean {
  return Object.keys(delta.formatHours).length === 0 && Object.keys(delta.topicHours).length === 0;
}

/** A tally of `shape` summed afresh over `activities`. */
export function tallyActivities(shape: TallyShape, activities: readonly Activity[]): CycleTally {
  const tally = emptyTally(shape);
  for (const activity of activities) {
    const delta = contributionOf(shape, activity);
    for (const format of ACTIVITY_FORMATS) tally.formatHours[format] += delta.formatHours[format] ?? 0;
    for (const [topic, hours] of Object.entries(delta.topicHours))
      tally.topicHours[topic] = (tally.topicHours[topic] ?? 0) + hours;
  }
  return tally;
}

/**
 * The progress of a license's current cycle from its tally, equal to `computeLicenseProgress` over
 * the activities. The caps there take hours earliest first; their totals depend only on the
 * totals per format, except when a self-study cap follows a cap over self-study and live online
 * that excluded hours (which of the two formats lost them depends on the order of the
 * activities): then this answers undefined and the caller computes over the activities.
 */
export function computeProgressFromTally(
  license: License,
  renewal: Renewal,
  cycle: Cycle,
  tally: CycleTally,
  today: string,
): LicenseProgress | undefined {
  const counted = { ...tally.formatHours };
  let isSplitKnown = true;
  const capped: LicenseProgress['capped'] = [];
  for (const limit of renewal.requirements.limits) {
    const cap = limit.hours.value;
    const formats = cappedFormats(limit.kind);
    if (cap === null || formats === undefined) continue;
    if (formats.length === 1 && !isSplitKnown) return undefined;
    const before = formats.reduce((sum, format) => sum + counted[format], 0);
    const allowed = Math.max(0, Math.min(before, cap));
    if (before - allowed > 0) {
      capped.push({ kind: limit.kind, capHours: cap, excludedHours: round(before - allowed) });
      if (formats.length === 1) counted['self-study'] = allowed;
      else isSplitKnown = false;
    }
    // Once the split is unknown only the capped formats' sum is known: keep it in one of them.
    if (!isSplitKnown) {
      counted['self-study'] = allowed;
      counted['live-online'] = 0;
    }
  }
  const earned = counted['live-in-person'] + counted['live-online'] + counted['self-study'];
  return assembleProgress(
    { license, renewal, cycle, today },
    { earned, topicHours: (topic) => tally.topicHours[topicKey(topic)] ?? 0, capped },
  );
}
