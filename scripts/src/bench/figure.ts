// The one line a benchmark prints per figure so that `pnpm bench` can gather every benchmark's
// figures into one table: a fixed prefix and JSON, next to the benchmark's own human output.

/** One row of the `pnpm bench` table. `ratio` is measured over target where that means something, or `—`. */
export type BenchFigure = { figure: string; target: string; measured: string; ratio: string };

export const FIGURE_LINE_PREFIX = 'bench-figure ';

/** Prints one figure as a machine-readable line (`bench-figure {"figure":…}`). */
export function reportFigure(figure: BenchFigure): void {
  process.stdout.write(`${FIGURE_LINE_PREFIX}${JSON.stringify(figure)}\n`);
}

/** Reads a figure back from one line of a benchmark's output; undefined for any other line. */
export function parseFigureLine(line: string): BenchFigure | undefined {
  if (!line.startsWith(FIGURE_LINE_PREFIX)) return undefined;
  try {
    const value: unknown = JSON.parse(line.slice(FIGURE_LINE_PREFIX.length));
    if (typeof value !== 'object' || value === null) return undefined;
    const read = (key: string): string => {
      const field: unknown = (value as Record<string, unknown>)[key];
      return typeof field === 'string' ? field : '';
    };
    return {
      figure: read('figure'),
      target: read('target'),
      measured: read('measured'),
      ratio: read('ratio'),
    };
  } catch {
    return undefined;
  }
}
