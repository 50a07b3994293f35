import type { StatsReading } from './stats-engine';

type Json = Record<string, unknown>;

function object(value: unknown): Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};
}

function num(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : 0;
}

function cpu(stats: unknown): { total: number; system: number; online: number } {
  const s = object(stats);
  const usage = object(s['cpu_usage']);
  const perCpu = Array.isArray(usage['percpu_usage']) ? usage['percpu_usage'].length : 0;
  const online = num(s['online_cpus']);
  return {
    total: num(usage['total_usage']),
    system: num(s['system_cpu_usage']),
    // Older engines leave online_cpus out; docker counts the per-CPU usages then.
    online: online > 0 ? online : perCpu,
  };
}

/** Usage minus the inactive file cache, as docker's calculateMemUsageUnixNoCache (cgroup v1, then v2). */
function memory(stats: unknown): { used: number; limit: number } {
  const m = object(stats);
  const usage = num(m['usage']);
  const detail = object(m['stats']);
  const v1 = detail['total_inactive_file'];
  const v2 = detail['inactive_file'];
  let used = usage;
  if (typeof v1 === 'number' && v1 < usage) used = usage - v1;
  else if (typeof v1 !== 'number' && typeof v2 === 'number' && v2 < usage) used = usage - v2;
  return { used, limit: num(m['limit']) };
}

function network(networks: unknown): { rx: number; tx: number } {
  let rx = 0;
  let tx = 0;
  for (const value of Object.values(object(networks))) {
    const n = object(value);
    rx += num(n['rx_bytes']);
    tx += num(n['tx_bytes']);
  }
  return { rx, tx };
}

/** Read and write bytes over every device: v1 says "Read"/"Write" (plus Sync, Total…), v2 "read"/"write". */
function blockIo(blkio: unknown): { read: number; write: number } {
  const entries = object(blkio)['io_service_bytes_recursive'];
  let read = 0;
  let write = 0;
  if (!Array.isArray(entries)) return { read, write };
  for (const entry of entries) {
    const e = object(entry);
    const op = typeof e['op'] === 'string' ? e['op'].toLowerCase() : '';
    if (op === 'read') read += num(e['value']);
    else if (op === 'write') write += num(e['value']);
  }
  return { read, write };
}

/**
 * One value of the engine's stats stream. `stopped` when the engine sends the zeroed reading it sends
 * for a container that is not running (its `read` time is year 1); throws when it is not stats at all.
 */
export function parseStats(value: unknown): StatsReading | 'stopped' {
  const raw = object(value);
  if (typeof raw['read'] !== 'string') throw new Error('a stats reading has no read time');
  const time = Date.parse(raw['read']);
  if (!Number.isFinite(time)) throw new Error(`a stats reading has an unreadable time (${raw['read']})`);
  if (time <= 0) return 'stopped';
  const now = cpu(raw['cpu_stats']);
  const before = cpu(raw['precpu_stats']);
  const mem = memory(raw['memory_stats']);
  const net = network(raw['networks']);
  const io = blockIo(raw['blkio_stats']);
  const pids = object(raw['pids_stats'])['current'];
  return {
    time,
    cpuTotal: now.total,
    preCpuTotal: before.total,
    systemCpu: now.system,
    preSystemCpu: before.system,
    onlineCpus: now.online,
    memoryBytes: mem.used,
    memoryLimitBytes: mem.limit,
    networkRxBytes: net.rx,
    networkTxBytes: net.tx,
    blockReadBytes: io.read,
    blockWriteBytes: io.write,
    pids: typeof pids === 'number' && Number.isInteger(pids) && pids >= 0 ? pids : null,
  };
}
