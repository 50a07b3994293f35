import type { ReactNode } from 'react';
import { linePath, type Point } from './chart-scale';

export interface ChartSeries {
  readonly id: string;
  readonly label: string;
  /** Colour slot: `a` (accent) or `b` (a second, warm colour); both are theme tokens. */
  readonly tone: 'a' | 'b';
  readonly points: readonly Point[];
  /** The current value as people read it ("12.3 %"). */
  readonly current: string;
}

export interface LineChartProps {
  readonly title: string;
  readonly series: readonly ChartSeries[];
  /** The time window shown (ms since the epoch). */
  readonly start: number;
  readonly end: number;
  /** The top of the y axis, in the series' unit. */
  readonly max: number;
  readonly formatTick: (value: number) => string;
  /** A dashed line at a value that matters (the memory limit). */
  readonly limit?: { readonly value: number; readonly label: string };
  /** More to read beside the values (totals, the limit in words). */
  readonly note?: ReactNode;
  readonly testId: string;
}

function windowLabel(ms: number): string {
  const minutes = ms / 60_000;
  return `${Number.isInteger(minutes) ? minutes : minutes.toFixed(1)} min`;
}

/**
 * A small time-series chart in SVG: lines scale with the box (non-scaling strokes keep them crisp),
 * axis labels are HTML beside it, colours come from the theme, and the values are text for everyone.
 */
export function LineChart({
  title,
  series,
  start,
  end,
  max,
  formatTick,
  limit,
  note,
  testId,
}: LineChartProps) {
  const ticks = [max, max / 2, 0];
  const summary = series.map((s) => `${s.label} ${s.current}`).join(', ');
  return (
    <figure className="chart" data-testid={testId}>
      <figcaption className="chart-head">
        <span className="chart-title">{title}</span>
        <span className="chart-values">
          {series.map((s) => (
            <span key={s.id} className="chart-value" data-testid={`${testId}-${s.id}`}>
              <span className={`chart-swatch chart-tone-${s.tone}`} aria-hidden="true" />
              {series.length > 1 ? <span className="chart-value-label">{s.label}</span> : null}
              <span className="chart-value-number">{s.current}</span>
            </span>
          ))}
          {limit ? (
            <span className="chart-value" data-testid={`${testId}-limit-value`}>
              <span className="chart-swatch chart-swatch-limit" aria-hidden="true" />
              <span className="chart-value-label">{limit.label}</span>
            </span>
          ) : null}
        </span>
      </figcaption>
      {note ? <div className="chart-note">{note}</div> : null}
      <div className="chart-body">
        <div className="chart-yaxis" aria-hidden="true">
          {ticks.map((tick, i) => (
            <span key={i} className="chart-tick">
              {formatTick(tick)}
            </span>
          ))}
        </div>
        <svg
          className="chart-plot"
          viewBox="0 0 1000 100"
          preserveAspectRatio="none"
          role="img"
          aria-label={`${title} over the last ${windowLabel(end - start)}: now ${summary}`}
        >
          {[0, 50, 100].map((y) => (
            <line key={y} className="chart-grid" x1="0" x2="1000" y1={y} y2={y} />
          ))}
          {limit && limit.value <= max ? (
            <line
              className="chart-limit"
              data-testid={`${testId}-limit`}
              x1="0"
              x2="1000"
              y1={100 - (limit.value / max) * 100}
              y2={100 - (limit.value / max) * 100}
            />
          ) : null}
          {series.map((s) => (
            <path
              key={s.id}
              className={`chart-line chart-tone-${s.tone}`}
              d={linePath(s.points, start, end, max)}
              data-testid={`${testId}-line-${s.id}`}
            />
          ))}
        </svg>
      </div>
      <div className="chart-xaxis" aria-hidden="true">
        <span>{windowLabel(end - start)} ago</span>
        <span>now</span>
      </div>
    </figure>
  );
}
