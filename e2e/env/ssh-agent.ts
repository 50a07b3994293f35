// A real ssh-agent a test owns, on a socket of its own, holding the keys given.
import { execFileSync, spawn } from 'node:child_process';
import { stat } from 'node:fs/promises';

export interface SshAgent {
  /** The agent's socket: SSH_AUTH_SOCK for whoever should use it. */
  readonly socket: string;
  stop(): void;
}

export async function startSshAgent(socket: string, keys: readonly string[]): Promise<SshAgent> {
  const agent = spawn('ssh-agent', ['-D', '-a', socket], { stdio: 'ignore' });
  const stop = (): void => void agent.kill();
  try {
    const deadline = Date.now() + 5_000;
    while (
      !(await stat(socket).then(
        () => true,
        () => false,
      ))
    ) {
      if (Date.now() > deadline || agent.exitCode !== null)
        throw new Error(`ssh-agent did not start on ${socket}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    for (const key of keys)
      execFileSync('ssh-add', ['-q', key], { env: { ...process.env, SSH_AUTH_SOCK: socket } });
  } catch (error) {
    stop();
    throw error;
  }
  return { socket, stop };
}
