import type { Out } from '../shared/contract';

/** An error the CLI reports in one line and turns into an exit code. */
export class CliFailure extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Failed connections go to stderr, so `--json` output on stdout stays a clean array. */
export function warnFailures(failures: Out<'containers.list'>['failures']): void {
  for (const failure of failures) {
    console.error(`bosun: ${failure.connectionId}: ${failure.message}`);
  }
}
