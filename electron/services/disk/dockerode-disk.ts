import type Docker from 'dockerode';
import type { EngineWhere } from '../containers/engine-errors';
import { engineJson } from '../resources/engine-json';
import type { DiskEngine } from './disk-engine';
import { summarizeDiskUsage, type RawDiskUsage } from './disk-summary';

// The engine measures every container layer and volume: minutes on a big host.
const DF_MS = 180_000;

/** GET /system/df, summed up like `docker system df`. */
export class DockerodeDisk implements DiskEngine {
  constructor(
    private readonly docker: Docker,
    private readonly where: EngineWhere,
  ) {}

  async usage(signal?: AbortSignal): ReturnType<DiskEngine['usage']> {
    const raw = await engineJson<RawDiskUsage>(
      this.docker,
      this.where,
      { method: 'GET', path: '/system/df', what: 'disk usage', timeoutMs: DF_MS },
      signal,
    );
    return summarizeDiskUsage(raw);
  }
}
