import type { StatsSample } from '../../../electron/shared/contract';

/** A sample as the core sends it, for tests: 12.5 % CPU, half of a 64 MiB limit. */
export function sample(time: number, overrides: Partial<StatsSample> = {}): StatsSample {
  return {
    time,
    cpuPercent: 12.5,
    onlineCpus: 2,
    memoryBytes: 32 * 1024 * 1024,
    memoryLimitBytes: 64 * 1024 * 1024,
    memoryLimited: true,
    networkRxBytes: 1000,
    networkTxBytes: 500,
    networkRxRate: 100,
    networkTxRate: 50,
    blockReadBytes: 0,
    blockWriteBytes: 0,
    blockReadRate: 0,
    blockWriteRate: 0,
    pids: 3,
    ...overrides,
  };
}
