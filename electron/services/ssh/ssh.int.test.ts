import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { chmod, copyFile, mkdir, readFile, readdir, readlink, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContainerEngine, EngineEvent } from '../containers/container-engine';
import type { ConnectionSpec } from '../connections/spec';
import { removeTestContainers, runTestContainer, startIntCore, type IntCore } from '../testing/int-core';
import { KnownHostsStore } from './known-hosts-store';
import { createSshEngine, tunnelFor, type SshDeps } from './ssh-engine';
import { startSshAgent } from '../../../e2e/env/ssh-agent';
import { rejection } from '../testing/rejection';

let t: IntCore;
let spec: ConnectionSpec;
let endpoint: string;
const created: string[] = [];

/** This process's TCP sockets in a state (0A listen, 01 established), optionally to one remote port. */
async function tcpSockets(state: string, remotePort?: number): Promise<Set<string>> {
  const mine = new Set<string>();
  for (const fd of await readdir('/proc/self/fd')) {
    const link = await readlink(`/proc/self/fd/${fd}`).catch(() => '');
    const inode = /^socket:\[(\d+)\]$/.exec(link)?.[1];
    if (inode) mine.add(inode);
  }
  const listening = new Set<string>();
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    const text = await readFile(file, 'utf8').catch(() => '');
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      const port = parseInt(cols[2]?.split(':')[1] ?? '', 16);
      if (remotePort !== undefined && port !== remotePort) continue;
      if (cols[3] === state && cols[9] && mine.has(cols[9])) listening.add(cols[9]);
    }
  }
  return listening;
}

function deps(knownHosts: KnownHostsStore): SshDeps {
  return { knownHosts, homeDir: t.test.platform.homeDir, env: {} };
}

/** An SSH public key blob (ssh-ed25519) for a fresh key: a host key that is not the sshd's. */
function otherEd25519Blob(): Buffer {
  const { publicKey } = generateKeyPairSync('ed25519');
  const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  const sshString = (bytes: Buffer): Buffer => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(bytes.length);
    return Buffer.concat([length, bytes]);
  };
  return Buffer.concat([sshString(Buffer.from('ssh-ed25519')), sshString(raw)]);
}

beforeAll(async () => {
  t = await startIntCore();
  const ssh = t.env.ssh;
  endpoint = `ssh://${ssh.user}@${ssh.host}:${ssh.port}`;
  spec = {
    id: 'remote',
    name: 'Remote',
    endpoint,
    target: { kind: 'ssh', user: ssh.user, host: ssh.host, port: ssh.port },
    source: 'user',
    current: false,
    ssh: { identityFile: ssh.keyPath, remoteSocket: ssh.remoteDockerSocketPath },
  };
});

afterAll(async () => {
  if (t) {
    await removeTestContainers(t.engine, created);
    await t.close();
  }
});

describe('Docker over SSH (real sshd on loopback)', () => {
  it('refuses an unknown host key with its fingerprint, saving nothing, until that exact key is accepted', async () => {
    const ssh = t.env.ssh;
    const input = {
      name: 'Remote',
      endpoint,
      identityFile: ssh.keyPath,
      remoteSocket: ssh.remoteDockerSocketPath,
    };
    const unknown = await rejection(t.client.call('connections.add', input));
    expect(unknown.code).toBe('HOST_KEY_UNKNOWN');
    expect(unknown.details).toMatchObject({
      fingerprint: ssh.hostFingerprint,
      keyType: 'ssh-ed25519',
      host: `[${ssh.host}]:${ssh.port}`,
    });
    expect(unknown.message).toContain(ssh.hostFingerprint);
    expect(await t.client.call('connections.list', {})).not.toContainEqual(
      expect.objectContaining({ endpoint }),
    );
    // Another fingerprint is not "the" key: still refused.
    const wrong = `SHA256:${'A'.repeat(43)}`;
    const still = await rejection(t.client.call('connections.add', { ...input, acceptHostKey: wrong }));
    expect(still.code).toBe('HOST_KEY_UNKNOWN');

    const before = await tcpSockets('0A');
    const added = await t.client.call('connections.add', { ...input, acceptHostKey: ssh.hostFingerprint });
    expect(added.status).toMatchObject({ state: 'connected' });
    spec = { ...spec, id: added.id };
    const file = join(t.test.platform.dataDir, 'known_hosts');
    expect(await readFile(file, 'utf8')).toMatch(
      new RegExp(`^\\[${ssh.host.replace(/\./g, '\\.')}\\]:${ssh.port} ssh-ed25519 AAAA`),
    );
    expect((await stat(file)).mode & 0o777).toBe(0o600);

    // Through the tunnel, the same engine lists the same containers as the local connection.
    const remote = await t.client.call('containers.list', { connectionIds: [added.id] });
    const direct = (await t.client.call('connections.list', {})).find((c) => c.source === 'docker-host');
    const local = await t.client.call('containers.list', { connectionIds: [direct!.id] });
    expect(remote.failures).toEqual([]);
    const key = (rows: typeof remote.rows) => rows.map((r) => `${r.id} ${r.state}`).sort();
    expect(key(remote.rows)).toEqual(key(local.rows));
    // Every call of the connection travels over one kept SSH connection.
    expect((await tcpSockets('01', ssh.port)).size).toBe(1);
    // A tunnel opens no port on this machine.
    expect(await tcpSockets('0A')).toEqual(before);
  });

  it('execs and streams events through the tunnel', async () => {
    const knownHosts = new KnownHostsStore({
      openssh: [],
      bosun: join(t.test.platform.dataDir, 'known_hosts'),
    });
    const engine: ContainerEngine = await createSshEngine(spec, deps(knownHosts));
    try {
      const events: EngineEvent[] = [];
      const stream = await engine.watchEvents({ onEvent: (e) => events.push(e), onEnd: () => undefined });
      const id = await runTestContainer(t.engine, { image: t.env.images.busybox, cmd: ['sleep', '600'] });
      created.push(id);
      await expect
        .poll(() => events.some((e) => e.id === id && e.action === 'start'), { timeout: 5000 })
        .toBe(true);
      const proc = await engine.exec.exec(id, {
        cmd: ['sh', '-c', 'echo via-$((40+2)); exit 3'],
        env: [],
        cols: 80,
        rows: 24,
      });
      let out = '';
      proc.stream.on('data', (chunk: Buffer) => (out += chunk.toString()));
      await new Promise((resolve) => proc.stream.once('end', resolve));
      expect(out).toContain('via-42');
      expect(await proc.exitCode()).toBe(3);
      stream.close();
    } finally {
      engine.close();
    }
  });

  it('refuses a changed host key, naming both fingerprints', async () => {
    const ssh = t.env.ssh;
    const home = t.test.platform.homeDir;
    await mkdir(join(home, '.ssh'), { recursive: true });
    const doctored = join(home, '.ssh', 'known_hosts_doctored');
    const other = otherEd25519Blob();
    await writeFile(doctored, `[${ssh.host}]:${ssh.port} ssh-ed25519 ${other.toString('base64')}\n`);
    const tunnel = await tunnelFor(
      spec,
      deps(new KnownHostsStore({ openssh: [doctored], bosun: join(home, 'none') })),
    );
    try {
      const error = await rejection(tunnel.connect());
      expect(error.code).toBe('HOST_KEY_CHANGED');
      expect(error.details).toMatchObject({ fingerprint: ssh.hostFingerprint, keyType: 'ssh-ed25519' });
      expect(error.message).toContain('CHANGED');
    } finally {
      tunnel.close();
    }
  });

  it('follows ~/.ssh/config: a Host alias with HostName, Port, User and IdentityFile', async () => {
    const ssh = t.env.ssh;
    const home = t.test.platform.homeDir;
    await mkdir(join(home, '.ssh'), { recursive: true });
    await copyFile(ssh.keyPath, join(home, 'lab_key'));
    await chmod(join(home, 'lab_key'), 0o600);
    await writeFile(
      join(home, '.ssh', 'config'),
      `Host lab\n  HostName ${ssh.host}\n  Port ${ssh.port}\n  User ${ssh.user}\n  IdentityFile ~/lab_key\n`,
    );
    const knownHosts = new KnownHostsStore({ openssh: [ssh.knownHostsPath], bosun: join(home, 'none') });
    const alias: ConnectionSpec = {
      ...spec,
      endpoint: 'ssh://lab',
      target: { kind: 'ssh', host: 'lab' },
      ssh: {},
    };
    const tunnel = await tunnelFor(alias, deps(knownHosts));
    try {
      await tunnel.connect();
      expect(tunnel.where).toBe(`${ssh.user}@[${ssh.host}]:${ssh.port}`);
      expect(tunnel.verifiedKey?.fingerprint).toBe(ssh.hostFingerprint);
    } finally {
      tunnel.close();
    }
  });

  it('logs in with the SSH agent (SSH_AUTH_SOCK) when no key file is named', async () => {
    const home = t.test.platform.homeDir;
    const socket = join(home, 'agent.sock');
    const agent = await startSshAgent(socket, [t.env.ssh.keyPath]);
    try {
      const knownHosts = new KnownHostsStore({
        openssh: [t.env.ssh.knownHostsPath],
        bosun: join(home, 'none'),
      });
      const viaAgent = await tunnelFor(
        { ...spec, ssh: {} },
        { ...deps(knownHosts), env: { SSH_AUTH_SOCK: socket } },
      );
      try {
        await viaAgent.connect();
        const channel = await viaAgent.openStream(t.env.ssh.remoteDockerSocketPath);
        channel.end('GET /_ping HTTP/1.0\r\n\r\n');
        let answer = '';
        for await (const chunk of channel) answer += String(chunk);
        expect(answer).toMatch(/^HTTP\/1\.0 200 OK[\s\S]*\r\n\r\nOK$/);
      } finally {
        viaAgent.close();
      }
    } finally {
      agent.stop();
    }
  });

  it('says which user and keys were tried when login fails, and asks for a passphrase for an encrypted key', async () => {
    const home = t.test.platform.homeDir;
    const stranger = join(home, 'stranger');
    const locked = join(home, 'locked');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', stranger]);
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', 'secret', '-f', locked]);
    const knownHosts = new KnownHostsStore({
      openssh: [t.env.ssh.knownHostsPath],
      bosun: join(home, 'none'),
    });
    const refused = await tunnelFor({ ...spec, ssh: { identityFile: stranger } }, deps(knownHosts));
    try {
      const error = await rejection(refused.connect());
      expect(error.code).toBe('PERMISSION_DENIED');
      expect(error.message).toContain(`refused to log in ${t.env.ssh.user}`);
      expect(error.message).toContain(stranger);
    } finally {
      refused.close();
    }
    const encrypted = await tunnelFor({ ...spec, ssh: { identityFile: locked } }, deps(knownHosts));
    const error = await rejection(encrypted.connect());
    expect(error.code).toBe('PERMISSION_DENIED');
    expect(error.message).toMatch(/passphrase/);
    expect(error.message).toContain(locked);
  });
});
