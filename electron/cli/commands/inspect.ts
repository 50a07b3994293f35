import type { ContainerRow, InspectResult } from '../../shared/contract';
import { inspectSections, type InspectSection } from '../../shared/format/inspect-sections';
import { secretsSentence } from '../../shared/format/inspect-text';
import { openLocalCore } from '../local-core';
import { CliFailure, printJson } from '../output';
import { printable } from '../printable';
import { resolveContainers } from '../resolve-container';
import { displayWidth } from '../table';

export interface InspectOptions {
  readonly host?: string;
  readonly json?: boolean;
  readonly reveal?: boolean;
}

/** Keys longer than this do not push every value of their section to the right; their value follows them. */
const MAX_KEY_WIDTH = 24;

export interface Style {
  title(text: string): string;
  faint(text: string): string;
}

const PLAIN: Style = { title: (text) => text, faint: (text) => text };
const ANSI: Style = {
  title: (text) => `\u001b[1m${text}\u001b[22m`,
  faint: (text) => `\u001b[2m${text}\u001b[22m`,
};

/** Colour only on a terminal, and never when NO_COLOR is set (no-color.org). */
export function styleFor(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv): Style {
  return stream.isTTY === true && !env['NO_COLOR'] ? ANSI : PLAIN;
}

function renderSection(section: InspectSection, style: Style): string[] {
  const lines = [style.title(section.title)];
  if (section.rows.length === 0) {
    lines.push(`  ${style.faint(printable(section.empty ?? 'none'))}`);
    return lines;
  }
  const width = Math.min(MAX_KEY_WIDTH, Math.max(...section.rows.map((row) => displayWidth(row.key))));
  for (const row of section.rows) {
    const key = printable(row.key);
    const gap = ' '.repeat(Math.max(2, width - displayWidth(key) + 2));
    const [first = '', ...rest] = row.value.split('\n').map(printable);
    const value = row.secret === 'masked' ? style.faint(first) : first;
    lines.push(`  ${key}${gap}${value}`.trimEnd());
    const indent = ' '.repeat(2 + width + 2);
    for (const more of rest) lines.push(`${indent}${style.faint(more)}`.trimEnd());
  }
  return lines;
}

/** The summary for people: titled sections with aligned keys, as the Inspect tab shows them. */
export function renderInspect(result: InspectResult, row: ContainerRow, style: Style = PLAIN): string {
  const heading = `${printable(result.summary.name)} · ${row.id.slice(0, 12)} · ${printable(row.connectionId)}`;
  const blocks = inspectSections(result.summary).map((section) => renderSection(section, style).join('\n'));
  const secrets = secretsSentence(result.secrets, result.revealed);
  const footer =
    secrets && !result.revealed ? [`${secrets} Add --reveal to show them.`] : secrets ? [secrets] : [];
  return [style.title(heading), '', blocks.join('\n\n'), ...(footer.length ? ['', ...footer] : [])].join(
    '\n',
  );
}

/**
 * `bosun inspect CONTAINER`: the summary the app shows, or with --json the engine's document as
 * `docker inspect` prints it (an array with one object), secrets masked unless --reveal.
 */
export async function inspectCommand(reference: string, options: InspectOptions): Promise<void> {
  const core = await openLocalCore();
  let row: ContainerRow;
  let result: InspectResult;
  try {
    [row] = (await resolveContainers(core.client, [reference], options.host)) as [ContainerRow];
    result = await core.client.call('containers.inspect', {
      connectionId: row.connectionId,
      containerId: row.id,
      reveal: options.reveal === true,
    });
  } finally {
    await core.close();
  }
  if (options.json) {
    if (!result.raw) {
      throw new CliFailure(result.summary.notes.at(-1) ?? 'The raw document is too large to print.', 1);
    }
    printJson([result.raw]);
    return;
  }
  process.stdout.write(`${renderInspect(result, row, styleFor(process.stdout, process.env))}\n`);
}
