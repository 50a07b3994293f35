import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * The CLI exactly as the README documents it (`npm run --silent bosun -- …`), with its own HOME and data
 * dir (so it discovers only `dockerHost`), never throwing: the exit code is part of what tests check.
 */
export async function runBosun(
  args: readonly string[],
  env: { home: string; dockerHost: string; extra?: Record<string, string> },
  input = '',
): Promise<CliResult> {
  try {
    const running = run('npm', ['run', '--silent', 'bosun', '--', ...args], {
      env: {
        PATH: process.env.PATH,
        HOME: env.home,
        BOSUN_DATA_DIR: join(env.home, 'data'),
        DOCKER_HOST: env.dockerHost,
        ...env.extra,
      },
      maxBuffer: 64 * 2 ** 20,
    });
    running.child.stdin?.end(input);
    const { stdout, stderr } = await running;
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}
