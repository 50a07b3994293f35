import { memo } from 'react';
import { linePath } from './chart-scale';
import { formatBytes, formatPercent } from './format';
import { TABLE_POINTS } from './stats-store';
import { useContainerStats } from './useStats';
import './stats.css';

/** A table cell: a minute of CPU as a tiny line, with CPU and memory percent beside it. */
export const StatsSparkline = memo(function StatsSparkline({ statsKey }: { statsKey: string }) {
  const stats = useContainerStats(statsKey);
  const recent = stats.samples.slice(-TABLE_POINTS);
  const latest = recent.at(-1);
  if (!latest || stats.status !== 'live') {
    const why = stats.status === 'waiting' || stats.status === 'starting' ? 'Sampling…' : stats.message;
    return (
      <span
        className="spark spark-empty"
        title={why}
        data-testid="stats-sparkline"
        data-status={stats.status}
      >
        {stats.status === 'not-sampled' ? 'not sampled' : '—'}
      </span>
    );
  }
  const end = latest.time;
  const start = end - TABLE_POINTS * 1000;
  // Absolute scale (100 % = one CPU) so a quiet container looks quiet; a busier one raises the top.
  const max = Math.max(100, ...recent.map((s) => s.cpuPercent));
  const cpu = recent.map((s) => ({ time: s.time, value: s.cpuPercent }));
  const memPercent = (latest.memoryBytes / Math.max(1, latest.memoryLimitBytes)) * 100;
  const label =
    `CPU ${formatPercent(latest.cpuPercent)}, memory ${formatBytes(latest.memoryBytes)} ` +
    `(${formatPercent(memPercent)} of ${formatBytes(latest.memoryLimitBytes)}${latest.memoryLimited ? ' limit' : ''})`;
  return (
    <span
      className="spark"
      title={label}
      aria-label={label}
      role="img"
      data-testid="stats-sparkline"
      data-status="live"
    >
      <svg className="spark-line" viewBox="0 0 1000 100" preserveAspectRatio="none" aria-hidden="true">
        <path d={linePath(cpu, start, end, max)} />
      </svg>
      <span className="spark-text mono" aria-hidden="true">
        <span data-testid="spark-cpu">{Math.round(latest.cpuPercent)}%</span>
        <span className="spark-sep">·</span>
        <span data-testid="spark-mem">{Math.round(memPercent)}%</span>
      </span>
    </span>
  );
});
