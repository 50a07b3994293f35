import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectionIdSchema } from '../../shared/contract';
import { contextDigest } from './discovery-contexts';
import { discover, dockerHostName, type SystemPaths } from './discovery';
import type { ConnectionSpec } from './spec';

let root: string;
let home: string;
let paths: SystemPaths;

async function put(path: string, content = ''): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, content);
}

async function context(
  name: string,
  host: string,
  options: { skipVerify?: boolean; tls?: string[] } = {},
): Promise<void> {
  const digest = contextDigest(name);
  const meta = {
    Name: name,
    Metadata: {},
    Endpoints: { docker: { Host: host, SkipTLSVerify: options.skipVerify ?? false } },
  };
  await put(join(home, '.docker', 'contexts', 'meta', digest, 'meta.json'), JSON.stringify(meta));
  for (const file of options.tls ?? [])
    await put(join(home, '.docker', 'contexts', 'tls', digest, 'docker', file), 'PEM');
}

async function run(
  env: Record<string, string> = {},
): Promise<{ specs: ConnectionSpec[]; problems: string[] }> {
  return discover({ env: { HOME: home, ...env }, homeDir: home, paths });
}

function byId(specs: ConnectionSpec[], id: string): ConnectionSpec {
  const spec = specs.find((s) => s.id === id);
  if (!spec) throw new Error(`no ${id} in ${specs.map((s) => s.id).join(', ')}`);
  return spec;
}

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'bosun-discovery-'));
  home = join(root, 'home');
  await mkdir(home);
  paths = {
    defaultSocket: join(root, 'var-run', 'docker.sock'),
    podmanRootfulSocket: join(root, 'run-podman', 'podman.sock'),
  };
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('discover', () => {
  it('finds nothing on a machine without engines, and says nothing is wrong', async () => {
    expect(await run()).toEqual({ specs: [], problems: [] });
  });

  it('lists the default socket only when it exists, as the current engine', async () => {
    await put(paths.defaultSocket);
    const { specs } = await run();
    expect(specs).toEqual([
      expect.objectContaining({
        id: 'default-socket',
        source: 'default-socket',
        endpoint: `unix://${paths.defaultSocket}`,
        current: true,
      }),
    ]);
  });

  it('takes DOCKER_HOST unix:// as the current engine', async () => {
    const { specs } = await run({ DOCKER_HOST: 'unix:///run/bosun-test/docker.sock' });
    expect(byId(specs, 'docker-host')).toMatchObject({
      endpoint: 'unix:///run/bosun-test/docker.sock',
      current: true,
      source: 'docker-host',
    });
    expect(byId(specs, 'docker-host').tls).toBeUndefined();
  });

  it('takes DOCKER_HOST tcp:// with DOCKER_TLS_VERIFY and DOCKER_CERT_PATH as TLS', async () => {
    const certs = join(root, 'certs');
    for (const file of ['ca.pem', 'cert.pem', 'key.pem']) await put(join(certs, file), 'PEM');
    const { specs } = await run({
      DOCKER_HOST: 'tcp://127.0.0.1:2376',
      DOCKER_TLS_VERIFY: '1',
      DOCKER_CERT_PATH: certs,
    });
    expect(byId(specs, 'docker-host').tls).toEqual({
      verify: true,
      ca: join(certs, 'ca.pem'),
      cert: join(certs, 'cert.pem'),
      key: join(certs, 'key.pem'),
    });
  });

  it('reads TLS material from ~/.docker when DOCKER_CERT_PATH is not set', async () => {
    await put(join(home, '.docker', 'ca.pem'), 'PEM');
    const { specs } = await run({ DOCKER_HOST: '127.0.0.1:2376', DOCKER_TLS_VERIFY: '1' });
    expect(byId(specs, 'docker-host')).toMatchObject({
      endpoint: 'tcp://127.0.0.1:2376',
      tls: { verify: true, ca: join(home, '.docker', 'ca.pem') },
    });
  });

  it('reads docker contexts with their TLS material and SkipTLSVerify', async () => {
    await context('prod eu', 'tcp://10.0.0.5:2376', { tls: ['ca.pem', 'cert.pem', 'key.pem'] });
    await context('lab', 'tcp://10.0.0.6:2376', { skipVerify: true, tls: ['cert.pem', 'key.pem'] });
    await context('local', 'unix:///run/other.sock');
    const { specs } = await run();
    const tlsDir = join(home, '.docker', 'contexts', 'tls', contextDigest('prod eu'), 'docker');
    expect(byId(specs, 'context-prod-eu')).toMatchObject({
      name: 'prod eu',
      contextName: 'prod eu',
      source: 'context',
      endpoint: 'tcp://10.0.0.5:2376',
      current: false,
      tls: {
        verify: true,
        ca: join(tlsDir, 'ca.pem'),
        cert: join(tlsDir, 'cert.pem'),
        key: join(tlsDir, 'key.pem'),
      },
    });
    expect(byId(specs, 'context-lab').tls).toMatchObject({ verify: false });
    expect(byId(specs, 'context-local').tls).toBeUndefined();
  });

  it('marks config.json currentContext current, and DOCKER_CONTEXT overrides it', async () => {
    await context('a', 'tcp://10.0.0.1:2375');
    await context('b', 'tcp://10.0.0.2:2375');
    await put(paths.defaultSocket);
    await put(join(home, '.docker', 'config.json'), JSON.stringify({ currentContext: 'a', auths: {} }));
    let { specs } = await run();
    expect(specs.filter((s) => s.current).map((s) => s.id)).toEqual(['context-a']);
    ({ specs } = await run({ DOCKER_CONTEXT: 'b' }));
    expect(specs.filter((s) => s.current).map((s) => s.id)).toEqual(['context-b']);
    ({ specs } = await run({ DOCKER_CONTEXT: 'default' }));
    expect(specs.filter((s) => s.current).map((s) => s.id)).toEqual(['default-socket']);
    ({ specs } = await run({ DOCKER_CONTEXT: 'b', DOCKER_HOST: 'tcp://10.0.0.9:2375' }));
    expect(specs.filter((s) => s.current).map((s) => s.id)).toEqual(['docker-host']);
  });

  it('honours DOCKER_CONFIG', async () => {
    const config = join(root, 'elsewhere');
    const meta = { Name: 'x', Endpoints: { docker: { Host: 'tcp://10.1.1.1:2375' } } };
    await put(join(config, 'contexts', 'meta', contextDigest('x'), 'meta.json'), JSON.stringify(meta));
    const { specs } = await run({ DOCKER_CONFIG: config });
    expect(specs.map((s) => s.id)).toEqual(['context-x']);
  });

  it('survives a broken config.json: contexts are still listed, the problem is reported', async () => {
    await context('a', 'tcp://10.0.0.1:2375');
    await put(join(home, '.docker', 'config.json'), '{ "currentContext": ');
    const { specs, problems } = await run();
    expect(specs.map((s) => s.id)).toEqual(['context-a']);
    expect(problems).toEqual([expect.stringContaining('config.json cannot be read')]);
  });

  it('reports a broken meta.json as an unavailable connection and keeps the others', async () => {
    await context('good', 'tcp://10.0.0.1:2375');
    const dir = 'f'.repeat(64);
    await put(join(home, '.docker', 'contexts', 'meta', dir, 'meta.json'), 'not json');
    await put(
      join(home, '.docker', 'contexts', 'meta', 'e'.repeat(64), 'meta.json'),
      JSON.stringify({ Name: 42 }),
    );
    const { specs } = await run();
    expect(byId(specs, 'context-good').blocked).toBeUndefined();
    const broken = specs.filter((s) => s.blocked);
    expect(broken).toHaveLength(2);
    for (const spec of broken) {
      expect(spec.blocked?.reason).toMatch(/meta\.json cannot be read/);
      expect(connectionIdSchema.safeParse(spec.id).success).toBe(true);
    }
  });

  it('lists a current context that does not exist as unavailable, honestly', async () => {
    const { specs } = await run({ DOCKER_CONTEXT: 'ghost' });
    expect(specs).toEqual([
      expect.objectContaining({
        id: 'context-ghost',
        current: true,
        blocked: expect.objectContaining({ reason: expect.stringContaining('DOCKER_CONTEXT') }),
      }),
    ]);
  });

  it('lists ssh:// endpoints as unavailable with the reason, from DOCKER_HOST and contexts', async () => {
    await context('remote', 'ssh://me@build-box');
    const { specs } = await run({ DOCKER_HOST: 'ssh://me@other-box:2222' });
    for (const id of ['docker-host', 'context-remote']) {
      expect(byId(specs, id).blocked?.reason).toContain('SSH engines are not supported in this build yet');
    }
  });

  it('reports a malformed DOCKER_HOST instead of dropping it', async () => {
    const { specs } = await run({ DOCKER_HOST: 'tcp://host:99999' });
    expect(byId(specs, 'docker-host')).toMatchObject({
      endpoint: 'tcp://host:99999',
      blocked: { reason: expect.stringContaining('1 to 65535') },
    });
  });

  it('finds Podman under XDG_RUNTIME_DIR, else the rootful socket', async () => {
    await put(paths.podmanRootfulSocket);
    let { specs } = await run();
    expect(byId(specs, 'podman')).toMatchObject({
      endpoint: `unix://${paths.podmanRootfulSocket}`,
      source: 'podman',
      current: false,
    });
    const runtime = join(root, 'xdg');
    await put(join(runtime, 'podman', 'podman.sock'));
    ({ specs } = await run({ XDG_RUNTIME_DIR: runtime }));
    expect(specs.filter((s) => s.source === 'podman')).toEqual([
      expect.objectContaining({ id: 'podman', endpoint: `unix://${join(runtime, 'podman', 'podman.sock')}` }),
    ]);
  });

  it('lists one engine once, from its most specific source, keeping the current flag', async () => {
    await put(paths.defaultSocket);
    await context('mine', `unix://${paths.defaultSocket}`);
    const { specs } = await run({ DOCKER_HOST: `unix://${paths.defaultSocket}` });
    expect(specs).toEqual([expect.objectContaining({ id: 'context-mine', current: true })]);
  });

  it('sees through symlinked socket paths when deduplicating', async () => {
    await put(paths.defaultSocket);
    const link = join(root, 'link.sock');
    await symlink(paths.defaultSocket, link);
    const { specs } = await run({ DOCKER_HOST: `unix://${link}` });
    expect(specs.map((s) => s.id)).toEqual(['docker-host']);
  });

  it('gives contexts with the same slug distinct ids', async () => {
    await context('Prod', 'tcp://10.0.0.1:2375');
    await context('prod', 'tcp://10.0.0.2:2375');
    const { specs } = await run();
    expect(specs.map((s) => s.id).sort()).toEqual(['context-prod', 'context-prod-2']);
  });
});

describe('dockerHostName', () => {
  it('names the engine by where it is', () => {
    expect(dockerHostName('unix:///run/user/1000/docker.sock')).toBe('Local Docker');
    expect(dockerHostName('tcp://build.lan:2376')).toBe('build.lan:2376');
    expect(dockerHostName('ssh://ops@prod-1')).toBe('ops@prod-1');
    expect(dockerHostName('tcp://')).toBe('DOCKER_HOST');
  });

  it('tells two local engines apart by where they were found', async () => {
    const paths: SystemPaths = {
      defaultSocket: join(home, 'docker.sock'),
      podmanRootfulSocket: join(home, 'podman.sock'),
    };
    await writeFile(paths.defaultSocket, '');
    const { specs } = await discover({
      env: { DOCKER_HOST: `unix://${join(home, 'other.sock')}` },
      homeDir: home,
      paths,
    });
    expect(specs.map((spec) => spec.name).sort()).toEqual([
      'Local Docker (DOCKER_HOST)',
      'Local Docker (default socket)',
    ]);
  });
});
