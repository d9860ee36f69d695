import { lazy, Suspense, useEffect, useState } from 'react';
import { formatDateTime } from '../../lib/dates';
import { useDocumentTitle } from '../../lib/ui/page';
import { EmptyState, ErrorState, Loading } from '../../lib/ui/status';
import { useCurrentWorkspace } from '../workspaces/workspace-context';
import { useTrend } from './hooks';
import { CHECK_IN_FIELDS } from './record-fields';
import { RecordsSection } from './records-section';

const RANGES = ['30', '90', '365'] as const;

// The chart library (visx) is not needed to draw the page: its chunk loads beside the trend's data
// (TrendSection starts it), and runs in a task of its own instead of before the page's first render.
const loadCharts = () => import('./charts');
const TrendCharts = lazy(async () => ({ default: (await loadCharts()).TrendCharts }));

/** Check-ins: the trend and calendar of the chosen range, then the check-ins themselves. */
export function CheckInsPage() {
  useDocumentTitle('Check-ins');
  const { can } = useCurrentWorkspace();
  return (
    <>
      {/* The trend is of one's own check-ins: a reader of shared ones has none. */}
      {can('wellbeing:use') && <TrendSection />}
      <RecordsSection
        path="check-ins"
        fields={CHECK_IN_FIELDS}
        noun="check-in"
        testPrefix="checkin"
        describe={(r) =>
          `${formatDateTime(String(r.occurredAt))}: mood ${String(r.mood)}, anxiety ${String(r.anxiety)}`
        }
      />
    </>
  );
}

/** The trend and calendar of the chosen range of the person's own check-ins. */
function TrendSection() {
  const { workspaceId } = useCurrentWorkspace();
  const [days, setDays] = useState<(typeof RANGES)[number]>('30');
  const trend = useTrend(workspaceId, days);
  useEffect(() => {
    // A failed download is shown by the lazy component's own import when the charts render.
    loadCharts().catch(() => undefined);
  }, []);
  return (
    <section className="section" aria-labelledby="trend-heading">
      <div className="section-header">
        <h2 id="trend-heading">Trend</h2>
        <div className="segmented" role="group" aria-label="Range">
          {RANGES.map((range) => (
            <button
              key={range}
              type="button"
              className="button button-quiet"
              aria-pressed={days === range}
              onClick={() => setDays(range)}
              data-testid={`trend-range-${range}`}
            >
              {`${range} days`}
            </button>
          ))}
        </div>
      </div>
      {trend.isPending ? (
        <Loading label="Loading your trend…" />
      ) : trend.isError ? (
        <ErrorState error={trend.error} onRetry={() => void trend.refetch()} />
      ) : trend.data.points.length === 0 ? (
        <EmptyState title="No check-ins in this range yet" />
      ) : (
        // The same loading line as for the data, in case the charts' code arrives after it.
        <Suspense fallback={<Loading label="Loading your trend…" />}>
          <TrendCharts points={trend.data.points} from={trend.data.from} to={trend.data.to} />
        </Suspense>
      )}
    </section>
  );
}
