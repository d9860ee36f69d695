import type { Progress } from './hooks';

type Level = Progress['skills'][number]['level'];

/** Mastery levels in order, as a number for the bar chart and a label for people. */
export const LEVELS: { level: Level; label: string }[] = [
  { level: 'not-started', label: 'Not started' },
  { level: 'attempted', label: 'Attempted' },
  { level: 'familiar', label: 'Familiar' },
  { level: 'proficient', label: 'Proficient' },
  { level: 'mastered', label: 'Mastered' },
];

export function levelRank(level: Level): number {
  return LEVELS.findIndex((entry) => entry.level === level);
}

export function levelLabel(level: Level): string {
  return LEVELS.find((entry) => entry.level === level)?.label ?? level;
}

/** What the self-rating comparison says, or nothing when there is nothing to say. */
export function describeCalibration(
  calibration: Progress['skills'][number]['calibration'],
): string | undefined {
  if (calibration === 'higher') return 'You rate yourself higher than your scores.';
  if (calibration === 'lower') return 'Your scores are better than you rate yourself.';
  return undefined;
}

export function percent(value: number): string {
  return `${Math.round(value * 100)}%`;
}
