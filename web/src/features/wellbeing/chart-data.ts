/** Pure shaping of check-in points for the trend chart and the calendar heat map. */

export type Point = { occurredAt: string; mood: number; anxiety: number; sleepHours?: number };

export type DaySummary = { date: string; count: number; mood: number; anxiety: number };

/** The local calendar date (YYYY-MM-DD) of an instant, in the browser's time zone. */
export function toLocalDate(iso: string): string {
  const date = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Average mood and anxiety per local day, oldest first. */
export function summarizeDays(points: readonly Point[]): DaySummary[] {
  const days = new Map<string, { count: number; mood: number; anxiety: number }>();
  for (const point of points) {
    const day = toLocalDate(point.occurredAt);
    const sum = days.get(day) ?? { count: 0, mood: 0, anxiety: 0 };
    days.set(day, {
      count: sum.count + 1,
      mood: sum.mood + point.mood,
      anxiety: sum.anxiety + point.anxiety,
    });
  }
  return [...days.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([date, sum]) => ({
      date,
      count: sum.count,
      mood: Math.round((sum.mood / sum.count) * 10) / 10,
      anxiety: Math.round((sum.anxiety / sum.count) * 10) / 10,
    }));
}

export type CalendarCell = { date: string; week: number; weekday: number; summary?: DaySummary };

/**
 * Every day from `from` to `to` (local dates, inclusive) laid out in week columns (Sunday first),
 * with the day's summary where there is one.
 */
export function buildCalendar(from: string, to: string, summaries: readonly DaySummary[]): CalendarCell[] {
  const byDate = new Map(summaries.map((s) => [s.date, s]));
  const start = new Date(`${from}T12:00:00`);
  const end = new Date(`${to}T12:00:00`);
  const cells: CalendarCell[] = [];
  const offset = start.getDay();
  for (let day = new Date(start), index = 0; day <= end; day.setDate(day.getDate() + 1), index += 1) {
    const date = toLocalDate(day.toISOString());
    const summary = byDate.get(date);
    cells.push({
      date,
      week: Math.floor((index + offset) / 7),
      weekday: day.getDay(),
      ...(summary === undefined ? {} : { summary }),
    });
  }
  return cells;
}

/** A fill for a mood average: low mood dark, high mood light (with text in the table too). */
export function moodColor(mood: number): string {
  const steps = ['#3b0764', '#5b21b6', '#7c3aed', '#a78bfa', '#c4b5fd', '#ddd6fe'];
  const index = Math.min(steps.length - 1, Math.max(0, Math.floor(((mood - 1) / 9) * steps.length)));
  return steps[index] ?? '#ddd6fe';
}
