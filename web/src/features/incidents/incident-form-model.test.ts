import { describe, expect, it } from 'vitest';
import type { Incident } from '../../lib/api/types';
import {
  createEmptyIncidentForm,
  EMPTY_CHIP_DRAFTS,
  getIncidentChanges,
  mergeChipDrafts,
  toIncidentForm,
  validateIncidentForm,
  type IncidentFormValues,
} from './incident-form-model';

const incident: Incident = {
  id: 'inc_1',
  occurredAt: '2025-03-04T18:05:00-05:00',
  timeZone: 'America/New_York',
  category: 'late-pickup',
  location: 'School gate',
  peopleInvolved: ['Jordan'],
  childrenPresent: ['Mia'],
  narrative: 'Pickup was 40 minutes late.',
  witnesses: [],
  tags: ['pickup'],
  followUpNeeded: false,
  createdAt: '2025-03-04T23:10:00Z',
  updatedAt: '2025-03-04T23:10:00Z',
  createdBy: 'usr_1',
  version: 1,
};

const filled = (overrides: Partial<IncidentFormValues> = {}): IncidentFormValues => ({
  ...createEmptyIncidentForm('Europe/London', Date.parse('2025-01-15T09:30:00Z')),
  category: 'communication',
  narrative: 'Text messages went unanswered.',
  ...overrides,
});

describe('incident form', () => {
  it('starts at the current wall-clock time in the chosen zone', () => {
    const form = createEmptyIncidentForm('Asia/Tokyo', Date.parse('2025-01-15T09:30:00Z'));
    expect(form.occurredAtLocal).toBe('2025-01-15T18:30');
    expect(form.timeZone).toBe('Asia/Tokyo');
  });

  it('builds the API body with the offset of the chosen zone', () => {
    const result = validateIncidentForm(filled({ location: '  Café  ', tags: ['texts'] }));
    expect(result).toEqual({
      ok: true,
      body: {
        occurredAt: '2025-01-15T09:30:00+00:00',
        timeZone: 'Europe/London',
        category: 'communication',
        location: 'Café',
        peopleInvolved: [],
        childrenPresent: [],
        narrative: 'Text messages went unanswered.',
        witnesses: [],
        tags: ['texts'],
        followUpNeeded: false,
      },
    });
  });

  it('reports each missing or impossible value at its field', () => {
    const result = validateIncidentForm(
      filled({ category: '', narrative: '   ', occurredAtLocal: '2025-03-30T01:30', tags: ['x'.repeat(41)] }),
    );
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(Object.keys(result.errors).sort()).toEqual(['category', 'narrative', 'occurredAt', 'tags']);
      expect(result.errors.occurredAt).toMatch(/did not exist/);
    }
    const noZone = validateIncidentForm(filled({ timeZone: '' }));
    expect(noZone.ok === false && noZone.errors.timeZone).toBe('Choose the time zone where it happened.');
  });

  it('shows an incident in its own zone and sends only what changed', () => {
    const form = toIncidentForm(incident);
    expect(form.occurredAtLocal).toBe('2025-03-04T18:05');
    const unchanged = validateIncidentForm(form);
    expect(unchanged.ok && getIncidentChanges(incident, unchanged.body)).toEqual({});

    const edited = validateIncidentForm({
      ...form,
      narrative: 'Pickup was 45 minutes late.',
      witnesses: ['Ms Lee'],
    });
    expect(edited.ok && getIncidentChanges(incident, edited.body)).toEqual({
      narrative: 'Pickup was 45 minutes late.',
      witnesses: ['Ms Lee'],
    });

    const moved = validateIncidentForm({ ...form, timeZone: 'America/Chicago' });
    expect(moved.ok && getIncidentChanges(incident, moved.body)).toEqual({
      occurredAt: '2025-03-04T18:05:00-06:00',
      timeZone: 'America/Chicago',
    });
  });

  it('adds text still typed in the chip inputs, tags in lower case', () => {
    const merged = mergeChipDrafts(filled({ peopleInvolved: ['Jordan'], tags: ['School'] }), {
      ...EMPTY_CHIP_DRAFTS,
      peopleInvolved: 'Ms Lee, jordan',
      tags: 'Pickup',
    });
    expect(merged.peopleInvolved).toEqual(['Jordan', 'Ms Lee']);
    expect(merged.tags).toEqual(['school', 'pickup']);
  });
});
