// One dockerode client per engine socket, shared by every stream of the simulator.
import Docker from 'dockerode';

const clients = new Map<string, Docker>();

export function dockerFor(socketPath: string): Docker {
  let docker = clients.get(socketPath);
  if (docker === undefined) {
    docker = new Docker({ socketPath });
    clients.set(socketPath, docker);
  }
  return docker;
}

/**
 * Docker's default detach keys (ctrl-p,ctrl-q) would swallow those bytes of stdin, and a real kubelet
 * passes every byte: a sequence no program sends keeps the stream transparent.
 */
export const DETACH_KEYS = 'ctrl-^,ctrl-@';

/** The engine's own words for a failed call. */
export function engineMessage(error: unknown): string {
  if (error !== null && typeof error === 'object') {
    const json = (error as { json?: { message?: unknown } }).json;
    if (json && typeof json.message === 'string') return json.message;
  }
  return error instanceof Error ? error.message : String(error);
}
