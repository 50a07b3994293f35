import type { StatsSample } from '../../../electron/shared/contract';
import { Banner } from '../../components/Banner';
import { EmptyState } from '../../components/EmptyState';
import type { DetailTabProps } from '../details/detail-tabs';
import { niceCeil, type Point } from './chart-scale';
import { formatBytes, formatPercent, formatRate } from './format';
import { LineChart } from './LineChart';
import { PANEL_POINTS, type KeyStats } from './stats-store';
import { useContainerStats, useStatsInterest } from './useStats';
import './stats.css';

/** The charts' time window: what the panel keeps (one point a second). */
const WINDOW_MS = PANEL_POINTS * 1000;

function points(samples: readonly StatsSample[], pick: (s: StatsSample) => number): Point[] {
  return samples.map((s) => ({ time: s.time, value: pick(s) }));
}

function peak(samples: readonly StatsSample[], ...picks: Array<(s: StatsSample) => number>): number {
  let max = 0;
  for (const s of samples) for (const pick of picks) max = Math.max(max, pick(s));
  return max;
}

/** Why there are no live numbers, or undefined while they flow. */
function notice(stats: KeyStats): { title: string; body: string; tone: 'info' | 'warning' } | undefined {
  switch (stats.status) {
    case 'live':
      return undefined;
    case 'waiting':
    case 'starting':
      return {
        title: 'Starting live stats…',
        body: 'The first sample comes within about two seconds.',
        tone: 'info',
      };
    case 'not-running':
      return { title: 'Not running', body: stats.message, tone: 'info' };
    case 'gone':
      return { title: 'This container is gone', body: stats.message, tone: 'info' };
    case 'not-sampled':
      return { title: 'Not sampled', body: stats.message, tone: 'warning' };
    case 'unavailable':
      return { title: 'Live stats are unavailable', body: stats.message, tone: 'warning' };
  }
}

/** The details tab: CPU, memory against its limit, network and block I/O, live over five minutes. */
export function StatsPanel({ row }: DetailTabProps) {
  const key = `${row.connectionId}/${row.id}`;
  useStatsInterest('details', [key], PANEL_POINTS);
  const stats = useContainerStats(key);
  const { samples } = stats;
  const latest = samples.at(-1);
  const said = notice(stats);

  if (!latest) {
    return (
      <div className="stats-panel" data-testid="stats-panel" data-status={stats.status}>
        <EmptyState
          title={said?.title ?? 'No samples yet'}
          kind={`stats-${stats.status}`}
          busy={stats.status === 'starting'}
        >
          {said?.body}
        </EmptyState>
      </div>
    );
  }

  const end = latest.time;
  // The window grows with the history, from one minute up to five, so a fresh chart is not a sliver.
  const start = end - Math.min(WINDOW_MS, Math.max(60_000, end - (samples[0]?.time ?? end)));
  const top = (...picks: Array<(s: StatsSample) => number>): number => peak(samples, ...picks);
  const cpuMax = niceCeil(
    Math.max(
      top((s) => s.cpuPercent),
      1,
    ),
  );
  const limited = latest.memoryLimited;
  const memMax = limited
    ? Math.max(
        latest.memoryLimitBytes,
        top((s) => s.memoryBytes),
      )
    : niceCeil(top((s) => s.memoryBytes) * 1.2, 1024);
  // A quiet container's axis stops at 1 kB/s rather than magnifying a few stray bytes.
  const netMax = niceCeil(
    Math.max(
      top(
        (s) => s.networkRxRate,
        (s) => s.networkTxRate,
      ),
      1000,
    ),
    1000,
  );
  const ioMax = niceCeil(
    Math.max(
      top(
        (s) => s.blockReadRate,
        (s) => s.blockWriteRate,
      ),
      1000,
    ),
    1000,
  );
  const memPercent = (latest.memoryBytes / Math.max(1, latest.memoryLimitBytes)) * 100;

  return (
    <div className="stats-panel" data-testid="stats-panel" data-status={stats.status}>
      {said ? (
        <Banner tone={said.tone} title={said.title} testId="stats-notice">
          {said.body}
        </Banner>
      ) : null}
      <p className="stats-summary">
        {latest.onlineCpus} CPU{latest.onlineCpus === 1 ? '' : 's'}
        {latest.pids !== null ? ` · ${latest.pids} process${latest.pids === 1 ? '' : 'es'}` : ''}
        {row.state === 'paused' ? ' · paused (no CPU time)' : ''}
      </p>
      <div className="stats-charts">
        <LineChart
          testId="chart-cpu"
          title="CPU"
          series={[
            {
              id: 'cpu',
              label: 'CPU',
              tone: 'a',
              points: points(samples, (s) => s.cpuPercent),
              current: formatPercent(latest.cpuPercent),
            },
          ]}
          start={start}
          end={end}
          max={cpuMax}
          formatTick={(v) => `${Number(v.toPrecision(3))} %`}
          note={`100 % is one CPU fully busy; this container may use up to ${latest.onlineCpus * 100} %.`}
        />
        <LineChart
          testId="chart-memory"
          title="Memory"
          series={[
            {
              id: 'used',
              label: 'Used',
              tone: 'a',
              points: points(samples, (s) => s.memoryBytes),
              current: limited
                ? `${formatBytes(latest.memoryBytes)} of ${formatBytes(latest.memoryLimitBytes)} (${formatPercent(memPercent)})`
                : formatBytes(latest.memoryBytes),
            },
          ]}
          start={start}
          end={end}
          max={memMax}
          formatTick={formatBytes}
          {...(limited
            ? {
                limit: {
                  value: latest.memoryLimitBytes,
                  label: `limit ${formatBytes(latest.memoryLimitBytes)}`,
                },
              }
            : {})}
          note={
            limited
              ? 'Without the page cache the kernel can drop, as docker stats counts it.'
              : `No memory limit: it may use the host's ${formatBytes(latest.memoryLimitBytes)}.`
          }
        />
        <LineChart
          testId="chart-network"
          title="Network"
          series={[
            {
              id: 'rx',
              label: 'Received',
              tone: 'a',
              points: points(samples, (s) => s.networkRxRate),
              current: formatRate(latest.networkRxRate),
            },
            {
              id: 'tx',
              label: 'Sent',
              tone: 'b',
              points: points(samples, (s) => s.networkTxRate),
              current: formatRate(latest.networkTxRate),
            },
          ]}
          start={start}
          end={end}
          max={netMax}
          formatTick={formatRate}
          note={`${formatBytes(latest.networkRxBytes)} received, ${formatBytes(latest.networkTxBytes)} sent since it started.`}
        />
        <LineChart
          testId="chart-block"
          title="Block I/O"
          series={[
            {
              id: 'read',
              label: 'Read',
              tone: 'a',
              points: points(samples, (s) => s.blockReadRate),
              current: formatRate(latest.blockReadRate),
            },
            {
              id: 'write',
              label: 'Written',
              tone: 'b',
              points: points(samples, (s) => s.blockWriteRate),
              current: formatRate(latest.blockWriteRate),
            },
          ]}
          start={start}
          end={end}
          max={ioMax}
          formatTick={formatRate}
          note={`${formatBytes(latest.blockReadBytes)} read, ${formatBytes(latest.blockWriteBytes)} written since it started.`}
        />
      </div>
    </div>
  );
}
