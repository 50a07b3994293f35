import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { connectionsHarness, rejection, type ConnectionsHarness } from '../testing/connections-harness';
import { FakeEngine } from '../testing/fake-engine';
import type { SshSupport } from './connections-service';
import type { ConnectionSpec } from './spec';

let h: ConnectionsHarness | undefined;

afterEach(async () => {
  await h?.dispose();
  h = undefined;
});

const PRINT = 'SHA256:YRLE7Kdx8tP1Qd+YbW5+gK+55CB5LRScd6tAkqtSCB0';

function unknownKey(): AppError {
  return new AppError('HOST_KEY_UNKNOWN', 'The SSH host key of [box]:2222 is not known yet.', {
    host: '[box]:2222',
    keyType: 'ssh-ed25519',
    fingerprint: PRINT,
    reason: 'The SSH host key of [box]:2222 is not known yet.',
    hint: 'Compare it.',
  });
}

/** SSH support that accepts only PRINT, and records what it was asked. */
function support(calls: { spec: ConnectionSpec; accept?: string }[]): SshSupport {
  return {
    checkHostKey(spec, accept) {
      calls.push({ spec, ...(accept ? { accept } : {}) });
      return accept === PRINT ? Promise.resolve() : Promise.reject(unknownKey());
    },
    probe: () => Promise.resolve([{ step: 'SSH login', ok: false, detail: 'refused' }]),
  };
}

describe('ConnectionsService with SSH support', () => {
  it('refuses an ssh:// host whose key is unknown, saving nothing, and adds it once that key is accepted', async () => {
    const calls: { spec: ConnectionSpec; accept?: string }[] = [];
    h = await connectionsHarness({}, undefined, { ssh: support(calls) });
    const { service } = h;
    const input = { name: 'Box', endpoint: 'ssh://me@box:2222', identityFile: '/etc/hostname' };
    const refused = await rejection(service.add(input));
    expect(refused.code).toBe('HOST_KEY_UNKNOWN');
    expect(await service.list()).toEqual([]);
    const added = await service.add({ ...input, acceptHostKey: PRINT });
    expect(added).toMatchObject({ id: 'box', endpoint: 'ssh://me@box:2222', status: { state: 'connected' } });
    expect(calls.at(-1)?.spec).toMatchObject({ target: { kind: 'ssh', host: 'box', port: 2222 } });
    const file = JSON.parse(await readFile(join(h.test.platform.dataDir, 'connections.json'), 'utf8'));
    expect(file.connections).toEqual([
      { id: 'box', name: 'Box', endpoint: 'ssh://me@box:2222', ssh: { identityFile: '/etc/hostname' } },
    ]);
  });

  it('checks ssh-only inputs: absolute identity file, plain remote socket, nothing ssh-only on other endpoints', async () => {
    h = await connectionsHarness({}, undefined, { ssh: support([]) });
    const { service } = h;
    const bad = [
      { name: 'a', endpoint: 'ssh://me@box', identityFile: 'id_ed25519' },
      { name: 'b', endpoint: 'ssh://me@box', identityFile: '/nonexistent/key' },
      { name: 'c', endpoint: 'ssh://me@box', remoteSocket: '/var/run/../docker.sock' },
      { name: 'd', endpoint: 'tcp://127.0.0.1:2375', identityFile: '/etc/hostname' },
      { name: 'e', endpoint: 'tcp://127.0.0.1:2375', acceptHostKey: PRINT },
    ];
    for (const input of bad) expect((await rejection(service.add(input))).code).toBe('INVALID_ARGUMENT');
    expect(await service.list()).toEqual([]);
  });

  it('dials discovered ssh:// engines and shows a host key problem on the status', async () => {
    const engine = new FakeEngine();
    engine.versionError = unknownKey();
    h = await connectionsHarness({ DOCKER_HOST: 'ssh://me@box:2222' }, () => engine, { ssh: support([]) });
    const { service } = h;
    await service.list();
    await service.get('docker-host')!.ready();
    const [remote] = await service.list();
    expect(remote?.status).toMatchObject({
      state: 'unavailable',
      retryable: true,
      hostKey: { problem: 'unknown', host: '[box]:2222', keyType: 'ssh-ed25519', fingerprint: PRINT },
    });
  });

  it('tests step by step and stops at the first failed SSH step, never building an engine', async () => {
    const built: ConnectionSpec[] = [];
    h = await connectionsHarness(
      {},
      (spec) => {
        built.push(spec);
        return new FakeEngine();
      },
      { ssh: support([]) },
    );
    const { service } = h;
    await service.add({ name: 'Box', endpoint: 'ssh://me@box:2222', acceptHostKey: PRINT });
    const before = built.length;
    expect(await service.test('box')).toEqual({
      ok: false,
      steps: [{ step: 'SSH login', ok: false, detail: 'refused' }],
    });
    expect(built.length).toBe(before);
    await service.add({ name: 'Local', endpoint: 'tcp://127.0.0.1:2375' });
    const local = await service.test('local');
    expect(local.ok).toBe(true);
    expect(local.steps.map((step) => step.step)).toEqual(['engine']);
  });

  it('loads stored ssh:// connections', async () => {
    h = await connectionsHarness({}, undefined, { ssh: support([]) });
    await mkdir(h.test.platform.dataDir, { recursive: true });
    await writeFile(
      join(h.test.platform.dataDir, 'connections.json'),
      JSON.stringify({ version: 1, connections: [{ id: 'box', name: 'Box', endpoint: 'ssh://me@box' }] }),
    );
    const again = h.make();
    expect((await again.list()).map((c) => [c.id, c.endpoint])).toEqual([['box', 'ssh://me@box']]);
    await again.dispose();
  });
});
