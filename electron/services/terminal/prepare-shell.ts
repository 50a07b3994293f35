import type { ParsedIn } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import type { ProbeFiles } from '../containers/container-files';
import type { ContainerFacts } from '../containers/exec-engine';
import type { SessionPlan } from './session-plan';
import { bootstrapShell } from './shell-probe';

type OpenInput = ParsedIn<'terminal.open'>;

/**
 * The plan for a shell session in `runsIn` (the target, or the toolbox beside it), or NOT_FOUND with
 * `details.reason = 'no-shell'` when the image has none: the faces offer the toolbox on that reason.
 */
export async function prepareShell(
  files: ProbeFiles,
  runsIn: ContainerFacts,
  targetName: string,
  input: Pick<OpenInput, 'disabledFixes' | 'timezone'> & { readonly user?: string | undefined },
  signal: AbortSignal,
): Promise<SessionPlan> {
  const result = await bootstrapShell(
    files,
    runsIn.id,
    {
      user: input.user ?? runsIn.user,
      containerEnv: runsIn.env,
      containerName: targetName,
      disabledFixes: input.disabledFixes,
      timezone: input.timezone,
    },
    { signal },
  );
  if (result.ok) return result.plan;
  throw noShellError(targetName, result.checked);
}

/** NOT_FOUND with `details.reason = 'no-shell'`: the faces offer the toolbox on that reason. */
export function noShellError(targetName: string, checked: readonly string[]): AppError {
  return new AppError(
    'NOT_FOUND',
    `${targetName} has no shell (looked for ${checked.join(', ')}). Open the toolbox: it brings its own shell and tools and shares this container's network and processes.`,
    { reason: 'no-shell', checked: [...checked] },
  );
}
