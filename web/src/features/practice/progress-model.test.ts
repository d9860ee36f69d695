import { describe, expect, it } from 'vitest';
import { describeCalibration, levelLabel, levelRank, percent } from './progress-model';

describe('progress model', () => {
  it('orders mastery levels for the chart and names them for people', () => {
    expect(levelRank('not-started')).toBe(0);
    expect(levelRank('mastered')).toBe(4);
    expect(levelLabel('proficient')).toBe('Proficient');
  });

  it('says something only when self-ratings and scores disagree', () => {
    expect(describeCalibration('higher')).toBe('You rate yourself higher than your scores.');
    expect(describeCalibration('lower')).toMatch(/better than you rate yourself/);
    expect(describeCalibration('matched')).toBeUndefined();
    expect(describeCalibration('not-enough-data')).toBeUndefined();
    expect(percent(0.876)).toBe('88%');
  });
});
