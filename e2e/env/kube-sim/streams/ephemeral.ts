// The runtime side of an ephemeral container: a container on the test engine that joins the target
// container's PID and network namespaces (what the kubelet does with targetContainerName), kept open
// for attach when stdin is asked for.
import { dockerFor, engineMessage } from './docker-client';
import type { StreamDeps } from './types';

export interface EphemeralSpec {
  readonly simId: string;
  readonly targetContainerId: string;
  readonly name: string;
  readonly image: string;
  readonly command?: readonly string[];
  readonly args?: readonly string[];
  readonly stdin: boolean;
  readonly tty: boolean;
}

/** Label keys the simulator puts on every engine object it makes (the sim's cleanup finds them). */
export const TEST_LABEL = 'io.bosun.test';
export const SIM_LABEL = 'io.bosun.kube-sim';

/**
 * Creates and starts the container; returns its id. Kubernetes semantics for command/args: `command`
 * replaces the image's ENTRYPOINT and then its CMD is not used unless `args` are given.
 */
export async function startEphemeralContainer(
  deps: StreamDeps,
  spec: EphemeralSpec,
): Promise<{ containerId: string }> {
  const docker = dockerFor(deps.dockerSocketPath);
  const shared = `container:${spec.targetContainerId}`;
  let containerId: string | undefined;
  try {
    const container = await docker.createContainer({
      Image: spec.image,
      ...(spec.command !== undefined ? { Entrypoint: [...spec.command], Cmd: [...(spec.args ?? [])] } : {}),
      ...(spec.command === undefined && spec.args !== undefined ? { Cmd: [...spec.args] } : {}),
      OpenStdin: spec.stdin,
      StdinOnce: false,
      AttachStdin: spec.stdin,
      AttachStdout: true,
      AttachStderr: true,
      Tty: spec.tty,
      Labels: {
        [TEST_LABEL]: '1',
        [SIM_LABEL]: spec.simId,
        'io.bosun.kube-sim.ephemeral': spec.name,
      },
      HostConfig: { PidMode: shared, NetworkMode: shared },
    });
    containerId = container.id;
    await container.start();
    return { containerId };
  } catch (error) {
    if (containerId !== undefined) {
      await docker
        .getContainer(containerId)
        .remove({ force: true })
        .catch(() => undefined);
    }
    throw new Error(
      `ephemeral container ${spec.name} (${spec.image}) could not start: ${engineMessage(error)}`,
    );
  }
}
