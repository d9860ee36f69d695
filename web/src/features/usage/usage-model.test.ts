import { describe, expect, it } from 'vitest';
import { formatShare, toFunnel } from './usage-model';

describe('usage funnel', () => {
  it('gives each step its share of the first step and of the step before', () => {
    const funnel = toFunnel([
      { name: 'sign-in-requested', count: 200 },
      { name: 'signed-in', count: 150 },
      { name: 'workspace-created', count: 30 },
    ]);
    expect(funnel.map((s) => [s.label, formatShare(s.ofFirst), formatShare(s.ofPrevious)])).toEqual([
      ['Asked for a sign-in link', '100%', '100%'],
      ['Signed in', '75%', '75%'],
      ['Created a workspace', '15%', '20%'],
    ]);
  });

  it('shows zero shares, not NaN, when a step before has no count', () => {
    const funnel = toFunnel([
      { name: 'sign-in-requested', count: 0 },
      { name: 'signed-in', count: 0 },
    ]);
    expect(funnel.map((s) => [s.ofFirst, s.ofPrevious])).toEqual([
      [0, 1],
      [0, 0],
    ]);
  });
});
