import { AppError } from '../../shared/errors';
import type { GuidanceEngine, ProcessRow, RunOptions, RunOutcome } from '../guidance/guidance-engine';

/** Processes, command answers and image Env by container, for unit tests of guidance. */
export class FakeGuidance implements GuidanceEngine {
  readonly processList = new Map<string, ProcessRow[]>();
  /** Answers by container id and the command joined with spaces; an unknown command exits 127. */
  readonly answers = new Map<string, RunOutcome>();
  readonly ran: string[] = [];
  readonly images = new Map<string, string[]>();

  async processes(id: string): Promise<ProcessRow[]> {
    const rows = this.processList.get(id);
    if (!rows)
      throw new AppError('NOT_FOUND', `Container ${id.slice(0, 12)} is gone.`, { reason: 'container-gone' });
    return rows;
  }

  async run(id: string, cmd: readonly string[], _options: RunOptions): Promise<RunOutcome> {
    const key = `${id} ${cmd.join(' ')}`;
    this.ran.push(key);
    return (
      this.answers.get(key) ?? { exitCode: 127, stdout: '', stderr: `${cmd[0]}: not found`, truncated: false }
    );
  }

  async imageEnv(image: string): Promise<string[] | undefined> {
    return this.images.get(image);
  }
}
