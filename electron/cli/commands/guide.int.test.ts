import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RawEngine } from '../../../e2e/env/raw-engine';
import { testEnv } from '../../../e2e/env/test-env';
import type { GuidanceAnalysis, ReloadResult } from '../../shared/contract';
import { removeTestContainers, runTestContainer } from '../../services/testing/int-core';
import { runBosun } from '../testing/run-bosun';

const env = testEnv();
const engine = new RawEngine(env.dockerSocketPath);
const created: string[] = [];
const name = `bosun-guide-${randomBytes(3).toString('hex')}`;
let home: string;

const bosun = (args: string[]) => runBosun(args, { home, dockerHost: env.dockerHost });

async function sh(id: string, script: string): Promise<void> {
  const made = await engine.json<{ Id: string }>('POST', `/containers/${id}/exec`, {
    Cmd: ['sh', '-c', script],
  });
  await engine.json('POST', `/exec/${made.value.Id}/start`, { Detach: false, Tty: true });
}

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'bosun-guide-cli-'));
  const id = await runTestContainer(engine, {
    image: env.images.debianNginx,
    hostConfig: {
      NetworkMode: 'bridge',
      PortBindings: { '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }] },
    },
  });
  created.push(id);
  await engine.json('POST', `/containers/${id}/rename?name=${name}`);
});

afterAll(async () => {
  await removeTestContainers(engine, created);
  engine.close();
  await rm(home, { recursive: true, force: true });
});

describe('bosun guide and bosun reload', () => {
  it('guide --json prints the analysis; reload --dry-run validates and sends nothing', async () => {
    const guide = await bosun(['guide', name, '--json']);
    expect(guide.code, guide.stderr).toBe(0);
    const analysis = JSON.parse(guide.stdout) as GuidanceAnalysis;
    expect(analysis.verdict.kind).toBe('reload');
    expect(analysis.programs[0]?.id).toBe('nginx');
    expect(analysis.impact.ports[0]?.containerPort).toBe(80);

    const text = await bosun(['guide', name]);
    expect(text.stdout.split('\n')[0]).toMatch(/^Reload is possible: nginx reloads on SIGHUP/);

    const dry = await bosun(['reload', name, '--dry-run', '--json']);
    expect(dry.code, dry.stderr).toBe(0);
    expect((JSON.parse(dry.stdout) as ReloadResult).outcome).toBe('planned');
    expect(dry.stderr).toContain('validate: Running nginx -t');
  }, 60_000);

  it('reload exits 0 when reloaded and 1 when the config test refuses it', async () => {
    const ok = await bosun(['reload', name]);
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/^nginx reloaded/);
    expect(ok.stdout).toMatch(/probe: \d+ connects to 127\.0\.0\.1:\d+, 0 refused/);

    await sh(created[0]!, "echo 'broken' > /etc/nginx/conf.d/broken.conf");
    const refused = await bosun(['reload', name, '--json']);
    expect(refused.code).toBe(1);
    const result = JSON.parse(refused.stdout) as ReloadResult;
    expect(result.outcome).toBe('refused');
    expect(result.steps[0]?.output).toMatch(/nginx/);
  }, 60_000);
});
