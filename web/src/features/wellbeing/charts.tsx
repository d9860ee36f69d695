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
function TrendChart({ points, from, to }: { points: readonly Point[]; from: string; to: string }) {
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
                <td data-label="When">{formatDateTime(p.occurredAt)}</td>
                <td data-label="Mood">{p.mood}</td>
                <td data-label="Anxiety">{p.anxiety}</td>
                <td data-label="Sleep">{p.sleepHours ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableToggle>
    </figure>
  );
}

const CELL = 14;
/** Room left of the grid for weekday names, and above it for month names. */
const GUTTER_LEFT = 26;
const GUTTER_TOP = 14;
const WEEKDAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** "Nov" for the first column and each column where a month begins; nothing elsewhere. */
function monthLabels(cells: readonly { date: string; week: number }[]): { week: number; label: string }[] {
  const labels: { week: number; label: string }[] = [];
  for (const cell of cells) {
    const isFirst = labels.length === 0;
    if (!isFirst && !cell.date.endsWith('-01')) continue;
    const label = new Date(`${cell.date}T12:00:00`).toLocaleDateString(undefined, { month: 'short' });
    // A month that begins late in a week starts its label in the next column, clear of the last one.
    const week = isFirst ? cell.week : Math.max(cell.week, (labels.at(-1)?.week ?? -3) + 3);
    labels.push({ week, label });
  }
  return labels;
}

/**
 * A calendar of the range, one square per day coloured by average mood, with weekday names down
 * the side, month names along the top and each day's date in its square; paired with a table.
 */
function HeatMap({ points, from, to }: { points: readonly Point[]; from: string; to: string }) {
  const days = summarizeDays(points);
  const cells = buildCalendar(toLocalDate(from), toLocalDate(to), days);
  const weeks = (cells.at(-1)?.week ?? 0) + 1;
  const titleId = useId();
  return (
    <figure className="chart" data-testid="heat-map">
      <svg
        viewBox={`0 0 ${GUTTER_LEFT + weeks * (CELL + 2) + 2} ${GUTTER_TOP + 7 * (CELL + 2) + 2}`}
        role="img"
        aria-labelledby={titleId}
        className="heat-map-svg"
        style={{ maxWidth: `${(GUTTER_LEFT + weeks * (CELL + 2) + 2) * 2.5}px` }}
      >
        <title id={titleId}>{`Average mood per day, ${days.length} days with check-ins`}</title>
        {WEEKDAY_NAMES.map((name, weekday) => (
          <text
            key={name}
            x={GUTTER_LEFT - 4}
            y={GUTTER_TOP + weekday * (CELL + 2) + 1 + CELL / 2}
            className="heat-map-label"
            textAnchor="end"
            dominantBaseline="central"
            data-testid="heat-map-weekday"
          >
            {name}
          </text>
        ))}
        {monthLabels(cells).map(({ week, label }) => (
          <text
            key={`${week}-${label}`}
            x={GUTTER_LEFT + week * (CELL + 2) + 1}
            y={GUTTER_TOP - 4}
            className="heat-map-label"
            data-testid="heat-map-month"
          >
            {label}
          </text>
        ))}
        {cells.map((cell) => {
          const x = GUTTER_LEFT + cell.week * (CELL + 2) + 1;
          const y = GUTTER_TOP + cell.weekday * (CELL + 2) + 1;
          const mood = cell.summary?.mood;
          return (
            <g key={cell.date}>
              <rect
                x={x}
                y={y}
                width={CELL}
                height={CELL}
                rx={2}
                fill={mood === undefined ? '#e5e7eb' : moodColor(mood)}
                data-testid={cell.summary === undefined ? undefined : 'heat-map-day'}
              >
                <title>
                  {cell.summary === undefined
                    ? `${cell.date}: no check-in`
                    : `${cell.date}: mood ${cell.summary.mood}, anxiety ${cell.summary.anxiety} (${cell.summary.count})`}
                </title>
              </rect>
              <text
                x={x + CELL / 2}
                y={y + CELL / 2}
                textAnchor="middle"
                dominantBaseline="central"
                className="heat-map-date"
                // Light text on the dark (low-mood) squares, dark text on the light ones.
                fill={mood !== undefined && mood < 5.5 ? '#ffffff' : '#1c2424'}
                aria-hidden="true"
                data-testid="heat-map-date"
              >
                {Number(cell.date.slice(8))}
              </text>
            </g>
          );
        })}
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
                <td data-label="Day">{day.date}</td>
                <td data-label="Check-ins">{day.count}</td>
                <td data-label="Mood">{day.mood}</td>
                <td data-label="Anxiety">{day.anxiety}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableToggle>
    </figure>
  );
}

/** The trend of a range: its chart, then its calendar (the check-ins page loads both with this chunk). */
export function TrendCharts(props: { points: readonly Point[]; from: string; to: string }) {
  return (
    <>
      <TrendChart {...props} />
      <h3>Calendar</h3>
      <HeatMap {...props} />
    </>
  );
}
