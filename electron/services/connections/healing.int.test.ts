import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFaultEngine, type FaultEngine } from '../../../e2e/env/fault-engine';
import { testEnv } from '../../../e2e/env/test-env';
import { startThrowawaySshd, type ThrowawaySshd } from '../../../e2e/env/throwaway-sshd';
import type { Connection } from '../../shared/contract';
import { createTestContainer, removeTestContainers, startIntCore, type IntCore } from '../testing/int-core';
import { handlesGained, openHandles } from '../testing/open-handles';

// Fault tests with Bosun's real defaults (backoff, liveness): an engine of the test's own is stopped and
// started again, an sshd of the test's own is killed and started again, while the core stays up.
// The promise under test: back within 5 s of the service, the list as `docker ps -a` has it, nothing leaked.
const RECOVERY_MS = 5_000;
// Timers come and go with retries and pings; sockets and pipes are what a reconnect could leak.
const SOCKETS = ['PipeWrap', 'TCPWrap'];

let t: IntCore;
let fault: FaultEngine;
let sshd: ThrowawaySshd;
const made: string[] = [];

async function status(id: string): Promise<Connection['status']> {
  const found = (await t.client.call('connections.list', {})).find((c) => c.id === id);
  if (!found) throw new Error(`no connection ${id}`);
  return found.status;
}

/** Polls until the connection is in `state`; resolves with how long that took. */
async function until(id: string, state: Connection['status']['state'], withinMs: number): Promise<number> {
  const started = Date.now();
  for (;;) {
    const current = await status(id);
    if (current.state === state) return Date.now() - started;
    if (Date.now() - started > withinMs)
      throw new Error(
        `${id} is ${current.state} (${current.reason ?? ''}) after ${withinMs} ms, not ${state}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function listedIds(connectionId: string): Promise<string[]> {
  const result = await t.client.call('containers.list', { connectionIds: [connectionId] });
  expect(result.failures).toEqual([]);
  return result.rows.map((row) => `${row.id} ${row.state}`).sort();
}

beforeAll(async () => {
  const env = testEnv();
  fault = await startFaultEngine(env);
  sshd = await startThrowawaySshd(env);
  t = await startIntCore({ DOCKER_HOST: fault.dockerHost });
});

afterAll(async () => {
  await t?.close();
  await removeTestContainers(t?.engine, made).catch(() => undefined);
  await sshd?.dispose();
  await fault?.dispose();
});

describe('connections that heal', () => {
  it('reconnects to an engine stopped and started again, within 5 s, and lists what the engine has', async () => {
    const running = (
      await fault.docker(
        'run',
        '-d',
        '--network',
        'none',
        '--label',
        'io.bosun.test=1',
        // PID 1 ignores SIGTERM: without this, stopping the engine waits 10 s for it.
        '--stop-timeout',
        '1',
        'local/busybox:1',
        'sleep',
        '3600',
      )
    ).trim();
    await until('docker-host', 'connected', 15_000);
    expect(await listedIds('docker-host')).toEqual([`${running} running`]);
    const handles = openHandles(SOCKETS);

    await fault.stop();
    await until('docker-host', 'reconnecting', 3_000);
    const lost = await status('docker-host');
    expect(lost.reason).toBeTruthy();
    expect(lost.retry?.at).toBeGreaterThan(lost.since);
    // Nothing waits on a host that is down: the list answers at once, naming the engine that failed.
    const asked = Date.now();
    const down = await t.client.call('containers.list', {});
    expect(Date.now() - asked).toBeLessThan(1_000);
    expect(down.failures.map((f) => f.connectionId)).toEqual(['docker-host']);

    // Down long enough that a plain doubling backoff (0.5, 1, 2, 4, 8, 16 s…) would sleep through the
    // return: its tries fall at 15.5 s and 31.5 s. Bosun's stay at most 2 s apart for two minutes.
    await new Promise((resolve) => setTimeout(resolve, 17_000));
    await fault.start();
    const took = await until('docker-host', 'connected', 15_000);
    console.log(`engine restart: connected again ${took} ms after the engine answered`);
    expect(took).toBeLessThan(RECOVERY_MS);
    // The container stopped with its engine: the re-list shows it as the engine does.
    const psa = (await fault.docker('ps', '-a', '--no-trunc', '--format', '{{.ID}}')).trim().split('\n');
    expect(psa).toEqual([running]);
    expect(await listedIds('docker-host')).toEqual([`${running} exited`]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(handlesGained(handles, SOCKETS)).toEqual([]);
  });

  it('reconnects through a killed and restarted sshd within 5 s, catches up, and keeps one SSH connection', async () => {
    const added = await t.client.call('connections.add', {
      name: 'behind ssh',
      endpoint: `ssh://${t.env.ssh.user}@127.0.0.1:${sshd.port}`,
      identityFile: t.env.ssh.keyPath,
      remoteSocket: t.env.ssh.remoteDockerSocketPath,
      acceptHostKey: sshd.hostFingerprint,
    });
    const id = added.id;
    await until(id, 'connected', 15_000);
    const sessionsWhenConnected = sshd.sessionProcesses();
    expect(sessionsWhenConnected).toBeGreaterThan(0);
    const handles = openHandles(SOCKETS);

    await sshd.kill();
    await until(id, 'reconnecting', 3_000);
    expect((await status(id)).reason).toMatch(/127\.0\.0\.1/);
    // The other engine keeps working while this one is away.
    const meanwhile = await t.client.call('containers.list', {});
    expect(meanwhile.failures.map((f) => f.connectionId)).toEqual([id]);
    expect((await status('docker-host')).state).toBe('connected');
    // Made while the tunnel is down: only a re-list after the reconnect can show it.
    const missed = await createTestContainer(t.engine, t.env.images.busybox);
    made.push(missed);

    await new Promise((resolve) => setTimeout(resolve, 4_000));
    await sshd.start();
    const took = await until(id, 'connected', 15_000);
    console.log(`sshd restart: connected again ${took} ms after sshd answered`);
    expect(took).toBeLessThan(RECOVERY_MS);
    const psa = await t.engine.json<Array<{ Id: string; State: string }>>('GET', '/containers/json?all=1');
    expect(await listedIds(id)).toEqual(psa.value.map((c) => `${c.Id} ${c.State}`).sort());
    expect(await listedIds(id)).toContain(`${missed} created`);
    // One SSH connection again, not one more per reconnect; and no socket left behind on this side.
    expect(sshd.sessionProcesses()).toBe(sessionsWhenConnected);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(handlesGained(handles, SOCKETS)).toEqual([]);
    expect(t.internalErrors).toEqual([]);
  });
});
