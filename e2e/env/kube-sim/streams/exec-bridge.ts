// pods/exec over WebSocket, run as a docker exec in the container backing the pod's container.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type Docker from 'dockerode';
import { REMOTE_COMMAND_FLAVORS } from './channel-codec';
import { DETACH_KEYS, dockerFor, engineMessage } from './docker-client';
import { runRemoteCommand, type RemoteProcess, type StreamOptions } from './remote-command';
import { exitCodeStatus, internalErrorStatus, successStatus } from './status';
import { parseCommand, parseStreamOptions } from './stream-query';
import type { StreamDeps, StreamTarget } from './types';
import { acceptChannels, rejectUpgrade } from './ws-session';

/** How long the engine may take to record the exit code after the output ended. */
const EXIT_CODE_WAIT_MS = 3000;

/** GET …/pods/{name}/exec with Upgrade: websocket, after the router checked auth, RBAC and the pod. */
export function handleExecUpgrade(
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  target: StreamTarget,
  query: URLSearchParams,
  deps: StreamDeps,
): void {
  const command = parseCommand(query);
  const options = parseStreamOptions(query);
  if (!command.ok || !options.ok) {
    rejectUpgrade(socket, 400, !command.ok ? command.message : options.ok ? '' : options.message);
    return;
  }
  acceptChannels(req, socket, head, REMOTE_COMMAND_FLAVORS, (conn) => {
    runRemoteCommand(
      conn,
      options.value,
      () => startExec(dockerFor(deps.dockerSocketPath), target, command.value, options.value),
      // The CRI's wording when the runtime refuses (container gone, not running).
      (error) => internalErrorStatus(`error executing command in container: ${engineMessage(error)}`),
    );
  });
}

async function startExec(
  docker: Docker,
  target: StreamTarget,
  command: readonly string[],
  options: StreamOptions,
): Promise<RemoteProcess> {
  const exec = await docker.getContainer(target.containerId).exec({
    Cmd: [...command],
    AttachStdin: options.stdin,
    AttachStdout: options.stdout,
    AttachStderr: options.stderr,
    Tty: options.tty,
    DetachKeys: DETACH_KEYS,
  });
  const stream = (await exec.start({ hijack: true, stdin: options.stdin, Tty: options.tty })) as Duplex;
  const described = goList(command);
  return {
    stream,
    // A TTY exec sends raw bytes — except the engine's own start failure, which the sniffer handles.
    multiplexed: !options.tty,
    sniffStartFailure: true,
    resize: async (width, height) => {
      // The process may not have its TTY yet right after the start: one retry covers that.
      try {
        await exec.resize({ h: height, w: width });
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 100));
        await exec.resize({ h: height, w: width });
      }
    },
    conclude: async (output) => {
      const exitCode = await exitCodeOf(exec);
      const startFailure = output.end(exitCode);
      if (startFailure !== undefined && exitCode !== undefined) {
        // What the engine gives: its runtime's message and 126, as `docker exec` reports it.
        return exitCodeStatus(exitCode, `error executing command ${described}: ${startFailure}`);
      }
      if (exitCode === undefined) {
        return internalErrorStatus(
          `error executing command in container: the engine did not report an exit code for ${described}`,
        );
      }
      if (exitCode === 0) return successStatus();
      return exitCodeStatus(exitCode, `error executing command ${described}, exit code ${exitCode}`);
    },
  };
}

/** The exit code once the engine has recorded it; undefined if it never does within the wait. */
async function exitCodeOf(exec: Docker.Exec): Promise<number | undefined> {
  const deadline = Date.now() + EXIT_CODE_WAIT_MS;
  for (;;) {
    const info = await exec.inspect();
    if (!info.Running && typeof info.ExitCode === 'number') return info.ExitCode;
    if (Date.now() > deadline) return undefined;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** A command as Go's %v prints a []string, the way the CRI quotes it in its errors. */
function goList(command: readonly string[]): string {
  return `[${command.join(' ')}]`;
}
