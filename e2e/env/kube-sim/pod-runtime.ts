// The engine side of pods: each pod container is a container on the test engine, labelled so the
// simulator (and the test cleanup) can find what it made. The first container owns the pod's network
// namespace on the default bridge; the others join it, so a pod's containers share one IP as in Kubernetes.
import Docker from 'dockerode';
import { TEST_LABEL } from '../test-env';

export const SIM_LABEL = 'io.bosun.kube-sim';

export interface ContainerSpec {
  name: string;
  image: string;
  command?: string[];
  args?: string[];
  env?: { name: string; value?: string }[];
  workingDir?: string;
  tty?: boolean;
  stdin?: boolean;
  stdinOnce?: boolean;
}

export interface PodRef {
  readonly namespace: string;
  readonly name: string;
  readonly uid: string;
  readonly restartPolicy: string;
}

const RESTART: Record<string, string> = { Always: 'always', OnFailure: 'on-failure', Never: 'no' };

export class PodRuntime {
  readonly docker: Docker;

  constructor(
    socketPath: string,
    readonly simId: string,
  ) {
    this.docker = new Docker({ socketPath });
  }

  async imagePresent(image: string): Promise<boolean> {
    try {
      await this.docker.getImage(image).inspect();
      return true;
    } catch {
      return false;
    }
  }

  /** Creates and starts one pod container; `networkOwner` is the container whose network it joins. */
  async create(pod: PodRef, spec: ContainerSpec, networkOwner: string | undefined): Promise<string> {
    const container = await this.docker.createContainer({
      name: `k8s_${spec.name}_${pod.name}_${pod.namespace}_${pod.uid.slice(0, 8)}_${this.simId}`,
      Image: spec.image,
      Entrypoint: spec.command,
      Cmd: spec.args ?? (spec.command ? [] : undefined),
      Env: (spec.env ?? []).filter((e) => e.value !== undefined).map((e) => `${e.name}=${e.value}`),
      WorkingDir: spec.workingDir,
      Tty: spec.tty === true,
      OpenStdin: spec.stdin === true,
      StdinOnce: spec.stdinOnce === true,
      AttachStdin: spec.stdin === true,
      Labels: {
        [TEST_LABEL]: '1',
        [SIM_LABEL]: this.simId,
        'io.kubernetes.pod.namespace': pod.namespace,
        'io.kubernetes.pod.name': pod.name,
        'io.kubernetes.pod.uid': pod.uid,
        'io.kubernetes.container.name': spec.name,
      },
      HostConfig: {
        NetworkMode: networkOwner ? `container:${networkOwner}` : 'bridge',
        RestartPolicy: { Name: RESTART[pod.restartPolicy] ?? 'always' },
        Init: false,
      },
    });
    return container.id;
  }

  async start(id: string): Promise<void> {
    await this.docker.getContainer(id).start();
  }

  async inspect(id: string): Promise<Docker.ContainerInspectInfo | undefined> {
    try {
      return await this.docker.getContainer(id).inspect();
    } catch {
      return undefined;
    }
  }

  /** Stops with the grace period (SIGTERM, then SIGKILL), then removes. Missing containers are fine. */
  async stopAndRemove(ids: readonly string[], graceSeconds: number): Promise<void> {
    await Promise.all(
      [...ids].reverse().map(async (id) => {
        const container = this.docker.getContainer(id);
        await container.stop({ t: graceSeconds }).catch(() => undefined);
        await container.remove({ force: true, v: true }).catch(() => undefined);
      }),
    );
  }

  /**
   * Engine events of this simulator's containers: calls `onChange(containerId)` on each state change.
   * When the event stream breaks it reconnects and calls `onChange(undefined)`: refresh everything.
   */
  async watchEvents(onChange: (containerId: string | undefined) => void): Promise<() => void> {
    let stopped = false;
    let current: { destroy(): void } | undefined;
    const connect = async (): Promise<void> => {
      const stream = await this.docker.getEvents({
        filters: { type: ['container'], label: [`${SIM_LABEL}=${this.simId}`] },
      });
      current = stream as unknown as { destroy(): void };
      if (stopped) current.destroy();
      let buffer = '';
      stream.on('data', (chunk: Buffer) => {
        buffer += chunk.toString('utf8');
        let newline: number;
        while ((newline = buffer.indexOf('\n')) >= 0) {
          const line = buffer.slice(0, newline);
          buffer = buffer.slice(newline + 1);
          try {
            const event = JSON.parse(line) as { id?: string };
            if (event.id) onChange(event.id);
          } catch {
            // a foreign line: the resync after a reconnect corrects any missed state
          }
        }
      });
      let retried = false;
      const retry = (): void => {
        if (stopped || retried) return;
        retried = true;
        setTimeout(() => {
          if (stopped) return;
          connect().then(
            () => onChange(undefined),
            () => {
              retried = false;
              retry();
            },
          );
        }, 500);
      };
      stream.on('error', retry);
      stream.on('end', retry);
      stream.on('close', retry);
    };
    await connect();
    return () => {
      stopped = true;
      current?.destroy();
    };
  }

  /** Removes every container this simulator made (by label), running or not. */
  async removeAll(): Promise<void> {
    const list = await this.docker.listContainers({
      all: true,
      filters: { label: [`${SIM_LABEL}=${this.simId}`] },
    });
    await Promise.all(
      list.map((c) =>
        this.docker
          .getContainer(c.Id)
          .remove({ force: true, v: true })
          .catch(() => undefined),
      ),
    );
  }
}
