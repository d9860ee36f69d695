import type { CatalogueRule } from './catalogue/catalogue-schema.js';

/**
 * A license's requirements: the catalogue rule's numbers with the holder's own overrides laid
 * over them. Each number says where it came from, so the page can show both the board's figure
 * (as the catalogue read it) and the holder's; a null the catalogue has and nobody overrode stays
 * null (unknown), never a guess.
 */

export type NumberSource = 'catalogue' | 'override' | 'unknown';

export type EffectiveNumber = {
  value: number | null;
  source: NumberSource;
  /** What the catalogue says, kept beside an override so the difference is visible. */
  catalogueValue: number | null;
};

export type TopicFrequency = 'every-cycle' | 'once' | 'first-renewal' | 'own';

export type EffectiveTopic = {
  topic: string;
  hours: EffectiveNumber;
  frequency: TopicFrequency;
  everyNCycles: number | null;
  intervalYears: number | null;
  notes: string | null;
};

export type EffectiveLimit = { kind: string; hours: EffectiveNumber; notes: string | null };

export type LicenseOverrides = {
  cycleMonths?: number;
  totalHours?: number;
  topics?: { topic: string; hours: number }[];
  limits?: { kind: string; hours: number }[];
  reason?: string;
  setAt?: string;
  setBy?: string;
};

export type EffectiveRequirements = {
  cycleMonths: EffectiveNumber;
  totalHours: EffectiveNumber;
  topics: EffectiveTopic[];
  limits: EffectiveLimit[];
};

function effective(catalogueValue: number | null, override: number | undefined): EffectiveNumber {
  if (override !== undefined) return { value: override, source: 'override', catalogueValue };
  return { value: catalogueValue, source: catalogueValue === null ? 'unknown' : 'catalogue', catalogueValue };
}

/** Topic names compare without case or surrounding space, so "law and ethics" finds "Law and ethics". */
export function sameTopic(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/**
 * Lays `overrides` over `rule` (which may be missing: a license the catalogue has no rule for).
 * An overridden topic the rule lacks becomes the holder's own requirement, every cycle.
 */
export function resolveRequirements(
  rule: CatalogueRule | undefined,
  overrides: LicenseOverrides | undefined,
): EffectiveRequirements {
  const topicOverrides = overrides?.topics ?? [];
  const limitOverrides = overrides?.limits ?? [];
  const ruleTopics = rule?.topics ?? [];
  const topics: EffectiveTopic[] = ruleTopics.map((topic) => ({
    topic: topic.topic,
    hours: effective(topic.hours, topicOverrides.find((o) => sameTopic(o.topic, topic.topic))?.hours),
    frequency: topic.frequency,
    everyNCycles: topic.everyNCycles ?? null,
    intervalYears: topic.intervalYears ?? null,
    notes: topic.notes,
  }));
  for (const own of topicOverrides) {
    if (ruleTopics.some((topic) => sameTopic(topic.topic, own.topic))) continue;
    topics.push({
      topic: own.topic,
      hours: { value: own.hours, source: 'override', catalogueValue: null },
      frequency: 'own',
      everyNCycles: null,
      intervalYears: null,
      notes: null,
    });
  }
  const ruleLimits = rule?.limits ?? [];
  const limits: EffectiveLimit[] = ruleLimits.map((limit, index) => ({
    kind: limit.kind,
    // Several limits can share a kind (two category caps): an override names the first of them.
    hours: effective(
      limit.hours,
      ruleLimits.findIndex((l) => l.kind === limit.kind) === index
        ? limitOverrides.find((o) => o.kind === limit.kind)?.hours
        : undefined,
    ),
    notes: limit.notes,
  }));
  for (const own of limitOverrides) {
    if (ruleLimits.some((limit) => limit.kind === own.kind)) continue;
    limits.push({
      kind: own.kind,
      hours: { value: own.hours, source: 'override', catalogueValue: null },
      notes: null,
    });
  }
  return {
    cycleMonths: effective(rule?.cycleMonths ?? null, overrides?.cycleMonths),
    totalHours: effective(rule?.totalHours ?? null, overrides?.totalHours),
    topics,
    limits,
  };
}
