import { useId } from 'react';
import { AxisBottom, AxisLeft } from '@visx/axis';
import { Group } from '@visx/group';
import { scaleBand, scaleLinear } from '@visx/scale';
import { Bar } from '@visx/shape';
import { TableToggle } from '../../lib/ui/table-toggle';
import type { Progress } from './hooks';
import { LEVELS, levelLabel, levelRank } from './progress-model';

const WIDTH = 640;
const AXIS = { stroke: 'currentColor', tickStroke: 'currentColor', tickLabelProps: { fill: 'currentColor' } };

/** Mastery per skill as horizontal bars (SVG), paired with a table of the same facts. */
export function MasteryChart({ skills }: { skills: Progress['skills'] }) {
  const titleId = useId();
  // Each skill's title sits above its bar, so long titles never push the plot aside or get cut
  // off; the right margin leaves room for the last level's label under the axis end.
  const margin = { top: 8, right: 40, bottom: 32, left: 8 };
  const rowHeight = 48;
  const height = margin.top + margin.bottom + skills.length * rowHeight;
  const innerWidth = WIDTH - margin.left - margin.right;
  const innerHeight = height - margin.top - margin.bottom;
  const y = scaleBand({ domain: skills.map((s) => s.title), range: [0, innerHeight], paddingInner: 0 });
  const x = scaleLinear({ domain: [0, LEVELS.length - 1], range: [0, innerWidth] });
  const barHeight = 16;
  return (
    <figure className="practice-chart" data-testid="practice-mastery-chart">
      <svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-labelledby={titleId}>
        <title id={titleId}>{`Mastery of ${skills.length} skills, from not started to mastered`}</title>
        <Group left={margin.left} top={margin.top}>
          <g className="practice-chart-axis">
            <AxisBottom
              top={innerHeight}
              scale={x}
              tickValues={LEVELS.map((_, index) => index)}
              tickFormat={(value) => LEVELS[Number(value)]?.label ?? ''}
              {...AXIS}
            />
          </g>
          {skills.map((skill) => {
            const top = y(skill.title) ?? 0;
            return (
              <g key={skill.skillId}>
                <text x={0} y={top + 18} fill="currentColor" fontSize={15}>
                  {`${skill.title}: ${levelLabel(skill.level)}`}
                </text>
                <Bar
                  x={0}
                  y={top + 24}
                  width={Math.max(2, x(levelRank(skill.level)))}
                  height={barHeight}
                  fill="currentColor"
                  data-testid="practice-mastery-bar"
                  data-level={skill.level}
                />
              </g>
            );
          })}
        </Group>
      </svg>
      <TableToggle label="mastery" testId="practice-mastery-table">
        <table className="table">
          <caption className="visually-hidden">Mastery per skill</caption>
          <thead>
            <tr>
              <th scope="col">Skill</th>
              <th scope="col">Mastery</th>
              <th scope="col">Why</th>
              <th scope="col">Exercises started</th>
            </tr>
          </thead>
          <tbody>
            {skills.map((skill) => (
              <tr key={skill.skillId}>
                <th scope="row">{skill.title}</th>
                <td>{levelLabel(skill.level)}</td>
                <td>{skill.reason}</td>
                <td>
                  {skill.exercisesStarted} of {skill.exerciseCount}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableToggle>
    </figure>
  );
}

/** Attempts per week as bars, paired with a table that also gives the minutes. */
export function ActivityChart({ weeks }: { weeks: Progress['weeks'] }) {
  const titleId = useId();
  const margin = { top: 12, right: 16, bottom: 32, left: 40 };
  const height = 220;
  const innerWidth = WIDTH - margin.left - margin.right;
  const innerHeight = height - margin.top - margin.bottom;
  const x = scaleBand({ domain: weeks.map((w) => w.weekStart), range: [0, innerWidth], padding: 0.2 });
  const y = scaleLinear({
    domain: [0, Math.max(1, ...weeks.map((w) => w.attempts))],
    range: [innerHeight, 0],
    nice: true,
  });
  const total = weeks.reduce((sum, w) => sum + w.attempts, 0);
  return (
    <figure className="practice-chart" data-testid="practice-activity-chart">
      <svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-labelledby={titleId}>
        <title id={titleId}>{`${total} exercises done in the last ${weeks.length} weeks`}</title>
        <Group left={margin.left} top={margin.top}>
          <g className="practice-chart-axis">
            <AxisLeft scale={y} numTicks={4} {...AXIS} />
            <AxisBottom top={innerHeight} scale={x} tickFormat={(week) => String(week).slice(5)} {...AXIS} />
          </g>
          {weeks.map((week) => (
            <Bar
              key={week.weekStart}
              x={x(week.weekStart) ?? 0}
              y={y(week.attempts)}
              width={x.bandwidth()}
              height={innerHeight - y(week.attempts)}
              fill="currentColor"
              data-testid="practice-week-bar"
              data-count={week.attempts}
            />
          ))}
        </Group>
      </svg>
      <TableToggle label="weekly activity" testId="practice-activity-table">
        <table className="table">
          <caption className="visually-hidden">Exercises and minutes per week, oldest first</caption>
          <thead>
            <tr>
              <th scope="col">Week of</th>
              <th scope="col">Exercises</th>
              <th scope="col">Minutes</th>
            </tr>
          </thead>
          <tbody>
            {weeks.map((week) => (
              <tr key={week.weekStart}>
                <th scope="row">{week.weekStart}</th>
                <td>{week.attempts}</td>
                <td>{week.minutes}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableToggle>
    </figure>
  );
}
