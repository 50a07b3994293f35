import type { StatsSample } from '../../shared/contract';
import type { StatsReading } from './stats-engine';

/**
 * CPU percent as `docker stats` computes it (calculateCPUPercentUnix): the container's CPU time
 * over the host's between the engine's two readings, times the online CPUs. 0 when either did not move
 * (the first reading, a paused container).
 */
export function cpuPercent(reading: StatsReading): number {
  const cpuDelta = reading.cpuTotal - reading.preCpuTotal;
  const systemDelta = reading.systemCpu - reading.preSystemCpu;
  if (reading.preSystemCpu <= 0 || systemDelta <= 0 || cpuDelta <= 0) return 0;
  return (cpuDelta / systemDelta) * reading.onlineCpus * 100;
}

/** Bytes per second between two cumulative counters; a counter that went back (a restart) counts as 0. */
function perSecond(now: number, before: number, seconds: number): number {
  return seconds > 0 && now >= before ? (now - before) / seconds : 0;
}

/**
 * One sample from a reading and the one before it (for rates). `hostMemory` tells a real memory limit
 * from none: without one the engine reports the host's memory as the limit.
 */
export function toSample(
  reading: StatsReading,
  previous: StatsReading | undefined,
  hostMemory: number,
  paused: boolean,
): StatsSample {
  const seconds = previous ? (reading.time - previous.time) / 1000 : 0;
  const before = previous ?? reading;
  return {
    time: reading.time,
    // A paused container's cgroup is frozen; a reading that straddles the pause must not show a spike.
    cpuPercent: paused ? 0 : cpuPercent(reading),
    onlineCpus: reading.onlineCpus,
    memoryBytes: reading.memoryBytes,
    memoryLimitBytes: reading.memoryLimitBytes,
    memoryLimited: reading.memoryLimitBytes > 0 && (hostMemory <= 0 || reading.memoryLimitBytes < hostMemory),
    networkRxBytes: reading.networkRxBytes,
    networkTxBytes: reading.networkTxBytes,
    networkRxRate: perSecond(reading.networkRxBytes, before.networkRxBytes, seconds),
    networkTxRate: perSecond(reading.networkTxBytes, before.networkTxBytes, seconds),
    blockReadBytes: reading.blockReadBytes,
    blockWriteBytes: reading.blockWriteBytes,
    blockReadRate: perSecond(reading.blockReadBytes, before.blockReadBytes, seconds),
    blockWriteRate: perSecond(reading.blockWriteBytes, before.blockWriteBytes, seconds),
    pids: reading.pids,
  };
}
