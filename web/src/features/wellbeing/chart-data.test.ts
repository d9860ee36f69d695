import { describe, expect, it } from 'vitest';
import { buildCalendar, moodColor, summarizeDays, toLocalDate } from './chart-data';

const at = (date: string, hour: number) =>
  new Date(`${date}T${String(hour).padStart(2, '0')}:00:00`).toISOString();

describe('chart data', () => {
  it('averages mood and anxiety per local day, oldest first', () => {
    const days = summarizeDays([
      { occurredAt: at('2026-11-02', 9), mood: 4, anxiety: 6 },
      { occurredAt: at('2026-11-01', 20), mood: 7, anxiety: 2 },
      { occurredAt: at('2026-11-02', 21), mood: 5, anxiety: 3 },
    ]);
    expect(days).toEqual([
      { date: '2026-11-01', count: 1, mood: 7, anxiety: 2 },
      { date: '2026-11-02', count: 2, mood: 4.5, anxiety: 4.5 },
    ]);
  });

  it('lays every day of the range out in week columns, Sunday first', () => {
    const cells = buildCalendar('2026-11-01', '2026-11-09', [
      { date: '2026-11-03', count: 1, mood: 5, anxiety: 5 },
    ]);
    expect(cells).toHaveLength(9);
    expect(cells[0]).toMatchObject({ date: '2026-11-01', week: 0, weekday: 0 });
    expect(cells[8]).toMatchObject({ date: '2026-11-09', week: 1, weekday: 1 });
    expect(cells.filter((c) => c.summary !== undefined).map((c) => c.date)).toEqual(['2026-11-03']);
    expect(toLocalDate(at('2026-11-03', 23))).toBe('2026-11-03');
  });

  it('gives low and high moods different colours', () => {
    expect(moodColor(1)).not.toBe(moodColor(10));
  });
});
