import type Docker from 'dockerode';
import type { EngineWhere } from '../containers/engine-errors';
import { engineJson } from '../resources/engine-json';
import type { MapsEngine } from './maps-engine';

// Sizing walks every container's writable layer; a busy host with big layers takes a while.
const SIZE_MS = 120_000;

interface SizedRow {
  Id: string;
  SizeRw?: number;
}

/** The maps' own engine reads over the Engine API. */
export class DockerodeMaps implements MapsEngine {
  constructor(
    private readonly docker: Docker,
    private readonly where: EngineWhere,
  ) {}

  async writableSizes(signal?: AbortSignal): Promise<ReadonlyMap<string, number>> {
    const rows = await engineJson<SizedRow[]>(
      this.docker,
      this.where,
      {
        method: 'GET',
        path: '/containers/json',
        query: { all: 1, size: 1 },
        what: 'container sizes',
        timeoutMs: SIZE_MS,
      },
      signal,
    );
    // The engine leaves SizeRw out when it is 0 (omitempty); every row it returned was sized.
    return new Map(rows.map((row) => [row.Id, row.SizeRw ?? 0]));
  }
}
