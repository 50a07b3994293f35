import { randomUUID } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_LABELS } from '../../../e2e/env/test-env';
import type { GuidanceProgress } from '../../shared/contract';
import { removeTestContainers, runTestContainer, startIntCore, type IntCore } from '../testing/int-core';

let t: IntCore;
let connectionId: string;
const created: string[] = [];
const sockets: Socket[] = [];

const PUBLISH_80 = {
  NetworkMode: 'bridge',
  PortBindings: { '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }] },
};

async function hostPort(id: string, port: string): Promise<number> {
  const { value } = await t.engine.json<{
    NetworkSettings: { Ports: Record<string, { HostPort: string }[]> };
  }>('GET', `/containers/${id}/json`);
  return Number(value.NetworkSettings.Ports[port]![0]!.HostPort);
}

async function top(id: string): Promise<{ pid: number; ppid: number; command: string }[]> {
  const { value } = await t.engine.json<{ Processes: string[][] }>(
    'GET',
    `/containers/${id}/top?ps_args=${encodeURIComponent('-eo pid,ppid,args')}`,
  );
  return value.Processes.map(([pid, ppid, command]) => ({
    pid: Number(pid),
    ppid: Number(ppid),
    command: command!,
  }));
}

const master = async (id: string) => (await top(id)).find((p) => p.command.startsWith('nginx: master'))!;
const workers = async (id: string) => {
  const m = await master(id);
  return (await top(id))
    .filter((p) => p.ppid === m.pid)
    .map((p) => p.pid)
    .sort();
};

/** Runs a shell command in the container (no TTY) and answers its exit code. */
async function sh(id: string, script: string): Promise<number> {
  const made = await t.engine.json<{ Id: string }>('POST', `/containers/${id}/exec`, {
    Cmd: ['sh', '-c', script],
  });
  await t.engine.json('POST', `/exec/${made.value.Id}/start`, { Detach: false, Tty: true });
  for (let i = 0; i < 100; i++) {
    const { value } = await t.engine.json<{ ExitCode: number | null; Running: boolean }>(
      'GET',
      `/exec/${made.value.Id}/json`,
    );
    if (!value.Running && value.ExitCode !== null) return value.ExitCode;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${script} did not finish`);
}

/** Waits until the port accepts; keeps the connection open (a client a restart would cut). */
async function holdConnection(port: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const socket = await new Promise<Socket | undefined>((resolve) => {
      const s = connect({ host: '127.0.0.1', port });
      s.once('connect', () => resolve(s));
      s.once('error', () => resolve(undefined));
    });
    if (socket) {
      sockets.push(socket);
      return;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`port ${port} never accepted`);
}

async function waitForNginx(id: string): Promise<void> {
  await expect
    .poll(async () => (await workers(id).catch(() => [])).length, { timeout: 10_000 })
    .toBeGreaterThan(0);
}

beforeAll(async () => {
  t = await startIntCore();
  connectionId = (await t.client.call('connections.list', {}))[0]!.id;
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  if (!t) return;
  await removeTestContainers(t.engine, created);
  await t.close();
  expect(t.internalErrors).toEqual([]);
});

describe('guidance on real containers', () => {
  it('nginx as PID 1: HUP reload keeps the master PID, new workers, the probe sees zero refused connections', async () => {
    const id = await runTestContainer(t.engine, { image: t.env.images.debianNginx, hostConfig: PUBLISH_80 });
    created.push(id);
    await waitForNginx(id);
    const port = await hostPort(id, '80/tcp');
    await holdConnection(port);

    const analysis = await t.client.call('guidance.analyze', { connectionId, containerId: id });
    expect(analysis.verdict.kind).toBe('reload');
    expect(analysis.verdict.plan?.kind).toBe('signal-pid1');
    expect(analysis.delivery.pid1.kind).toBe('program');
    expect(analysis.programs[0]).toMatchObject({
      id: 'nginx',
      confidence: 'process',
      configTest: 'nginx -t',
    });
    expect(analysis.impact.ports).toEqual([
      { containerPort: 80, protocol: 'tcp', hostIp: '127.0.0.1', hostPort: port },
    ]);
    expect(analysis.impact.openConnections).toBeGreaterThanOrEqual(1);
    expect(analysis.delivery.configSources.find((s) => s.path === '/etc/nginx/nginx.conf')?.kind).toBe(
      'image',
    );

    const before = await master(id);
    const oldWorkers = await workers(id);
    const runId = randomUUID();
    const progress: GuidanceProgress[] = [];
    const sub = t.client.subscribe('guidance.progress', { runId }, (p) => progress.push(p));
    const result = await t.client.call('guidance.reload', { connectionId, containerId: id, runId });
    sub.close();
    expect(result.outcome, result.message).toBe('reloaded');
    expect(result.steps.map((s) => [s.step, s.status])).toEqual([
      ['validate', 'ok'],
      ['reload', 'ok'],
      ['verify', 'ok'],
    ]);
    expect(result.pidBefore).toBe(before.pid);
    expect(result.pidAfter).toBe(before.pid);
    expect((await master(id)).pid).toBe(before.pid);
    expect(await workers(id)).not.toEqual(oldWorkers);
    expect(result.probe?.refused).toBe(0);
    expect(result.probe?.attempts).toBeGreaterThan(10);
    expect(result.probe?.targets).toEqual([`127.0.0.1:${port}`]);
    expect(progress.map((p) => p.step)).toEqual(['validate', 'reload', 'verify']);

    // A broken config is caught by nginx -t: nothing is sent, master and workers stay, the file stays broken.
    expect(await sh(id, "echo 'this is not nginx;' > /etc/nginx/conf.d/broken.conf")).toBe(0);
    const steady = await workers(id);
    const refused = await t.client.call('guidance.reload', { connectionId, containerId: id });
    expect(refused.outcome).toBe('refused');
    expect(refused.steps).toHaveLength(1);
    expect(refused.steps[0]).toMatchObject({ step: 'validate', status: 'failed' });
    expect(refused.steps[0]?.output).toMatch(/unknown directive "this"/);
    expect(refused.message).toMatch(/nothing was sent/);
    await new Promise((r) => setTimeout(r, 500));
    expect((await master(id)).pid).toBe(before.pid);
    expect(await workers(id)).toEqual(steady);
    expect(await sh(id, 'test -f /etc/nginx/conf.d/broken.conf')).toBe(0);
  }, 60_000);

  it('nginx behind sh -c: a signal to PID 1 is dropped, Bosun reloads through the master PID', async () => {
    const id = await runTestContainer(t.engine, {
      image: t.env.images.debianNginx,
      cmd: ['sh', '-c', 'nginx -g "daemon off;"; exit $?'],
      hostConfig: PUBLISH_80,
    });
    created.push(id);
    await waitForNginx(id);
    const analysis = await t.client.call('guidance.analyze', { connectionId, containerId: id });
    expect(analysis.delivery.pid1.kind).toBe('shell');
    expect(analysis.delivery.pid1.forwardsSignals).toBe(false);
    expect(analysis.verdict.plan?.kind).toBe('exec-kill');

    // What Bosun avoids: HUP through the kill API reaches sh, which drops it; the workers stay.
    const unchanged = await workers(id);
    await t.engine.json('POST', `/containers/${id}/kill?signal=HUP`);
    await new Promise((r) => setTimeout(r, 700));
    expect(await workers(id)).toEqual(unchanged);

    const before = await master(id);
    const result = await t.client.call('guidance.reload', { connectionId, containerId: id });
    expect(result.outcome, result.message).toBe('reloaded');
    expect(result.steps[1]?.message).toMatch(/^Ran kill -HUP \d+ in the container/);
    expect(result.pidAfter).toBe(before.pid);
    expect(await workers(id)).not.toEqual(unchanged);
    expect(result.probe?.refused).toBe(0);
  }, 60_000);

  it('a program with no reload: guidance says restart and shows the impact; the restart is measured', async () => {
    // busybox nc as a persistent echo server: a listener Bosun knows no reload for.
    // Created here: the busybox image exposes no port, and a binding needs ExposedPorts on this engine.
    const made = await t.engine.json<{ Id: string }>('POST', '/containers/create', {
      Image: t.env.images.busybox,
      Cmd: ['nc', '-ll', '-p', '8080', '-e', 'cat'],
      ExposedPorts: { '8080/tcp': {} },
      // nc as PID 1 ignores SIGTERM: a short grace keeps the restart quick.
      StopTimeout: 1,
      Labels: { ...TEST_LABELS },
      HostConfig: {
        NetworkMode: 'bridge',
        PortBindings: { '8080/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }] },
      },
    });
    const id = made.value.Id;
    created.push(id);
    await t.engine.json('POST', `/containers/${id}/start`);
    const port = await hostPort(id, '8080/tcp');
    await holdConnection(port);
    const analysis = await t.client.call('guidance.analyze', { connectionId, containerId: id });
    // Port 8080 hints at several programs; a guess by port never decides the verdict.
    expect(analysis.programs.every((p) => p.confidence === 'port')).toBe(true);
    expect(analysis.verdict).toEqual({
      kind: 'restart',
      sentence:
        'A restart is needed because Bosun does not recognise the program in this container (PID 1: nc -ll -p 8080 -e cat), so it knows no safe way to reload it.',
    });
    expect(analysis.impact.ports).toEqual([
      { containerPort: 8080, protocol: 'tcp', hostIp: '127.0.0.1', hostPort: port },
    ]);
    expect(analysis.impact.openConnections).toBe(1);
    expect(analysis.impact.summary).toContain(`127.0.0.1:${port}→8080/tcp`);
    expect(analysis.impact.summary).toContain('1 open connection now');

    const refused = await t.client.call('guidance.reload', { connectionId, containerId: id });
    expect(refused.outcome).toBe('refused');
    expect(refused.message).toMatch(/Nothing was sent\.$/);

    const restarted = await t.client.call('guidance.restart', { connectionId, containerId: id });
    expect(restarted.outcome, restarted.message).toBe('restarted');
    expect(restarted.downtimeMs).toBeGreaterThan(0);
    expect(restarted.probe?.refused).toBeGreaterThan(0);
  }, 90_000);

  it('counts open connections through the toolbox when the image has no cat', async () => {
    const id = await runTestContainer(t.engine, {
      image: t.env.images.noshell,
      hostConfig: {
        NetworkMode: 'bridge',
        PortBindings: { '8080/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }] },
      },
    });
    created.push(id);
    await holdConnection(await hostPort(id, '8080/tcp'));
    const analysis = await t.client.call('guidance.analyze', { connectionId, containerId: id });
    expect(analysis.impact.connectionsNote, analysis.impact.connectionsNote).toMatch(/toolbox/);
    expect(analysis.impact.openConnections, analysis.impact.connectionsNote).toBe(1);
  }, 90_000);
});
