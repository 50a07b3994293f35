import { describe, expect, it } from 'vitest';
import type { ContainerRow, InspectResult } from '../../shared/contract';
import { buildSummary } from '../../services/inspect/build-summary';
import shopWeb from '../../services/inspect/fixtures/shop-web.inspect.json' with { type: 'json' };
import type { InspectDocument } from '../../services/inspect/inspect-engine';
import { renderInspect, styleFor } from './inspect';

function result(edit: (doc: InspectDocument) => void = () => undefined): InspectResult {
  const doc = structuredClone(shopWeb) as InspectDocument;
  edit(doc);
  const { summary, secrets } = buildSummary(doc, { entrypoint: null, cmd: ['sh'] }, { reveal: false });
  return { summary, raw: doc, secrets, revealed: false };
}

const row = { id: shopWeb.Id, connectionId: 'docker-host' } as ContainerRow;

describe('renderInspect', () => {
  it('aligns the keys of each section and indents continuation lines under the value', () => {
    const text = renderInspect(
      result((doc) => {
        const health = (doc['State'] as { Health: { Log: { Output: string }[] } }).Health;
        health.Log[2]!.Output = 'first line\nsecond line\n';
      }),
      row,
    );
    const lines = text.split('\n');
    const at = lines.findIndex((line) => line === 'Latest health checks');
    expect(lines[at + 1]).toBe('  2026-11-24 21:22:26 UTC  exit 1 · 53 ms');
    expect(lines[at + 2]).toBe('                           first line');
    expect(lines[at + 3]).toBe('                           second line');
    expect(text).toContain('  Memory limit         256 MiB');
    expect(text).toContain('  Memory + swap limit  512 MiB');
  });

  it('neutralises control characters an engine could put in a label', () => {
    const text = renderInspect(
      result((doc) => {
        (doc['Config'] as { Labels: Record<string, string> }).Labels['evil\u001b]0;x\u0007'] = 'a\u001b[2Jb';
      }),
      row,
    );
    expect(text).not.toContain('\u001b');
    expect(text).toContain('evil\uFFFD]0;x\uFFFD');
  });

  it('colours only on a terminal without NO_COLOR, and dims masked values', () => {
    const tty = { isTTY: true } as NodeJS.WriteStream;
    const pipe = { isTTY: false } as NodeJS.WriteStream;
    expect(renderInspect(result(), row, styleFor(pipe, {}))).not.toContain('\u001b');
    expect(renderInspect(result(), row, styleFor(tty, { NO_COLOR: '1' }))).not.toContain('\u001b');
    const coloured = renderInspect(result(), row, styleFor(tty, {}));
    expect(coloured).toContain('\u001b[1mEnvironment\u001b[22m');
    const secretLine = coloured.split('\n').find((line) => line.startsWith('  DB_PASSWORD '));
    expect(secretLine?.endsWith('\u001b[2m********\u001b[22m')).toBe(true);
  });
});
