import { mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { connect, createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Client } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RawEngine } from '../../../e2e/env/raw-engine';
import { testEnv, type TestEnv } from '../../../e2e/env/test-env';
import { freeLoopbackPort, startThrowawaySshd, type ThrowawaySshd } from '../../../e2e/env/throwaway-sshd';
import type { AppError } from '../../shared/errors';
import type { ContainerEngine, EngineEvent } from '../containers/container-engine';
import type { ConnectionSpec } from '../connections/spec';
import { removeTestContainers, runTestContainer } from '../testing/int-core';
import { KnownHostsStore } from './known-hosts-store';
import { forwardLocalPort } from './local-forward';
import { createSshEngine, leaseTunnel, sshSupport, type SshDeps } from './ssh-engine';
import { SshPool } from './ssh-pool';
import { rejection } from '../testing/rejection';

// Throwaway sshds on loopback in front of the test engine: one that forwards, one that forbids
// stream-local forwarding (the dial-stdio fallback), one that also has no docker CLI on its PATH.
let env: TestEnv;
let raw: RawEngine;
let dir: string;
const sshds: ThrowawaySshd[] = [];
const pools: SshPool[] = [];
const created: string[] = [];
const servers: Server[] = [];

async function sshd(config: string[] = []): Promise<ThrowawaySshd> {
  const server = await startThrowawaySshd(env, { config });
  sshds.push(server);
  return server;
}

function pool(): SshPool {
  const made = new SshPool();
  pools.push(made);
  return made;
}

function specFor(server: ThrowawaySshd, remoteSocket = env.ssh.remoteDockerSocketPath): ConnectionSpec {
  return {
    id: `ssh-${server.port}`,
    name: 'Throwaway',
    endpoint: `ssh://${env.ssh.user}@127.0.0.1:${server.port}`,
    target: { kind: 'ssh', user: env.ssh.user, host: '127.0.0.1', port: server.port },
    source: 'user',
    current: false,
    ssh: { identityFile: env.ssh.keyPath, remoteSocket },
  };
}

function depsFor(server: ThrowawaySshd, shared?: SshPool): SshDeps {
  return {
    knownHosts: new KnownHostsStore({ openssh: [server.knownHostsPath], bosun: join(dir, 'none') }),
    homeDir: dir,
    env: {},
    ...(shared ? { pool: shared } : {}),
  };
}

async function rawIds(): Promise<string[]> {
  const listed = await raw.json<{ Id: string }[]>('GET', '/containers/json?all=1');
  return listed.value.map((c) => c.Id).sort();
}

/** Whatever a connection to 127.0.0.1:port gets back after sending `text`, until it closes. */
function exchange(port: number, text: string): Promise<{ answer: string; error?: string }> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.on('data', (chunk: Buffer) => {
      answer += chunk.toString();
      if (answer.length >= text.length) socket.end();
    });
    socket.once('error', (error: NodeJS.ErrnoException) =>
      resolve({ answer, error: error.code ?? error.message }),
    );
    socket.once('close', () => resolve({ answer }));
    socket.write(text);
  });
}

beforeAll(async () => {
  env = testEnv();
  raw = new RawEngine(env.dockerSocketPath);
  dir = await mkdtemp(join(tmpdir(), 'bosun-ssh-transport-'));
});

afterAll(async () => {
  for (const made of pools) made.close();
  await Promise.all(sshds.map((server) => server.dispose()));
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  if (raw) {
    await removeTestContainers(raw, created);
    raw.close();
  }
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('one SSH connection per host', () => {
  it('shares one connection between engines and the connection test, and closes it with the last user', async () => {
    const server = await sshd();
    const spec = specFor(server);
    const shared = pool();
    const a = await createSshEngine(spec, depsFor(server, shared));
    expect((await a.listContainers({})).map((c) => c.id).sort()).toEqual(await rawIds());
    await new Promise((resolve) => setTimeout(resolve, 300));
    const oneConnection = server.sessionProcesses();
    expect(oneConnection).toBeGreaterThan(0);

    const b = await createSshEngine(spec, depsFor(server, shared));
    await b.listContainers({});
    const steps = await sshSupport(depsFor(server, shared)).probe(spec);
    expect(steps.every((step) => step.ok)).toBe(true);
    expect(steps.at(-1)?.detail).toContain('the connection Bosun keeps');
    expect(shared.routes()).toHaveLength(1);
    // The probe's TCP step is a connection of its own for a moment; then only the shared one is left.
    await expect.poll(() => server.sessionProcesses(), { timeout: 5000 }).toBe(oneConnection);

    // The control: without the pool, an engine brings a connection of its own.
    const alone = await createSshEngine(spec, depsFor(server));
    await alone.listContainers({});
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(server.sessionProcesses()).toBeGreaterThan(oneConnection);
    alone.close();

    a.close();
    expect(shared.routes()).toHaveLength(1);
    await b.listContainers({});
    b.close();
    expect(shared.routes()).toEqual([]);
    await expect.poll(() => server.sessionProcesses(), { timeout: 5000 }).toBe(0);
  });

  it('redials a dropped connection on next use and never hands out the dead one', async () => {
    const server = await sshd();
    const spec = specFor(server);
    const shared = pool();
    const engine = await createSshEngine(spec, depsFor(server, shared));
    const lease = await leaseTunnel(spec, depsFor(server, shared));
    try {
      await engine.listContainers({});
      expect(lease.tunnel.connected).toBe(true);
      await server.kill();
      await expect.poll(() => lease.tunnel.connected, { timeout: 5000 }).toBe(false);
      expect((await rejection(engine.listContainers({}))).code).toBe('UNAVAILABLE');
      await server.start();
      expect((await engine.listContainers({})).map((c) => c.id).sort()).toEqual(await rawIds());
      expect(lease.tunnel.connected).toBe(true);
      expect(shared.routes()).toHaveLength(1);
    } finally {
      lease.release();
      engine.close();
    }
    await expect.poll(() => server.sessionProcesses(), { timeout: 5000 }).toBe(0);
  });
});

describe('docker system dial-stdio where sshd forbids stream-local forwarding', () => {
  it('lists, execs and streams events through the docker CLI on the host', async () => {
    const server = await sshd(['AllowStreamLocalForwarding no']);
    const spec = specFor(server);
    const shared = pool();
    const lease = await leaseTunnel(spec, depsFor(server, shared));
    let engine: ContainerEngine | undefined;
    try {
      // The server really refuses the forward (OpenSSH: "open failed"), so everything below goes
      // through the fallback.
      const client: Client = await lease.tunnel.connect();
      const refused = await new Promise<unknown>((resolve) =>
        client.openssh_forwardOutStreamLocal(env.ssh.remoteDockerSocketPath, (error) => resolve(error)),
      );
      expect(refused).toBeInstanceOf(Error);
      expect(typeof (refused as { reason?: unknown }).reason).toBe('number');

      engine = await createSshEngine(spec, depsFor(server, shared));
      expect((await engine.listContainers({})).map((c) => c.id).sort()).toEqual(await rawIds());
      const events: EngineEvent[] = [];
      const stream = await engine.watchEvents({ onEvent: (e) => events.push(e), onEnd: () => undefined });
      const id = await runTestContainer(raw, { image: env.images.busybox, cmd: ['sleep', '600'] });
      created.push(id);
      await expect
        .poll(() => events.some((e) => e.id === id && e.action === 'start'), { timeout: 10_000 })
        .toBe(true);
      const proc = await engine.exec.exec(id, {
        cmd: ['sh', '-c', 'read line; echo "got-$line"; echo via-$((40+2)); exit 3'],
        env: [],
        cols: 80,
        rows: 24,
      });
      let out = '';
      proc.stream.on('data', (chunk: Buffer) => (out += chunk.toString()));
      proc.stream.write('ping\n');
      await new Promise((resolve) => proc.stream.once('end', resolve));
      expect(out).toContain('got-ping');
      expect(out).toContain('via-42');
      expect(await proc.exitCode()).toBe(3);
      stream.close();
      expect((await engine.listContainers({ ids: [id] })).map((c) => c.id)).toEqual([id]);
    } finally {
      engine?.close();
      lease.release();
    }
    // No dial-stdio process (nor the connection) outlives its user.
    await expect.poll(() => server.sessionProcesses(), { timeout: 5000 }).toBe(0);
  });

  it('says both things when the fallback cannot run either', async () => {
    const server = await sshd(['AllowStreamLocalForwarding no']);
    const lease = await leaseTunnel(specFor(server), depsFor(server));
    try {
      const error = await rejection(lease.tunnel.openStream('/nonexistent/dir/docker.sock'));
      expect(error.code).toBe('UNAVAILABLE');
      expect(error.message).toContain('stream-local forwarding is disabled');
      expect(error.message).toContain('the fallback, docker system dial-stdio');
      expect(error.message).toContain('AllowStreamLocalForwarding yes');
      expect(error.message).toContain('install the docker CLI on that host');
      expect(String(error.details?.fallback)).toMatch(/exit code [1-9]/);
      expect(String(error.details?.fallback)).toContain('/nonexistent/dir/docker.sock');
    } finally {
      lease.release();
    }
    // A PATH with the shell and little else: no docker CLI.
    const bin = join(dir, 'bin-without-docker');
    await mkdir(bin);
    for (const tool of ['/bin/bash', '/bin/sh', '/usr/bin/env'])
      await symlink(tool, join(bin, basename(tool)));
    const noDocker = await sshd(['AllowStreamLocalForwarding no', `SetEnv PATH=${bin}`]);
    const bare = await leaseTunnel(specFor(noDocker), depsFor(noDocker));
    try {
      const error = await rejection(bare.tunnel.openStream(env.ssh.remoteDockerSocketPath));
      expect(error.message).toContain('stream-local forwarding is disabled');
      expect(error.message).toContain('install the docker CLI on that host');
      expect(String(error.details?.fallback)).toMatch(/exit code 127: .*not found/);
    } finally {
      bare.release();
    }
  });
});

describe('a local TCP forward through the shared connection', () => {
  it('carries each accepted socket over the SSH connection, reports failed channels, and closes cleanly', async () => {
    const echo = createServer((socket) => socket.pipe(socket));
    servers.push(echo);
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    const echoPort = (echo.address() as AddressInfo).port;
    const server = await sshd();
    const spec = specFor(server);
    const shared = pool();
    const errors: AppError[] = [];
    const forward = await forwardLocalPort(
      await leaseTunnel(spec, depsFor(server, shared)),
      '127.0.0.1',
      echoPort,
      (error) => errors.push(error),
    );
    expect(forward.port).not.toBe(echoPort);
    const answers = await Promise.all(
      ['one', 'two', 'three'].map((word) => exchange(forward.port, `${word}\n`.repeat(1000))),
    );
    expect(answers.map((a) => a.answer.length)).toEqual([4000, 4000, 6000]);
    expect(errors).toEqual([]);
    const oneConnection = server.sessionProcesses();
    // An engine on the same host shares the forward's connection.
    const engine = await createSshEngine(spec, depsFor(server, shared));
    await engine.listContainers({});
    expect(server.sessionProcesses()).toBe(oneConnection);
    engine.close();
    await forward.close();
    expect(shared.routes()).toEqual([]);
    expect((await exchange(forward.port, 'x')).error).toBe('ECONNREFUSED');
    await expect.poll(() => server.sessionProcesses(), { timeout: 5000 }).toBe(0);

    // Nothing listens on the remote side: the failure is reported and the listener stays.
    const dead = await forwardLocalPort(
      await leaseTunnel(spec, depsFor(server, shared)),
      '127.0.0.1',
      await freeLoopbackPort(),
      (error) => errors.push(error),
    );
    try {
      expect((await exchange(dead.port, 'hello')).answer).toBe('');
      expect((await exchange(dead.port, 'again')).answer).toBe('');
      expect(errors.map((e) => e.code)).toEqual(['UNAVAILABLE', 'UNAVAILABLE']);
      expect(errors[0]?.message).toContain('could not connect to');
    } finally {
      await dead.close();
    }
    expect(shared.routes()).toEqual([]);
  });
});
