import type Docker from 'dockerode';
import { AppError } from '../../shared/errors';
import { engineCall } from '../containers/engine-call';
import type { EngineWhere } from '../containers/engine-errors';
import { flag, record, text } from '../inspect/raw-fields';
import type { AuditEngine, ExecInfo } from './audit-engine';

const EXEC_INSPECT_TIMEOUT_MS = 10_000;

/** Exec inspect over docker-modem (dockerode's exec.inspect takes no abort signal). */
export class DockerodeAudit implements AuditEngine {
  constructor(
    private readonly docker: Docker,
    private readonly where: EngineWhere,
  ) {}

  async exec(id: string, signal?: AbortSignal): Promise<ExecInfo | undefined> {
    let value: unknown;
    try {
      value = await engineCall(this.where, 'exec inspect', EXEC_INSPECT_TIMEOUT_MS, signal, (abortSignal) => {
        return new Promise<unknown>((resolve, reject) => {
          this.docker.modem.dial(
            {
              path: `/exec/${encodeURIComponent(id)}/json`,
              method: 'GET',
              abortSignal,
              statusCodes: { 200: true, 404: 'no such exec', 500: 'server error' },
            },
            (error, result) => (error ? reject(error) : resolve(result)),
          );
        });
      });
    } catch (error) {
      if (error instanceof AppError && error.code === 'NOT_FOUND') return undefined;
      throw error;
    }
    const exec = record(value);
    const process = record(exec['ProcessConfig']);
    return {
      privileged: flag(process['privileged']),
      user: text(process['user']),
      running: flag(exec['Running']),
    };
  }
}
