import { useId, useState } from 'react';
import { AxisBottom, AxisLeft } from '@visx/axis';
import { Group } from '@visx/group';
import { scaleBand, scaleLinear } from '@visx/scale';
import { Bar } from '@visx/shape';
import { Navigate } from 'react-router';
import { PageHeader } from '../../lib/ui/page';
import { SelectField } from '../../lib/ui/field';
import { ErrorState, Loading } from '../../lib/ui/status';
import { TableToggle } from '../../lib/ui/table-toggle';
import { useCurrentUser } from '../auth/current-user';
import { useUsageReport } from './hooks';
import { formatShare, toFunnel, type FunnelStep, type UsageReport } from './usage-model';

const RANGES = [7, 30, 90] as const;
const WIDTH = 640;
const HEIGHT = 220;
const MARGIN = { top: 12, right: 12, bottom: 32, left: 44 };

/**
 * Aggregate usage for the platform's operators: page views per day, the sign-up funnel and the
 * most viewed pages. The counters hold daily totals only, so there is nothing here about anyone.
 */
export function UsagePage() {
  const me = useCurrentUser();
  const [days, setDays] = useState<(typeof RANGES)[number]>(30);
  const report = useUsageReport(days);
  if (!me.isPlatformAdmin) return <Navigate to="/" replace />;
  return (
    <>
      <PageHeader
        title="Usage"
        description="Daily totals of page views and sign-up steps. No person, device or cookie is counted, and browsers sending Global Privacy Control are not counted at all."
      />
      <SelectField
        label="Period"
        value={days}
        onChange={(event) => setDays(Number(event.target.value) as (typeof RANGES)[number])}
        data-testid="usage-range"
      >
        {RANGES.map((range) => (
          <option key={range} value={range}>
            Last {range} days
          </option>
        ))}
      </SelectField>
      {report.isPending ? (
        <Loading label="Loading the totals…" />
      ) : report.isError ? (
        <ErrorState error={report.error} onRetry={() => void report.refetch()} />
      ) : (
        <UsageReportView report={report.data} />
      )}
    </>
  );
}

function UsageReportView({ report }: { report: UsageReport }) {
  return (
    <>
      <section className="section" aria-labelledby="views-heading">
        <h2 id="views-heading">Page views per day</h2>
        <DailyViewsChart report={report} />
      </section>
      <section className="section" aria-labelledby="funnel-heading">
        <h2 id="funnel-heading">Sign-up funnel</h2>
        <FunnelChart steps={toFunnel(report.totals.funnel)} />
      </section>
      <section className="section" aria-labelledby="pages-heading">
        <h2 id="pages-heading">Most viewed pages</h2>
        {report.totals.pages.length === 0 ? (
          <p className="muted">No page views in this period.</p>
        ) : (
          <table className="table" data-testid="usage-pages">
            <caption className="visually-hidden">Page views per page, most viewed first</caption>
            <thead>
              <tr>
                <th scope="col">Page</th>
                <th scope="col">Views</th>
              </tr>
            </thead>
            <tbody>
              {report.totals.pages.slice(0, 25).map((page) => (
                <tr key={page.name} data-testid="usage-page-row">
                  <th scope="row">
                    <code>{page.name}</code>
                  </th>
                  <td>{page.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}

function DailyViewsChart({ report }: { report: UsageReport }) {
  const titleId = useId();
  const innerWidth = WIDTH - MARGIN.left - MARGIN.right;
  const innerHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = scaleBand({ domain: report.days.map((d) => d.day), range: [0, innerWidth], padding: 0.2 });
  const y = scaleLinear({
    domain: [0, Math.max(1, ...report.days.map((d) => d.pageViews))],
    range: [innerHeight, 0],
    nice: true,
  });
  const total = report.days.reduce((sum, d) => sum + d.pageViews, 0);
  const tickEvery = Math.ceil(report.days.length / 7);
  return (
    <figure className="chart" data-testid="usage-daily-chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={titleId} className="chart-svg">
        <title id={titleId}>{`${total} page views from ${report.from} to ${report.to}`}</title>
        <Group left={MARGIN.left} top={MARGIN.top}>
          <AxisLeft scale={y} numTicks={4} />
          <AxisBottom
            top={innerHeight}
            scale={x}
            tickValues={report.days.filter((_, i) => i % tickEvery === 0).map((d) => d.day)}
            tickFormat={(day) => String(day).slice(5)}
          />
          {report.days.map((d) => (
            <Bar
              key={d.day}
              x={x(d.day) ?? 0}
              y={y(d.pageViews)}
              width={x.bandwidth()}
              height={innerHeight - y(d.pageViews)}
              fill="#4338ca"
              data-testid="usage-day-bar"
              data-count={d.pageViews}
            />
          ))}
        </Group>
      </svg>
      <figcaption className="chart-legend">
        {total} page views in {report.days.length} days.
      </figcaption>
      <TableToggle label="daily views" testId="usage-daily-table">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">Page views</th>
            </tr>
          </thead>
          <tbody>
            {report.days.map((d) => (
              <tr key={d.day}>
                <th scope="row">{d.day}</th>
                <td>{d.pageViews}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableToggle>
    </figure>
  );
}

function FunnelChart({ steps }: { steps: FunnelStep[] }) {
  const titleId = useId();
  const rowHeight = 36;
  const labelWidth = 200;
  const barWidth = WIDTH - labelWidth - 80;
  const max = Math.max(1, ...steps.map((s) => s.count));
  return (
    <figure className="chart" data-testid="usage-funnel">
      <svg
        viewBox={`0 0 ${WIDTH} ${steps.length * rowHeight + 8}`}
        role="img"
        aria-labelledby={titleId}
        className="chart-svg"
      >
        <title id={titleId}>
          {steps.map((s) => `${s.label}: ${s.count} (${formatShare(s.ofFirst)})`).join('; ')}
        </title>
        {steps.map((step, index) => {
          const top = index * rowHeight + 4;
          const width = (step.count / max) * barWidth;
          return (
            <g key={step.name} data-testid="usage-funnel-step" data-count={step.count}>
              <text
                x={labelWidth - 8}
                y={top + rowHeight / 2}
                textAnchor="end"
                dominantBaseline="middle"
                fontSize={13}
              >
                {step.label}
              </text>
              <rect
                x={labelWidth}
                y={top + 4}
                width={Math.max(width, 1)}
                height={rowHeight - 10}
                fill="#0f766e"
                rx={3}
              />
              <text
                x={labelWidth + width + 6}
                y={top + rowHeight / 2}
                dominantBaseline="middle"
                fontSize={13}
              >
                {`${step.count} · ${formatShare(step.ofFirst)}`}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="chart-legend">
        Each bar is a step reached; the share is of the first step.
      </figcaption>
      <TableToggle label="funnel" testId="usage-funnel-table">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Step</th>
              <th scope="col">Reached</th>
              <th scope="col">Of the first step</th>
              <th scope="col">Of the step before</th>
            </tr>
          </thead>
          <tbody>
            {steps.map((step) => (
              <tr key={step.name}>
                <th scope="row">{step.label}</th>
                <td>{step.count}</td>
                <td>{formatShare(step.ofFirst)}</td>
                <td>{formatShare(step.ofPrevious)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableToggle>
    </figure>
  );
}
