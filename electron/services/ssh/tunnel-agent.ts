import { Agent, type ClientRequestArgs } from 'node:http';
import type { Duplex } from 'node:stream';
import type { SshTunnel } from './ssh-tunnel';

/**
 * An http.Agent whose connections are SSH channels to a socket on the remote host: dockerode's
 * requests, hijacked exec/attach and the event stream all travel over the one kept SSH connection,
 * and no port is opened on this machine.
 */
export class TunnelAgent extends Agent {
  constructor(
    private readonly tunnel: SshTunnel,
    private readonly socketPath: string,
  ) {
    super({ keepAlive: true });
  }

  override createConnection(
    _options: ClientRequestArgs,
    callback?: (error: Error | null, stream: Duplex) => void,
  ): Duplex | null | undefined {
    // Node waits for the callback when nothing is returned (documented for createConnection).
    this.tunnel.openStream(this.socketPath).then(
      (stream) => callback?.(null, stream),
      (error: Error) => callback?.(error, undefined as unknown as Duplex),
    );
    return undefined;
  }
}
