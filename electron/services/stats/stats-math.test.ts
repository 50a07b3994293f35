import { describe, expect, it } from 'vitest';
import { fakeReading } from '../testing/fake-stats';
import { cpuPercent, toSample } from './stats-math';

const GIB = 1024 ** 3;

describe('cpuPercent', () => {
  it('is cpu delta over system delta times online CPUs, as docker stats computes it', () => {
    // The real reading of parse-stats.test.ts: docker stats shows 100.39 % for it.
    const reading = fakeReading({
      cpuTotal: 3029499980,
      preCpuTotal: 2045679211,
      systemCpu: 34435020000000,
      preSystemCpu: 34433060000000,
      onlineCpus: 2,
    });
    expect(cpuPercent(reading)).toBeCloseTo(100.39, 2);
  });

  it('is 0 when nothing moved, on the first reading, and when the counters went back', () => {
    expect(cpuPercent(fakeReading({ cpuTotal: 5, preCpuTotal: 5, systemCpu: 10, preSystemCpu: 5 }))).toBe(0);
    expect(cpuPercent(fakeReading({ cpuTotal: 5, preCpuTotal: 0, systemCpu: 10, preSystemCpu: 0 }))).toBe(0);
    expect(cpuPercent(fakeReading({ cpuTotal: 5, preCpuTotal: 6, systemCpu: 10, preSystemCpu: 5 }))).toBe(0);
  });
});

describe('toSample', () => {
  const before = fakeReading({
    time: 1000,
    networkRxBytes: 1000,
    networkTxBytes: 500,
    blockReadBytes: 0,
    blockWriteBytes: 4096,
  });
  const now = fakeReading({
    time: 3000,
    cpuTotal: 2e9,
    preCpuTotal: 1e9,
    systemCpu: 12e9,
    preSystemCpu: 10e9,
    onlineCpus: 2,
    networkRxBytes: 5000,
    networkTxBytes: 700,
    blockReadBytes: 8192,
    blockWriteBytes: 4096,
    memoryLimitBytes: 64 * 1024 * 1024,
  });

  it('turns counters into rates over the time between two readings', () => {
    expect(toSample(now, before, 8 * GIB, false)).toMatchObject({
      time: 3000,
      cpuPercent: 100,
      networkRxRate: 2000,
      networkTxRate: 100,
      blockReadRate: 4096,
      blockWriteRate: 0,
      networkRxBytes: 5000,
      memoryLimited: true,
    });
  });

  it('has no rates without a reading before it, and none across a counter reset', () => {
    expect(toSample(now, undefined, 8 * GIB, false)).toMatchObject({ networkRxRate: 0, blockReadRate: 0 });
    const reset = fakeReading({ time: 2000, networkRxBytes: 10 });
    expect(toSample(reset, before, 8 * GIB, false).networkRxRate).toBe(0);
  });

  it('says a limit equal to the host memory is no limit', () => {
    const unlimited = fakeReading({ memoryLimitBytes: 8 * GIB });
    expect(toSample(unlimited, undefined, 8 * GIB, false).memoryLimited).toBe(false);
    expect(toSample(unlimited, undefined, 16 * GIB, false).memoryLimited).toBe(true);
  });

  it('shows a paused container at 0 % CPU', () => {
    expect(toSample(now, before, 8 * GIB, true).cpuPercent).toBe(0);
  });
});
