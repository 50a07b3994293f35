import type Docker from 'dockerode';
import { AppError } from '../../shared/errors';
import { engineCall } from '../containers/engine-call';
import type { EngineWhere } from '../containers/engine-errors';
import type { ImageDefaults, InspectDocument, InspectEngine } from './inspect-engine';

const INSPECT_TIMEOUT_MS = 15_000;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function argv(value: unknown): string[] | null {
  return Array.isArray(value) && value.every((word) => typeof word === 'string') ? value : null;
}

/** Inspect calls over docker-modem directly: dockerode's image inspect ignores the abort signal. */
export class DockerodeInspect implements InspectEngine {
  constructor(
    private readonly docker: Docker,
    private readonly where: EngineWhere,
  ) {}

  async container(id: string, signal?: AbortSignal): Promise<InspectDocument> {
    try {
      return await this.getJson(`/containers/${encodeURIComponent(id)}/json`, 'inspect', signal);
    } catch (error) {
      if (error instanceof AppError && error.code === 'NOT_FOUND') {
        throw new AppError(
          'NOT_FOUND',
          `Container ${id.slice(0, 12)} is gone: it was removed from ${this.where.endpoint}. Pick another container in the list (bosun ps -a).`,
          { reason: 'container-gone' },
        );
      }
      throw error;
    }
  }

  async imageDefaults(id: string, signal?: AbortSignal): Promise<ImageDefaults | undefined> {
    let image: InspectDocument;
    try {
      image = await this.getJson(`/images/${encodeURIComponent(id)}/json`, 'image inspect', signal);
    } catch (error) {
      if (error instanceof AppError && error.code === 'NOT_FOUND') return undefined;
      throw error;
    }
    const config = isRecord(image['Config']) ? image['Config'] : {};
    return { entrypoint: argv(config['Entrypoint']), cmd: argv(config['Cmd']) };
  }

  private async getJson(path: string, what: string, signal?: AbortSignal): Promise<InspectDocument> {
    const value = await engineCall(this.where, what, INSPECT_TIMEOUT_MS, signal, (abortSignal) => {
      return new Promise<unknown>((resolve, reject) => {
        this.docker.modem.dial(
          {
            path,
            method: 'GET',
            abortSignal,
            statusCodes: { 200: true, 404: 'no such object', 500: 'server error' },
          },
          (error, result) => (error ? reject(error) : resolve(result)),
        );
      });
    });
    if (!isRecord(value)) {
      throw new AppError(
        'UNAVAILABLE',
        `The engine at ${this.where.endpoint} answered the ${what} call with something that is not a JSON object. Check what listens at that endpoint.`,
      );
    }
    return value;
  }
}
