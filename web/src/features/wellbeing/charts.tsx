import { useId } from 'react';
import { AxisBottom, AxisLeft } from '@visx/axis';
import { Group } from '@visx/group';
import { scaleLinear, scaleTime } from '@visx/scale';
import { LinePath } from '@visx/shape';
import { formatDateTime } from '../../lib/dates';
import { TableToggle } from '../../lib/ui/table-toggle';
import { buildCalendar, moodColor, summarizeDays, toLocalDate, type Point } from './chart-data';

const WIDTH = 640;
const HEIGHT = 260;
const MARGIN = { top: 12, right: 16, bottom: 32, left: 36 };

// Colours come from wellbeing.css (`.chart-series-<key>` sets `color`, drawn with currentColor), so
// the lines and axes keep their contrast in the dark colour scheme too.
const SERIES = [
  { key: 'mood', label: 'Mood', dash: undefined },
  { key: 'anxiety', label: 'Anxiety', dash: '6 3' },
  { key: 'sleepHours', label: 'Sleep (hours)', dash: '2 3' },
] as const;
const AXIS_COLORS = {
  stroke: 'currentColor',
  tickStroke: 'currentColor',
  tickLabelProps: { fill: 'currentColor' },
};

/** Mood, anxiety and sleep over time as lines (SVG), paired with a table of the same points. */
export function TrendChart({ points, from, to }: { points: readonly Point[]; from: string; to: string }) {
  const innerWidth = WIDTH - MARGIN.left - MARGIN.right;
  const innerHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = scaleTime({ domain: [new Date(from), new Date(to)], range: [0, innerWidth] });
  const maxSleep = Math.max(10, ...points.map((p) => p.sleepHours ?? 0));
  const y = scaleLinear({ domain: [0, Math.ceil(maxSleep)], range: [innerHeight, 0], nice: true });
  const titleId = useId();
  return (
    <figure className="chart" data-testid="trend-chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={titleId} className="chart-svg">
        <title id={titleId}>
          {`Mood, anxiety and sleep of ${points.length} check-ins from ${toLocalDate(from)} to ${toLocalDate(to)}`}
        </title>
        <Group left={MARGIN.left} top={MARGIN.top}>
          <AxisLeft scale={y} numTicks={5} {...AXIS_COLORS} />
          <AxisBottom top={innerHeight} scale={x} numTicks={5} {...AXIS_COLORS} />
          {SERIES.map((series) => {
            const values = points.filter((p) => typeof p[series.key] === 'number');
            return (
              <g key={series.key} className={`chart-series-${series.key}`}>
                <LinePath
                  data={values}
                  x={(p) => x(new Date(p.occurredAt))}
                  y={(p) => y(p[series.key] ?? 0)}
                  stroke="currentColor"
                  strokeWidth={2}
                  strokeDasharray={series.dash}
                />
                {values.map((p) => (
                  <circle
                    key={`${series.key}-${p.occurredAt}`}
                    cx={x(new Date(p.occurredAt))}
                    cy={y(p[series.key] ?? 0)}
                    r={3.5}
                    fill="currentColor"
                    data-testid={`trend-point-${series.key}`}
                    data-value={p[series.key]}
                  />
                ))}
              </g>
            );
          })}
        </Group>
      </svg>
      <figcaption className="chart-legend">
        {SERIES.map((series) => (
          <span key={series.key} className="chart-legend-item">
            <svg width="24" height="8" aria-hidden="true" className={`chart-series-${series.key}`}>
              <line
                x1="0"
                y1="4"
                x2="24"
                y2="4"
                stroke="currentColor"
                strokeWidth="2"
                strokeDasharray={series.dash}
              />
            </svg>
            {series.label}
          </span>
        ))}
      </figcaption>
      <TableToggle label="trend" testId="trend-table">
        <table className="table" data-testid="trend-table">
          <caption className="visually-hidden">Check-ins in this range, oldest first</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Mood</th>
              <th scope="col">Anxiety</th>
              <th scope="col">Sleep (hours)</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.occurredAt}>
                <td>{formatDateTime(p.occurredAt)}</td>
                <td>{p.mood}</td>
                <td>{p.anxiety}</td>
                <td>{p.sleepHours ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableToggle>
    </figure>
  );
}

const CELL = 14;

/** A calendar of the range, one square per day coloured by average mood, paired with a table. */
export function HeatMap({ points, from, to }: { points: readonly Point[]; from: string; to: string }) {
  const days = summarizeDays(points);
  const cells = buildCalendar(toLocalDate(from), toLocalDate(to), days);
  const weeks = (cells.at(-1)?.week ?? 0) + 1;
  const titleId = useId();
  return (
    <figure className="chart" data-testid="heat-map">
      <svg
        viewBox={`0 0 ${weeks * (CELL + 2) + 2} ${7 * (CELL + 2) + 2}`}
        role="img"
        aria-labelledby={titleId}
        className="heat-map-svg"
      >
        <title id={titleId}>{`Average mood per day, ${days.length} days with check-ins`}</title>
        {cells.map((cell) => (
          <rect
            key={cell.date}
            x={cell.week * (CELL + 2) + 1}
            y={cell.weekday * (CELL + 2) + 1}
            width={CELL}
            height={CELL}
            rx={2}
            fill={cell.summary === undefined ? '#e5e7eb' : moodColor(cell.summary.mood)}
            data-testid={cell.summary === undefined ? undefined : 'heat-map-day'}
          >
            <title>
              {cell.summary === undefined
                ? `${cell.date}: no check-in`
                : `${cell.date}: mood ${cell.summary.mood}, anxiety ${cell.summary.anxiety} (${cell.summary.count})`}
            </title>
          </rect>
        ))}
      </svg>
      <figcaption className="chart-legend">Darker is lower mood; grey days have no check-in.</figcaption>
      <TableToggle label="calendar" testId="heat-map-table">
        <table className="table">
          <caption className="visually-hidden">Average mood and anxiety per day</caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">Check-ins</th>
              <th scope="col">Mood</th>
              <th scope="col">Anxiety</th>
            </tr>
          </thead>
          <tbody>
            {days.map((day) => (
              <tr key={day.date}>
                <td>{day.date}</td>
                <td>{day.count}</td>
                <td>{day.mood}</td>
                <td>{day.anxiety}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableToggle>
    </figure>
  );
}
