import type { EngineDiskUsage } from '../../shared/contract';

/** Disk use of one engine (GET /system/df), summed up like `docker system df`. */
export interface DiskEngine {
  usage(signal?: AbortSignal): Promise<Omit<EngineDiskUsage, 'connectionId'>>;
}
