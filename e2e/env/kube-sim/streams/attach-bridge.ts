// pods/attach over WebSocket: the container's main process, through a docker attach.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type Docker from 'dockerode';
import { REMOTE_COMMAND_FLAVORS } from './channel-codec';
import { DETACH_KEYS, dockerFor, engineMessage } from './docker-client';
import { runRemoteCommand, type RemoteProcess, type StreamOptions } from './remote-command';
import { internalErrorStatus, successStatus } from './status';
import { parseStreamOptions } from './stream-query';
import type { StreamDeps, StreamTarget } from './types';
import { acceptChannels, rejectUpgrade } from './ws-session';

/** GET …/pods/{name}/attach with Upgrade: websocket, after the router checked auth, RBAC and the pod. */
export function handleAttachUpgrade(
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  target: StreamTarget,
  query: URLSearchParams,
  deps: StreamDeps,
): void {
  const options = parseStreamOptions(query);
  if (!options.ok) {
    rejectUpgrade(socket, 400, options.message);
    return;
  }
  acceptChannels(req, socket, head, REMOTE_COMMAND_FLAVORS, (conn) => {
    runRemoteCommand(
      conn,
      options.value,
      () => startAttach(dockerFor(deps.dockerSocketPath), target, options.value),
      (error) => internalErrorStatus(`error attaching to container: ${engineMessage(error)}`),
    );
  });
}

async function startAttach(
  docker: Docker,
  target: StreamTarget,
  options: StreamOptions,
): Promise<RemoteProcess> {
  const container = docker.getContainer(target.containerId);
  const info = await container.inspect();
  if (!info.State.Running) {
    throw new Error(`container ${target.container} is not running (${info.State.Status})`);
  }
  // Whether PID 1 has a TTY was fixed when it started; the query cannot change it (kubelet GetAttach).
  const tty = info.Config.Tty === true;
  const stream = (await container.attach({
    stream: true,
    stdin: options.stdin,
    stdout: options.stdout,
    stderr: options.stderr || (tty && options.stdout),
    hijack: true,
    detachKeys: DETACH_KEYS,
  })) as Duplex;
  return {
    stream,
    multiplexed: !tty,
    sniffStartFailure: false,
    resize: async (width, height) => {
      if (tty) await container.resize({ h: height, w: width });
    },
    conclude: async (output) => {
      output.end(undefined);
      return successStatus();
    },
  };
}
