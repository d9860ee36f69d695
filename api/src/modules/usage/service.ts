import type { AppDeps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import * as repo from './repo.js';
import { FUNNEL_STEPS, type UsageEvent, type UsageReport } from './schema.js';

const DAY_MS = 86_400_000;

/**
 * Counts a page view or funnel step for today. Nothing else is kept: no user, no device, no IP,
 * no cookie. With Global Privacy Control on, not even the count (P-LOG-2).
 */
export async function countUsage(deps: AppDeps, event: UsageEvent, hasGpc: boolean): Promise<boolean> {
  if (hasGpc) return false;
  if (event.kind === 'funnel' && !(FUNNEL_STEPS as readonly string[]).includes(event.name))
    throw new AppError('validation_failed', 'Unknown funnel step.', {
      errors: [{ field: 'name', message: `must be one of ${FUNNEL_STEPS.join(', ')}` }],
    });
  if (event.kind === 'page' && !event.name.startsWith('/'))
    throw new AppError('validation_failed', 'A page name is a route pattern starting with /.', {
      errors: [{ field: 'name', message: 'must start with /' }],
    });
  await repo.incrementCount(deps.db, deps.now().toISOString().slice(0, 10), event.kind, event.name);
  return true;
}

type UsageCount = { name: string; count: number };

function sumByName(target: Map<string, number>, counts: readonly UsageCount[]): void {
  for (const { name, count } of counts) target.set(name, (target.get(name) ?? 0) + count);
}

/** The daily counters of the last `days` days (today included), with totals over the range. */
export async function readUsage(deps: AppDeps, days: number): Promise<UsageReport> {
  const today = Date.parse(deps.now().toISOString().slice(0, 10));
  const pageTotals = new Map<string, number>();
  const funnelTotals = new Map<string, number>();
  const series: UsageReport['days'] = [];
  const dayList = Array.from({ length: days }, (_, i) =>
    new Date(today - (days - 1 - i) * DAY_MS).toISOString().slice(0, 10),
  );
  // One partition per day: read them side by side rather than one after another.
  const countsByDay = await Promise.all(dayList.map((day) => repo.readDayCounts(deps.db, day)));
  for (const [index, day] of dayList.entries()) {
    const counts = countsByDay[index] ?? [];
    const pages = counts.filter((c) => c.kind === 'page').map(({ name, count }) => ({ name, count }));
    const funnel = counts.filter((c) => c.kind === 'funnel').map(({ name, count }) => ({ name, count }));
    sumByName(pageTotals, pages);
    sumByName(funnelTotals, funnel);
    series.push({ day, pageViews: pages.reduce((sum, c) => sum + c.count, 0), pages, funnel });
  }
  return {
    from: series[0]?.day ?? '',
    to: series.at(-1)?.day ?? '',
    days: series,
    totals: {
      pages: [...pageTotals].map(([name, count]) => ({ name, count })).sort((a, b) => b.count - a.count),
      funnel: FUNNEL_STEPS.map((name) => ({ name, count: funnelTotals.get(name) ?? 0 })),
    },
  };
}
