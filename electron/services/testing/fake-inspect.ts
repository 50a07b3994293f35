import { AppError } from '../../shared/errors';
import type { ImageDefaults, InspectDocument, InspectEngine } from '../inspect/inspect-engine';

/** Inspect documents from maps the test fills; an unknown container answers NOT_FOUND like the engine. */
export class FakeInspect implements InspectEngine {
  readonly containers = new Map<string, InspectDocument>();
  readonly images = new Map<string, ImageDefaults>();
  /** Fails every call with this (an engine that went away). */
  failure: AppError | undefined;
  readonly calls: string[] = [];

  async container(id: string): Promise<InspectDocument> {
    this.calls.push(`container ${id}`);
    if (this.failure) throw this.failure;
    const doc = [...this.containers].find(([key]) => key.startsWith(id))?.[1];
    if (!doc) {
      throw new AppError('NOT_FOUND', `Container ${id.slice(0, 12)} is gone: it was removed.`, {
        reason: 'container-gone',
      });
    }
    return structuredClone(doc);
  }

  async imageDefaults(id: string): Promise<ImageDefaults | undefined> {
    this.calls.push(`image ${id}`);
    if (this.failure) throw this.failure;
    return this.images.get(id);
  }
}
