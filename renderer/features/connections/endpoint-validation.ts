/**
 * What the form checks while you type; the core checks again (and knows more). Kept to what the add
 * form accepts: a unix socket by absolute path, or a TCP host and port.
 */
export const ENDPOINT_EXAMPLE = 'unix:///var/run/docker.sock or tcp://192.168.1.10:2376';

const HOST = String.raw`(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*)`;
const TCP = new RegExp(String.raw`^tcp://${HOST}(?::(\d+))?/?$`);

/** Why the endpoint cannot work, or undefined when it looks right. */
export function endpointProblem(input: string): string | undefined {
  const value = input.trim();
  if (!value) return 'Enter where the engine listens.';
  if (/\s/.test(value)) return 'An endpoint has no spaces.';
  if (value.startsWith('unix://')) {
    const path = value.slice('unix://'.length);
    if (!path.startsWith('/'))
      return 'A socket needs an absolute path: unix:// followed by /path (three slashes).';
    if (path.endsWith('/')) return 'That path names a directory; give the socket file.';
    return undefined;
  }
  if (value.startsWith('tcp://')) {
    const match = TCP.exec(value);
    if (!match) return 'Write tcp://host:port, with nothing after the port.';
    if (match[2] === undefined) return 'Add the port: 2375 for plain TCP, 2376 for TLS.';
    const port = Number(match[2]);
    if (!Number.isInteger(port) || port < 1 || port > 65535) return 'The port is a number from 1 to 65535.';
    return undefined;
  }
  if (/^https?:\/\//.test(value)) return 'Docker endpoints use tcp://host:port, not http://.';
  if (value.startsWith('/')) return `Put unix:// in front of the path: unix://${value}`;
  return 'Start with unix:// (a socket path) or tcp:// (host and port).';
}

export function nameProblem(input: string): string | undefined {
  const value = input.trim();
  if (!value) return 'Give the connection a name.';
  if (value.length > 80) return 'Keep the name under 80 characters.';
  return undefined;
}
