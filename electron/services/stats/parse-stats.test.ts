import { describe, expect, it } from 'vitest';
import { parseStats } from './parse-stats';

// Trimmed from a real cgroup v1 engine (Docker 20.10): a busy busybox with a 64 MiB limit.
const V1 = {
  read: '2026-11-24T21:15:21.407695613Z',
  preread: '2026-11-24T21:15:20.404145327Z',
  pids_stats: { current: 1 },
  blkio_stats: {
    io_service_bytes_recursive: [
      { major: 8, minor: 0, op: 'Read', value: 4096 },
      { major: 8, minor: 0, op: 'Write', value: 8192 },
      { major: 8, minor: 0, op: 'Sync', value: 12288 },
      { major: 8, minor: 0, op: 'Total', value: 12288 },
      { major: 8, minor: 16, op: 'Read', value: 100 },
    ],
  },
  cpu_stats: {
    cpu_usage: { total_usage: 3029499980, percpu_usage: [85030059, 2944469921] },
    system_cpu_usage: 34435020000000,
    online_cpus: 2,
  },
  precpu_stats: {
    cpu_usage: { total_usage: 2045679211, percpu_usage: [3926204, 2041753007] },
    system_cpu_usage: 34433060000000,
    online_cpus: 2,
  },
  memory_stats: {
    usage: 2150400,
    stats: { cache: 1515520, inactive_file: 1, total_inactive_file: 1175552 },
    limit: 67108864,
  },
  networks: {
    eth0: { rx_bytes: 736, tx_bytes: 10 },
    eth1: { rx_bytes: 64, tx_bytes: 5 },
  },
};

// The cgroup v2 shapes: inactive_file without total_*, lower-case ops, no percpu_usage.
const V2 = {
  read: '2026-11-24T21:15:22Z',
  pids_stats: { current: 7 },
  blkio_stats: {
    io_service_bytes_recursive: [
      { major: 254, minor: 0, op: 'read', value: 1000 },
      { major: 254, minor: 0, op: 'write', value: 2000 },
    ],
  },
  cpu_stats: { cpu_usage: { total_usage: 500 }, system_cpu_usage: 9000, online_cpus: 4 },
  precpu_stats: { cpu_usage: { total_usage: 400 }, system_cpu_usage: 8000, online_cpus: 4 },
  memory_stats: { usage: 50_000, stats: { inactive_file: 20_000, file: 30_000 }, limit: 100_000 },
};

describe('parseStats', () => {
  it('reads a cgroup v1 reading as docker stats does', () => {
    expect(parseStats(V1)).toEqual({
      time: Date.parse('2026-11-24T21:15:21.407Z'),
      cpuTotal: 3029499980,
      preCpuTotal: 2045679211,
      systemCpu: 34435020000000,
      preSystemCpu: 34433060000000,
      onlineCpus: 2,
      // usage − total_inactive_file (v1 wins over inactive_file)
      memoryBytes: 2150400 - 1175552,
      memoryLimitBytes: 67108864,
      networkRxBytes: 800,
      networkTxBytes: 15,
      // Only Read and Write count, over every device; Sync and Total would count twice.
      blockReadBytes: 4196,
      blockWriteBytes: 8192,
      pids: 1,
    });
  });

  it('reads the cgroup v2 shapes', () => {
    expect(parseStats(V2)).toMatchObject({
      onlineCpus: 4,
      memoryBytes: 30_000,
      memoryLimitBytes: 100_000,
      blockReadBytes: 1000,
      blockWriteBytes: 2000,
      networkRxBytes: 0,
      pids: 7,
    });
  });

  it('counts CPUs from percpu_usage when an old engine leaves online_cpus out', () => {
    const old = { ...V1, cpu_stats: { ...V1.cpu_stats, online_cpus: undefined } };
    expect(parseStats(old)).toMatchObject({ onlineCpus: 2 });
  });

  it('keeps the whole usage when the cache figure is not below it', () => {
    const odd = { ...V2, memory_stats: { usage: 10, stats: { inactive_file: 20 }, limit: 100 } };
    expect(parseStats(odd)).toMatchObject({ memoryBytes: 10 });
  });

  it('knows the zeroed reading of a stopped container', () => {
    expect(parseStats({ read: '0001-01-01T00:00:00Z', pids_stats: {}, memory_stats: {} })).toBe('stopped');
  });

  it('answers null pids when the engine does not say', () => {
    expect(parseStats({ ...V2, pids_stats: {} })).toMatchObject({ pids: null });
  });

  it('refuses what is not stats', () => {
    expect(() => parseStats({ message: 'hello' })).toThrow(/no read time/);
    expect(() => parseStats({ read: 'yesterday' })).toThrow(/unreadable time/);
    expect(() => parseStats([1, 2])).toThrow();
  });
});
