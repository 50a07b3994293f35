import type { StatsSample } from '../../../electron/shared/contract';
import { niceCeil } from './chart-scale';
import { formatBytes, formatPercent, formatRate } from './format';
import type { ChartSeries, LineChartProps } from './LineChart';

/** One chart of the panel, before the panel adds the time window all of them share. */
export type ChartSpec = Omit<LineChartProps, 'start' | 'end'>;

type Pick = (s: StatsSample) => number;

/** One line of a chart: which number of a sample it draws. */
interface Line {
  readonly id: string;
  readonly label: string;
  readonly tone: ChartSeries['tone'];
  readonly pick: Pick;
}

function series(samples: readonly StatsSample[], line: Line, current: string): ChartSeries {
  const { id, label, tone, pick } = line;
  return { id, label, tone, points: samples.map((s) => ({ time: s.time, value: pick(s) })), current };
}

function peak(samples: readonly StatsSample[], picks: readonly Pick[]): number {
  let max = 0;
  for (const s of samples) for (const pick of picks) max = Math.max(max, pick(s));
  return max;
}

function cpuChart(samples: readonly StatsSample[], latest: StatsSample): ChartSpec {
  const cpu: Line = { id: 'cpu', label: 'CPU', tone: 'a', pick: (s) => s.cpuPercent };
  return {
    testId: 'chart-cpu',
    title: 'CPU',
    series: [series(samples, cpu, formatPercent(latest.cpuPercent))],
    max: niceCeil(Math.max(peak(samples, [cpu.pick]), 1)),
    formatTick: (v) => `${Number(v.toPrecision(3))} %`,
    note: `100 % is one CPU fully busy; this container may use up to ${latest.onlineCpus * 100} %.`,
  };
}

function memoryChart(samples: readonly StatsSample[], latest: StatsSample): ChartSpec {
  const used: Line = { id: 'used', label: 'Used', tone: 'a', pick: (s) => s.memoryBytes };
  const top = peak(samples, [used.pick]);
  const limited = latest.memoryLimited;
  const limit = latest.memoryLimitBytes;
  const percent = formatPercent((latest.memoryBytes / Math.max(1, limit)) * 100);
  return {
    testId: 'chart-memory',
    title: 'Memory',
    series: [
      series(
        samples,
        used,
        limited
          ? `${formatBytes(latest.memoryBytes)} of ${formatBytes(limit)} (${percent})`
          : formatBytes(latest.memoryBytes),
      ),
    ],
    // A limit is always on the axis, so the dashed line shows how close the container is to it.
    max: limited ? Math.max(limit, top) : niceCeil(top * 1.2, 1024),
    formatTick: formatBytes,
    ...(limited ? { limit: { value: limit, label: `limit ${formatBytes(limit)}` } } : {}),
    note: limited
      ? 'Without the page cache the kernel can drop, as docker stats counts it.'
      : `No memory limit: it may use the host's ${formatBytes(limit)}.`,
  };
}

/** The lines of the two rate charts. */
const NETWORK: readonly Line[] = [
  { id: 'rx', label: 'Received', tone: 'a', pick: (s) => s.networkRxRate },
  { id: 'tx', label: 'Sent', tone: 'b', pick: (s) => s.networkTxRate },
];
const BLOCK_IO: readonly Line[] = [
  { id: 'read', label: 'Read', tone: 'a', pick: (s) => s.blockReadRate },
  { id: 'write', label: 'Written', tone: 'b', pick: (s) => s.blockWriteRate },
];

/** Network and block I/O read alike: two rates on one axis, and the totals since the start below. */
function rateChart(
  samples: readonly StatsSample[],
  latest: StatsSample,
  lines: readonly Line[],
  chart: { readonly testId: string; readonly title: string; readonly note: string },
): ChartSpec {
  const picks = lines.map((line) => line.pick);
  return {
    ...chart,
    series: lines.map((line) => series(samples, line, formatRate(line.pick(latest)))),
    // A quiet container's axis stops at 1 kB/s rather than magnifying a few stray bytes.
    max: niceCeil(Math.max(peak(samples, picks), 1000), 1000),
    formatTick: formatRate,
  };
}

/** The panel's charts, in order: CPU, memory against its limit, network, block I/O. */
export function statsCharts(samples: readonly StatsSample[], latest: StatsSample): ChartSpec[] {
  const { networkRxBytes, networkTxBytes, blockReadBytes, blockWriteBytes } = latest;
  return [
    cpuChart(samples, latest),
    memoryChart(samples, latest),
    rateChart(samples, latest, NETWORK, {
      testId: 'chart-network',
      title: 'Network',
      note: `${formatBytes(networkRxBytes)} received, ${formatBytes(networkTxBytes)} sent since it started.`,
    }),
    rateChart(samples, latest, BLOCK_IO, {
      testId: 'chart-block',
      title: 'Block I/O',
      note: `${formatBytes(blockReadBytes)} read, ${formatBytes(blockWriteBytes)} written since it started.`,
    }),
  ];
}
