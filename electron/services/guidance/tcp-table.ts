/** TCP_ESTABLISHED in /proc/net/tcp's `st` column. */
const ESTABLISHED = '01';

/**
 * Established connections whose local port is one of `ports`, counted from the text of
 * /proc/net/tcp and /proc/net/tcp6 (one after the other; header lines are skipped). Listening
 * sockets and connections closing down are not counted: they carry no client that a restart would cut.
 */
export function countEstablished(text: string, ports: readonly number[]): number {
  const wanted = new Set(ports);
  let count = 0;
  for (const line of text.split('\n')) {
    const fields = line.trim().split(/\s+/);
    // sl local_address rem_address st …: "0: 0100007F:0050 0100007F:D2A4 01 …"
    if (fields.length < 4 || !/^\d+:$/.test(fields[0] ?? '')) continue;
    const local = fields[1] ?? '';
    const port = parseInt(local.slice(local.lastIndexOf(':') + 1), 16);
    if (fields[3] === ESTABLISHED && wanted.has(port)) count++;
  }
  return count;
}

/** Whether the text looks like a /proc/net/tcp table at all (its header line). */
export function isTcpTable(text: string): boolean {
  return /^\s*sl\s+local_address\s+rem_address\s+st/m.test(text);
}
