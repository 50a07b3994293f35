import { Banner } from '../../components/Banner';
import { EmptyState } from '../../components/EmptyState';
import type { DetailTabProps } from '../details/detail-tabs';
import { LineChart } from './LineChart';
import { statsCharts } from './stats-charts';
import { PANEL_POINTS, type KeyStats } from './stats-store';
import { useContainerStats, useStatsInterest } from './useStats';
import './stats.css';

/** The charts' time window: what the panel keeps (one point a second). */
const WINDOW_MS = PANEL_POINTS * 1000;

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
        {statsCharts(samples, latest).map((chart) => (
          <LineChart key={chart.testId} {...chart} start={start} end={end} />
        ))}
      </div>
    </div>
  );
}
