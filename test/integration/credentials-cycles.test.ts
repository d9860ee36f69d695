// The renewal-cycle arithmetic and the catalogue, as pure functions on hand-made cases.
import { describe, expect, it } from '@jest/globals';
import { addMonths, isCalendarDate, planCycles } from '@holdfast/api/modules/credentials/cycles';
import {
  findRule,
  listRules,
  parseCatalogue,
} from '@holdfast/api/modules/credentials/catalogue/load-catalogue';
import { resolveRequirements } from '@holdfast/api/modules/credentials/requirements';

describe('credentials: cycle arithmetic', () => {
  it('adds months clamping to the end of a shorter month, leap days included', () => {
    expect(addMonths('2028-02-29', 12)).toBe('2029-02-28');
    expect(addMonths('2028-02-29', 48)).toBe('2032-02-29');
    expect(addMonths('2028-02-29', -24)).toBe('2026-02-28');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(addMonths('2026-12-15', 1)).toBe('2027-01-15');
    expect(addMonths('2027-01-15', -1)).toBe('2026-12-15');
  });

  it('knows a calendar date from a look-alike', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-13-01')).toBe(false);
    expect(isCalendarDate('26-01-01')).toBe(false);
  });

  it('a full two-year cycle ends at the expiry and starts the day after the previous one', () => {
    const plan = planCycles({ issuedOn: '2020-07-01', expiresOn: '2026-06-30', cycleMonths: 24 });
    if (!plan.isKnown) throw new Error(plan.reason);
    expect(plan.current).toEqual({
      startsOn: '2024-07-01',
      endsOn: '2026-06-30',
      days: 730,
      isFirstRenewal: false,
      isShortened: false,
    });
    expect(plan.previous.map((c) => [c.startsOn, c.endsOn])).toEqual([
      ['2022-07-01', '2024-06-30'],
      ['2020-07-01', '2022-06-30'],
    ]);
    expect(plan.previous.at(-1)?.isFirstRenewal).toBe(true);
    expect(plan.next).toMatchObject({ startsOn: '2026-07-01', endsOn: '2028-06-30' });
  });

  it('a first renewal set less than a full cycle after issue is a shorter cycle from the issue date', () => {
    // CA: the first expiry is set by the board, no more than 24 months after issue.
    const plan = planCycles({ issuedOn: '2025-03-10', expiresOn: '2026-09-30', cycleMonths: 24 });
    if (!plan.isKnown) throw new Error(plan.reason);
    expect(plan.current).toMatchObject({
      startsOn: '2025-03-10',
      endsOn: '2026-09-30',
      isFirstRenewal: true,
      isShortened: true,
    });
    expect(plan.previous).toEqual([]);
  });

  it('a cycle ending on 29 February does not drift to the 28th in later cycles', () => {
    const plan = planCycles({ issuedOn: null, expiresOn: '2028-02-29', cycleMonths: 24 });
    if (!plan.isKnown) throw new Error(plan.reason);
    expect(plan.current).toMatchObject({ startsOn: '2026-03-01', endsOn: '2028-02-29', days: 731 });
    expect(plan.previous[0]).toMatchObject({ startsOn: '2024-03-01', endsOn: '2026-02-28' });
    expect(plan.previous[1]).toMatchObject({ startsOn: '2022-03-01', endsOn: '2024-02-29' });
    expect(plan.next.endsOn).toBe('2030-02-28');
    // Without an issue date nobody can say which cycle was the first.
    expect(plan.current.isFirstRenewal).toBeNull();
  });

  it('unknown numbers stay unknown: no cycle length or no expiry gives no cycles, with the reason', () => {
    expect(planCycles({ issuedOn: '2020-01-01', expiresOn: '2026-01-01', cycleMonths: null })).toMatchObject({
      isKnown: false,
      reason: expect.stringContaining('unknown'),
    });
    expect(planCycles({ issuedOn: null, expiresOn: null, cycleMonths: 24 }).isKnown).toBe(false);
    expect(planCycles({ issuedOn: '2026-01-02', expiresOn: '2026-01-01', cycleMonths: 24 }).isKnown).toBe(
      false,
    );
  });
});

describe('credentials: the requirement catalogue', () => {
  it('loads all 50 rules and matches a state title to its common credential type', () => {
    expect(listRules()).toHaveLength(50);
    expect(findRule('CA', 'LPC')?.license).toBe('LPC (CA title: LPCC)');
    expect(findRule('TX', 'LMFT')?.cycleMonths).toBe(24);
    expect(findRule('ZZ', 'LMFT')).toBeUndefined();
  });

  it('refuses malformed catalogue data at load, naming where', () => {
    expect(() => parseCatalogue([{ jurisdiction: 'California' }])).toThrow(/not valid/);
    const rule = findRule('CA', 'LMFT');
    expect(() => parseCatalogue([rule, rule])).toThrow(/two rules/);
  });

  it('a null stays unknown unless the holder overrides it, and an override keeps the catalogue figure beside it', () => {
    const rule = findRule('MI', 'LMFT');
    expect(rule?.cycleMonths).toBeNull();
    const plain = resolveRequirements(rule, undefined);
    expect(plain.cycleMonths).toEqual({ value: null, source: 'unknown', catalogueValue: null });
    expect(plain.totalHours.source).toBe('unknown');
    const own = resolveRequirements(findRule('CA', 'LMFT'), {
      totalHours: 40,
      topics: [
        { topic: 'law and ethics', hours: 8 },
        { topic: 'Cultural humility', hours: 2 },
      ],
    });
    expect(own.totalHours).toEqual({ value: 40, source: 'override', catalogueValue: 36 });
    expect(own.topics.find((t) => t.topic === 'Law and ethics')?.hours).toEqual({
      value: 8,
      source: 'override',
      catalogueValue: 6,
    });
    expect(own.topics.find((t) => t.topic === 'Cultural humility')).toMatchObject({ frequency: 'own' });
    expect(own.cycleMonths).toEqual({ value: 24, source: 'catalogue', catalogueValue: 24 });
  });
});
