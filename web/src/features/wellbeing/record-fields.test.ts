import { describe, expect, it } from 'vitest';
import { CHECK_IN_FIELDS, COMPLAINT_FIELDS, toFormValues, toggleListItem } from './record-fields';
import { toCheckInInput } from './record-kinds';

describe('wellbeing record forms', () => {
  it('turns a check-in form into a body with numbers, lists and an ISO time', () => {
    const values = toFormValues(CHECK_IN_FIELDS, {
      occurredAt: '2026-11-02T10:30:00.000Z',
      mood: 4,
      anxiety: 7,
      symptoms: ['worry', 'my own'],
      notes: 'x',
    });
    expect(values.symptoms).toBe('worry, my own');
    const body = toCheckInInput({ ...values, sleepHours: '' });
    expect(body).toMatchObject({
      occurredAt: '2026-11-02T10:30:00.000Z',
      mood: 4,
      anxiety: 7,
      symptoms: ['worry', 'my own'],
    });
    expect(body).not.toHaveProperty('sleepHours');
  });

  it('defaults a new complaint to the first option of each choice', () => {
    expect(toFormValues(COMPLAINT_FIELDS)).toMatchObject({ providerType: 'therapist', status: 'draft' });
  });

  it('ticks and unticks symptoms in the list', () => {
    expect(toggleListItem('worry, panic', 'panic')).toBe('worry');
    expect(toggleListItem('worry', 'fatigue')).toBe('worry, fatigue');
  });
});
