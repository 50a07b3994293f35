import type { AppError } from '../../shared/errors';
import type { MapsEngine } from '../maps/maps-engine';

/** Writable-layer sizes from a map the test fills; fails every call with `failure` when set. */
export class FakeMaps implements MapsEngine {
  readonly sizes = new Map<string, number>();
  failure: AppError | undefined;

  async writableSizes(): Promise<ReadonlyMap<string, number>> {
    if (this.failure) throw this.failure;
    return new Map(this.sizes);
  }
}
