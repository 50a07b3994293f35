// pods/portforward over WebSocket, as the kubelet serves it (portforward/websocket.go): per requested
// port a data channel (2i) and an error channel (2i+1), each opened with the port as 2 bytes
// little-endian; the data channel is one TCP connection to the pod's IP, and the socket closes when
// every connection has ended.
import type { IncomingMessage } from 'node:http';
import { connect, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { PORT_FORWARD_FLAVORS } from './channel-codec';
import { parsePorts } from './stream-query';
import type { StreamDeps, StreamTarget } from './types';
import { acceptChannels, rejectUpgrade, type ChannelConn } from './ws-session';

/** GET …/pods/{name}/portforward?ports=P with Upgrade: websocket, after auth, RBAC and the pod lookup. */
export function handlePortForwardUpgrade(
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  target: StreamTarget,
  query: URLSearchParams,
  _deps: StreamDeps,
): void {
  const ports = parsePorts(query);
  if (!ports.ok) {
    rejectUpgrade(socket, 400, ports.message);
    return;
  }
  acceptChannels(req, socket, head, PORT_FORWARD_FLAVORS, (conn) => forwardPorts(conn, target, ports.value));
}

function forwardPorts(conn: ChannelConn, target: StreamTarget, ports: readonly number[]): void {
  let open = ports.length;
  const sockets = ports.map((port, index) => {
    const dataChannel = index * 2;
    const errorChannel = dataChannel + 1;
    const portBytes = Buffer.alloc(2);
    portBytes.writeUInt16LE(port);
    conn.send(dataChannel, portBytes);
    conn.send(errorChannel, portBytes);
    const tcp = connect({ host: target.podIP, port });
    tcp.on('data', (chunk: Buffer) => conn.send(dataChannel, chunk, tcp));
    tcp.on('error', (error: NodeJS.ErrnoException) => {
      conn.send(errorChannel, Buffer.from(forwardError(target, port, error)));
    });
    tcp.once('close', () => {
      open -= 1;
      if (open === 0) conn.close();
    });
    return tcp;
  });

  let awaitingDrain = false;
  conn.onFrame((frame) => {
    // Only data channels are writable; the client has nothing to say on an error channel.
    const tcp: Socket | undefined = frame.channel % 2 === 0 ? sockets[frame.channel / 2] : undefined;
    if (tcp === undefined || tcp.destroyed || frame.payload.length === 0) return;
    if (!tcp.write(frame.payload) && !awaitingDrain) {
      awaitingDrain = true;
      conn.pauseInput();
      tcp.once('drain', () => {
        awaitingDrain = false;
        conn.resumeInput();
      });
    }
  });
  conn.onClose(() => {
    for (const tcp of sockets) tcp.destroy();
  });
}

/** The kubelet's wording with Go's dial error text, e.g. "… dial tcp 10.0.0.5:81: connect: connection refused". */
function forwardError(target: StreamTarget, port: number, error: NodeJS.ErrnoException): string {
  const address = `${target.podIP}:${port}`;
  const cause =
    error.code === 'ECONNREFUSED'
      ? `dial tcp ${address}: connect: connection refused`
      : error.code === 'ECONNRESET'
        ? `read tcp ${address}: read: connection reset by peer`
        : `dial tcp ${address}: ${error.message}`;
  return `error forwarding port ${port} to pod ${target.namespace}/${target.pod}: ${cause}`;
}
