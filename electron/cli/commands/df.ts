import type { DiskUse, Out } from '../../shared/contract';
import { formatSize } from '../../shared/format/size';
import { openLocalCore } from '../local-core';
import { CliFailure, printJson, warnFailures } from '../output';
import { renderTable } from '../table';

const KINDS = [
  ['images', 'Images'],
  ['containers', 'Containers'],
  ['volumes', 'Local Volumes'],
  ['buildCache', 'Build Cache'],
] as const;

function reclaimable(use: DiskUse): string {
  if (use.reclaimable === null) return 'unknown';
  const share = use.size ? ` (${Math.round((use.reclaimable / use.size) * 100)}%)` : '';
  return `${formatSize(use.reclaimable)}${share}`;
}

export function formatDiskUsage(engines: Out<'disk.usage'>['engines']): string {
  return renderTable(
    ['TYPE', 'TOTAL', 'ACTIVE', 'SIZE', 'RECLAIMABLE', 'HOST'],
    engines.flatMap((engine) =>
      KINDS.map(([key, label]) => {
        const use = engine[key];
        return [
          label,
          String(use.count),
          String(use.active),
          use.size === null ? 'unknown' : formatSize(use.size),
          reclaimable(use),
          engine.connectionId,
        ];
      }),
    ),
  );
}

/** `bosun df`: disk use of every connected engine, like `docker system df` (slow on big engines). */
export async function dfCommand(options: {
  readonly host?: string[];
  readonly json?: boolean;
}): Promise<void> {
  const core = await openLocalCore();
  let result: Out<'disk.usage'>;
  try {
    const hosts = options.host && options.host.length > 0 ? options.host : undefined;
    result = await core.client.call('disk.usage', hosts ? { connectionIds: hosts } : {}, {
      timeoutMs: 200_000,
    });
  } finally {
    await core.close();
  }
  if (options.json) printJson(result.engines);
  else console.log(formatDiskUsage(result.engines));
  warnFailures(result.failures);
  if (result.engines.length === 0)
    throw new CliFailure('No engine answered, so there is no disk use to show (reasons above).', 1);
}
