import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RawEngine } from '../../../e2e/env/raw-engine';
import { testEnv } from '../../../e2e/env/test-env';
import type { ImageRow } from '../../shared/contract';
import { TestResources } from '../../services/testing/int-resources';
import { runBosun } from '../testing/run-bosun';

const env = testEnv();
const engine = new RawEngine(env.dockerSocketPath);
const res = new TestResources(engine);
let home: string;

const bosun = (args: string[]) => runBosun(args, { home, dockerHost: env.dockerHost });
const status = async (path: string): Promise<number> => (await engine.json('GET', path)).status;

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'bosun-cli-res-'));
});

afterAll(async () => {
  await res.cleanup();
  engine.close();
  await rm(home, { recursive: true, force: true });
});

describe('bosun images | image prune', () => {
  it('--json lists what the engine has, with the containers using each image', async () => {
    const user = await res.container(`bosun-cli-img-${res.run}`);
    const result = await bosun(['images', '--json']);
    expect(result.code).toBe(0);
    const rows = JSON.parse(result.stdout) as ImageRow[];
    const raw = await engine.json<{ Id: string }[]>('GET', '/images/json');
    expect(rows.map((r) => r.id).sort()).toEqual(raw.value.map((i) => i.Id).sort());
    const busybox = rows.find((r) => r.repoTags.includes('local/busybox:1'))!;
    expect(busybox.containers.map((c) => c.id)).toContain(user);
  });

  it('prune prints what would go and exits 1 without --force; removes only this run with it', async () => {
    const from = await res.container();
    const dangling = await res.image(from);
    const dry = await bosun(['image', 'prune', '--filter', `label=${res.filter}`]);
    expect(dry.code).toBe(1);
    expect(dry.stdout).toContain(`<none> (${dangling.slice(7, 19)})`);
    expect(dry.stderr).toContain('Run again with --force');
    expect(await status(`/images/${dangling}/json`)).toBe(200);

    const done = await bosun(['image', 'prune', '--force', '--filter', `label=${res.filter}`]);
    expect(done.code).toBe(0);
    expect(done.stdout).toContain(`<none> (${dangling.slice(7, 19)}): removed`);
    expect(done.stdout).toMatch(/Total reclaimed space: \d/);
    expect(await status(`/images/${dangling}/json`)).toBe(404);
  });
});

describe('bosun volumes | volume rm', () => {
  it('lists a volume with its user, refuses to remove it while used, removes it once free', async () => {
    const name = `bosun-cli-vol-${res.run}`;
    await res.volume(name);
    const user = await res.running({ Mounts: [{ Type: 'volume', Source: name, Target: '/data' }] });
    const listed = await bosun(['volumes']);
    expect(listed.stdout).toMatch(new RegExp(`${name}\\s+local\\s+\\S`));
    const refused = await bosun(['volume', 'rm', name]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`The volume ${name} is used by`);
    await engine.json('DELETE', `/containers/${user}?force=1`);
    expect(await bosun(['volume', 'rm', name])).toMatchObject({ code: 0, stdout: `${name}: removed\n` });
  });
});

describe('bosun networks | network rm | df', () => {
  it('shows a network with its subnet and the container on it', async () => {
    const name = `bosun-cli-net-${res.run}`;
    const id = await res.network(name);
    await res.running({ NetworkMode: name });
    const { value } = await engine.json<{ IPAM: { Config: { Subnet: string }[] } }>('GET', `/networks/${id}`);
    const listed = await bosun(['networks', '--host', 'docker-host']);
    expect(listed.code).toBe(0);
    const line = listed.stdout.split('\n').find((l) => l.includes(name))!;
    expect(line).toContain(value.IPAM.Config[0]!.Subnet);
  });

  it('refuses the built-in networks, saying why', async () => {
    const result = await bosun(['network', 'rm', 'host']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("host is one of the engine's own networks");
  });

  it('df --json counts what the engine reports', async () => {
    const result = await bosun(['df', '--json']);
    expect(result.code).toBe(0);
    const [usage] = JSON.parse(result.stdout) as { connectionId: string; images: { count: number } }[];
    const raw = await engine.json<{ Images: unknown[] }>('GET', '/system/df');
    expect(usage).toMatchObject({ connectionId: 'docker-host', images: { count: raw.value.Images.length } });
  });
});
