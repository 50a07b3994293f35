import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_LABELS } from '../../../e2e/env/test-env';
import type { ContainerAudit, HostAudit } from '../../shared/contract';
import { removeTestContainers, startIntCore, type IntCore } from '../testing/int-core';

const run = promisify(execFile);

/** What any plain `docker run` of the test image gets: the rules a default container fails. */
const DEFAULTS = ['R12', 'R13', 'R14', 'R19', 'R20', 'R21', 'R22', 'R23', 'R24', 'R29', 'R30'];

let t: IntCore;
let connectionId: string;
let shared: string;
let home: string;
const containers: string[] = [];
const networks: string[] = [];

async function network(): Promise<string> {
  const created = await t.engine.json<{ Id: string }>('POST', '/networks/create', {
    Name: `bosun-audit-${process.pid}-${networks.length}`,
    Labels: { ...TEST_LABELS },
  });
  expect(created.status).toBe(201);
  networks.push(created.value.Id);
  return created.value.Id;
}

/** A labelled busybox container with this host config; started unless `start` is false. */
async function container(
  hostConfig: Record<string, unknown>,
  start = true,
  config: Record<string, unknown> = {},
): Promise<string> {
  const created = await t.engine.json<{ Id?: string; message?: string }>('POST', '/containers/create', {
    Image: t.env.images.busybox,
    Cmd: ['sleep', '3600'],
    Labels: { ...TEST_LABELS },
    ...config,
    HostConfig: { NetworkMode: 'none', ...hostConfig },
  });
  if (!created.value.Id) throw new Error(`create failed: ${created.value.message ?? created.status}`);
  containers.push(created.value.Id);
  if (start) {
    const started = await t.engine.json<{ message?: string }>(
      'POST',
      `/containers/${created.value.Id}/start`,
    );
    if (started.status !== 204) throw new Error(`start failed: ${started.value?.message ?? started.status}`);
  }
  return created.value.Id;
}

const audit = (containerId: string): Promise<ContainerAudit> =>
  t.client.call('audit.container', { connectionId, containerId });
const rules = (result: ContainerAudit): string[] => result.findings.map((f) => f.rule).sort();
const finding = (result: ContainerAudit, rule: string) => result.findings.find((f) => f.rule === rule);

beforeAll(async () => {
  t = await startIntCore();
  connectionId = (await t.client.call('connections.list', {}))[0]!.id;
  shared = await mkdtemp(join(tmpdir(), 'bosun-audit-shared-'));
  home = await mkdtemp(join(tmpdir(), 'bosun-audit-cli-'));
});

afterAll(async () => {
  await removeTestContainers(t.engine, containers);
  await Promise.all(networks.map((id) => t.engine.json('DELETE', `/networks/${id}`)));
  await rm(shared, { recursive: true, force: true });
  await rm(home, { recursive: true, force: true });
  await t.close();
});

describe('audit on the real engine', () => {
  it('flags the engine socket mounted (any docker.sock), as critical with the mount as evidence', async () => {
    const id = await container({ Binds: [`${t.env.dockerSocketPath}:/var/run/docker.sock`] });
    const result = await audit(id);
    expect(finding(result, 'R02')).toMatchObject({
      severity: 'critical',
      evidence: [{ field: 'Mounts[0].Source', value: t.env.dockerSocketPath }],
    });
    expect(rules(result)).toContain('R04');
    expect(result.findings[0]!.severity).toBe('critical');
  });

  it('flags a privileged container (created: this engine cannot start one)', async () => {
    const id = await container({ Privileged: true }, false);
    const result = await audit(id);
    expect(finding(result, 'R01')).toMatchObject({
      severity: 'critical',
      evidence: [{ field: 'HostConfig.Privileged', value: 'true' }],
    });
    expect(result.unchecked.map((u) => u.rule)).toEqual(['R31']);
  });

  it('flags a port published on 0.0.0.0 with the port the engine picked', async () => {
    // What `docker run -p 0.0.0.0::80` sends: the engine publishes only exposed ports.
    const id = await container(
      { NetworkMode: 'bridge', PortBindings: { '80/tcp': [{ HostIp: '0.0.0.0', HostPort: '' }] } },
      true,
      { ExposedPorts: { '80/tcp': {} } },
    );
    const inspected = await t.engine.json<{
      NetworkSettings: { Ports: Record<string, { HostIp: string; HostPort: string }[]> };
    }>('GET', `/containers/${id}/json`);
    const port = inspected.value.NetworkSettings.Ports['80/tcp']![0]!.HostPort;
    const result = await audit(id);
    expect(finding(result, 'R25')?.severity).toBe('medium');
    expect(finding(result, 'R25')?.evidence[0]).toEqual({
      field: 'NetworkSettings.Ports["80/tcp"][0].HostIp',
      value: `0.0.0.0 → host port ${port} (container 80/tcp)`,
    });
    expect(rules(result)).toContain('R27');
  });

  it('flags a host directory written by two containers, on both, naming the other', async () => {
    const a = await container({ Binds: [`${shared}:/data`] });
    const b = await container({ Binds: [`${shared}/:/srv/data`] });
    const [ra, rb] = await Promise.all([audit(a), audit(b)]);
    expect(finding(ra, 'R05')?.evidence[0]?.value).toContain(`${rb.containerName} at /srv/data`);
    expect(finding(rb, 'R05')?.evidence[0]?.value).toContain(`${ra.containerName} at /data`);
    expect(finding(ra, 'R05')?.severity).toBe('medium');
  });

  it('finds nothing beyond the defaults on a plain container, nor on one with an --add-host pin', async () => {
    // Each on a network of its own: two standalone containers on one network would be a flat network (R28).
    const plain = await container({ NetworkMode: await network() });
    const pinned = await container({ NetworkMode: await network(), ExtraHosts: ['db.internal:10.1.2.3'] });
    for (const id of [plain, pinned]) {
      const result = await audit(id);
      expect(rules(result)).toEqual(DEFAULTS);
      expect(result.unchecked).toEqual([]);
    }
  });

  it('audits the whole host through the contract and `bosun audit --json --fail-on high` exits 3', async () => {
    const id = await container({ Binds: [`${t.env.dockerSocketPath}:/var/run/docker.sock:ro`] });
    const host: HostAudit = await t.client.call('audit.host', { connectionIds: [connectionId] });
    expect(host.failures).toEqual([]);
    expect(host.findings.some((f) => f.containerId === id && f.rule === 'R02')).toBe(true);
    expect(host.counts.critical).toBe(host.findings.filter((f) => f.severity === 'critical').length);

    const cli = await run('npm', ['run', '--silent', 'bosun', '--', 'audit', '--json', '--fail-on', 'high'], {
      env: {
        PATH: process.env.PATH,
        HOME: home,
        BOSUN_DATA_DIR: join(home, 'data'),
        DOCKER_HOST: t.env.dockerHost,
      },
      maxBuffer: 64 * 2 ** 20,
    }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: { code?: number; stdout?: string; stderr?: string }) => ({
        code: error.code ?? -1,
        stdout: error.stdout ?? '',
        stderr: error.stderr ?? '',
      }),
    );
    expect(cli.stderr).toMatch(/at or above high/);
    expect(cli.code).toBe(3);
    const printed = JSON.parse(cli.stdout) as HostAudit;
    expect(printed.findings.some((f) => f.containerId === id && f.rule === 'R02')).toBe(true);
  });
});
