import type { Out } from '../shared/contract';
import { printable } from './printable';

/** An error the CLI reports in one line and turns into an exit code. */
export class CliFailure extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

/** One line on stderr for people; anything in it may have come from an engine. */
export function printError(message: string): void {
  console.error(printable(`bosun: ${message}`));
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Failed connections go to stderr, so `--json` output on stdout stays a clean array. */
export function warnFailures(failures: Out<'containers.list'>['failures']): void {
  for (const failure of failures) {
    console.error(printable(`bosun: ${failure.connectionId}: ${failure.message}`));
  }
}
