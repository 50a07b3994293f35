import type { Client, ClientChannel } from 'ssh2';

/** How much of the remote command's stderr is kept for an error message (its tail). */
const STDERR_KEEP = 2_000;
const VERIFY_TIMEOUT_MS = 10_000;

/** One word for a POSIX shell, whatever it holds: the remote login shell parses the exec command. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** The docker CLI's own SSH transport: stdin/stdout become a connection to the engine's socket. */
export function dialStdioCommand(socketPath: string): string {
  return `exec docker -H ${shellQuote(`unix://${socketPath}`)} system dial-stdio`;
}

/** An exec channel running `docker system dial-stdio`; its stdout is the engine's side of the socket. */
export interface DialStdioChannel {
  readonly channel: ClientChannel;
  /** The tail of what the command wrote to stderr so far (kept apart from the HTTP stream). */
  stderr(): string;
}

/** Starts `docker system dial-stdio` on the host; stderr is collected, never mixed into stdout. */
export function execDialStdio(client: Client, socketPath: string): Promise<DialStdioChannel> {
  return new Promise((resolve, reject) => {
    client.exec(dialStdioCommand(socketPath), (error, channel) => {
      if (error) return reject(error);
      let text = '';
      channel.stderr.on('data', (chunk: Buffer) => {
        text = (text + chunk.toString('utf8')).slice(-STDERR_KEEP);
      });
      resolve({ channel, stderr: () => text.trim() });
    });
  });
}

/**
 * Sends one `GET /_ping` through a fresh dial-stdio channel: resolves when the engine answers, rejects
 * with what went wrong (the command's exit code and stderr: docker missing, socket refused) otherwise.
 */
export async function verifyDialStdio(client: Client, socketPath: string): Promise<void> {
  const { channel, stderr } = await execDialStdio(client, socketPath);
  let answer = '';
  let exitCode: number | undefined;
  channel.on('exit', (code: unknown) => {
    if (typeof code === 'number') exitCode = code;
  });
  const done = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      channel.destroy();
      reject(new Error(`no answer within ${VERIFY_TIMEOUT_MS / 1000} s`));
    }, VERIFY_TIMEOUT_MS);
    channel.on('data', (chunk: Buffer) => {
      answer = (answer + chunk.toString('latin1')).slice(0, 200);
    });
    channel.once('close', () => {
      clearTimeout(timer);
      if (/^HTTP\/1\.[01] 200 /.test(answer)) return resolve();
      const said = stderr() || (answer ? `it answered ${JSON.stringify(answer.slice(0, 60))}` : 'no output');
      const exit = exitCode === undefined ? '' : `exit code ${exitCode}: `;
      reject(new Error(`${exit}${said}`));
    });
  });
  // HTTP/1.0: the engine closes after answering, dial-stdio exits with it, the channel closes.
  channel.write('GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n');
  return done;
}
