import { describe, expect, it } from 'vitest';
import type { ContainerRow, Out } from '../shared/contract';
import { resolveContainers } from './resolve-container';
import { CliFailure } from './output';

function row(connectionId: string, id: string, name: string): ContainerRow {
  return {
    id,
    connectionId,
    name,
    image: 'busybox',
    imageId: 'sha256:0',
    command: 'sh',
    created: 0,
    state: 'running',
    status: 'Up',
    ports: [],
    labels: {},
  };
}

const WEB_A = `abc123${'0'.repeat(58)}`;
const WEB_B = `abc456${'0'.repeat(58)}`;
const DB = `def000${'0'.repeat(58)}`;
const rows = [row('lab', WEB_A, 'web'), row('prod', WEB_B, 'web'), row('lab', DB, 'db')];

/** A client whose containers.list answers `rows`, filtered to the asked connections as the core does. */
const client = {
  call: async (_method: 'containers.list', input: { connectionIds?: string[] }) =>
    ({
      rows: rows.filter((r) => !input.connectionIds || input.connectionIds.includes(r.connectionId)),
      failures: [],
    }) satisfies Out<'containers.list'>,
} as Parameters<typeof resolveContainers>[0];

const failure = async (references: string[], host?: string): Promise<CliFailure> => {
  const error: unknown = await resolveContainers(client, references, host).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof CliFailure)) throw new Error(`expected a CliFailure, got ${String(error)}`);
  return error;
};

describe('resolveContainers', () => {
  it('resolves names, ids and unique id prefixes, with or without a leading slash', async () => {
    const found = await resolveContainers(client, ['db', '/db', 'abc4', WEB_A]);
    expect(found.map((r) => `${r.connectionId}/${r.name}`)).toEqual([
      'lab/db',
      'lab/db',
      'prod/web',
      'lab/web',
    ]);
  });

  it('refuses a name that two engines have, naming both candidates and what to do', async () => {
    const error = await failure(['web']);
    expect(error.message).toBe(
      `"web" matches 2 containers: lab/${WEB_A.slice(0, 12)} (web), prod/${WEB_B.slice(0, 12)} (web). Give a longer id, or --host to pick the engine.`,
    );
    expect(error.exitCode).toBe(1);
    expect((await resolveContainers(client, ['web'], 'prod'))[0]!.id).toBe(WEB_B);
  });

  it('refuses an id prefix that fits two containers, naming them', async () => {
    const error = await failure(['abc']);
    expect(error.message).toContain('"abc" matches 2 containers');
    expect(error.message).toContain(`lab/${WEB_A.slice(0, 12)} (web)`);
    expect(error.message).toContain(`prod/${WEB_B.slice(0, 12)} (web)`);
  });

  it('says when nothing matches, and where it looked', async () => {
    expect((await failure(['cache'])).message).toBe(
      'No container called "cache". `bosun ps -a` lists the containers there are.',
    );
    expect((await failure(['db'], 'prod')).message).toContain('No container called "db" on prod');
  });
});
