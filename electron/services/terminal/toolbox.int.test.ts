// The toolbox against the real test engine (e2e/env/up.sh): image search and a real build from this
// machine's static busybox with no registry, sidecars that see a target's network and processes,
// and the leash that removes a sidecar when its owner's connection ends.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { PassThrough } from 'node:stream';
import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RawEngine } from '../../../e2e/env/raw-engine';
import { testEnv, TEST_LABELS } from '../../../e2e/env/test-env';
import { DockerodeToolbox } from '../containers/dockerode-toolbox';
import type { ImageRow, Leash } from '../containers/toolbox-engine';
import { ensureToolboxImage } from './toolbox-image';
import { TOOLBOX_TAG } from './toolbox-recipe';
import {
  cleanupOrphans,
  localOwnerLiveness,
  ownerId,
  sidecarSpec,
  startSidecar,
  type Sidecar,
} from './toolbox-sidecar';

/** The real adapter, able to pretend no toolbox image is there and to hand over its leashes. */
class TestToolbox extends DockerodeToolbox {
  hideImages = false;
  readonly leashes: Leash[] = [];
  override async listImages(label: string, signal?: AbortSignal): Promise<ImageRow[]> {
    return this.hideImages ? [] : super.listImages(label, signal);
  }
  override async attachStdin(id: string, signal?: AbortSignal): Promise<Leash> {
    const leash = await super.attachStdin(id, signal);
    this.leashes.push(leash);
    return leash;
  }
}

const env = testEnv();
const run = randomBytes(3).toString('hex');
const testTag = `bosun-test/toolbox:${run}`;
const docker = new Docker({ socketPath: env.dockerSocketPath });
const toolbox = new TestToolbox(docker, { endpoint: env.dockerHost, socketPath: env.dockerSocketPath });
const raw = new RawEngine(env.dockerSocketPath);
const me = ownerId();
const containers: string[] = [];
const timings: string[] = [];
let nginx: string;
let noshell: string;

async function createTarget(
  image: string,
  options: { start?: boolean; user?: string } = {},
): Promise<string> {
  const created = await raw.json<{ Id?: string; message?: string }>('POST', '/containers/create', {
    Image: image,
    Labels: { ...TEST_LABELS },
    ...(options.user ? { User: options.user } : {}),
  });
  if (!created.value.Id) throw new Error(`create ${image}: ${created.value.message ?? created.status}`);
  containers.push(created.value.Id);
  if (options.start ?? true) await raw.json('POST', `/containers/${created.value.Id}/start`);
  return created.value.Id;
}

const sidecar = async (targetId: string, more: { image?: string; owner?: string } = {}): Promise<Sidecar> => {
  const t0 = performance.now();
  const started = await startSidecar(toolbox, {
    image: more.image ?? env.images.toolbox,
    targetId,
    sessionId: `int-${run}`,
    ownerId: more.owner ?? me,
    labels: TEST_LABELS,
  });
  timings.push(`sidecar start ${Math.round(performance.now() - t0)} ms`);
  containers.push(started.containerId);
  return started;
};

/** Runs a command in a container (no TTY); its exit code and its output, stdout and stderr together. */
async function exec(containerId: string, cmd: string[]): Promise<{ code: number | null; out: string }> {
  const process = await docker
    .getContainer(containerId)
    .exec({ Cmd: cmd, AttachStdout: true, AttachStderr: true });
  const stream = await process.start({ hijack: true, stdin: false });
  const sink = new PassThrough();
  let out = '';
  sink.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  docker.modem.demuxStream(stream, sink, sink);
  await new Promise((resolve) => stream.on('end', resolve).on('close', resolve));
  return { code: (await process.inspect()).ExitCode, out };
}

/** Retries `check` until it passes (a server still starting, a container on its way out). */
async function eventually(check: () => Promise<void>, timeoutMs = 5000): Promise<number> {
  const t0 = performance.now();
  for (;;) {
    try {
      await check();
      return performance.now() - t0;
    } catch (error) {
      if (performance.now() - t0 > timeoutMs) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

const status = async (id: string): Promise<number> =>
  (await raw.json('GET', `/containers/${id}/json`)).status;

beforeAll(async () => {
  [nginx, noshell] = await Promise.all([
    createTarget(env.images.debianNginx),
    createTarget(env.images.noshell, { user: '65534' }),
  ]);
});

afterAll(async () => {
  await Promise.all(containers.map((id) => raw.json('DELETE', `/containers/${id}?force=1&v=1`)));
  await raw.json('DELETE', `/images/${encodeURIComponent(testTag)}?force=1`);
  raw.close();
  console.info(`toolbox timings: ${timings.join('; ')}`);
});

describe('the toolbox image', () => {
  it('finds a labelled image as present (the test env has local/toolbox:1)', async () => {
    const seen: string[] = [];
    const found = await ensureToolboxImage(toolbox, { onProgress: (m) => seen.push(m) });
    const labelled = await toolbox.listImages('io.bosun.toolbox=1');
    const canonical = labelled.some((image) => image.tags.includes(TOOLBOX_TAG));
    expect(found).toEqual({ image: canonical ? TOOLBOX_TAG : env.images.toolbox, how: 'present' });
    expect(seen[0]).toBe('Looking for the Bosun toolbox image…');
  });

  it('builds from /bin/busybox when nothing is present and the pull fails (no registry)', async () => {
    toolbox.hideImages = true;
    const seen: string[] = [];
    const t0 = performance.now();
    const built = await ensureToolboxImage(toolbox, {
      onProgress: (m) => seen.push(m),
      busyboxPath: '/bin/busybox',
      tag: testTag,
      labels: TEST_LABELS,
    }).finally(() => (toolbox.hideImages = false));
    timings.push(`pull failure + build from recipe ${Math.round(performance.now() - t0)} ms`);
    expect(built).toEqual({ image: testTag, how: 'built' });
    expect(seen).toEqual(
      expect.arrayContaining([
        'Pulling busybox:1.36-musl…',
        expect.stringMatching(
          /^Could not pull busybox:1\.36-musl: Pulling busybox:1\.36-musl on .* failed: /,
        ),
        'Building the toolbox from the local recipe…',
        expect.stringMatching(/^Packing \/bin\/busybox with \d{3} applets…$/),
        expect.stringMatching(/^Step 1\/\d : FROM scratch$/),
        `The toolbox image ${testTag} is ready.`,
      ]),
    );
    const image = await raw.json<{ Config: { Labels: Record<string, string> } }>(
      'GET',
      `/images/${encodeURIComponent(testTag)}/json`,
    );
    expect(image.value.Config.Labels).toMatchObject({ 'io.bosun.toolbox': '1', ...TEST_LABELS });
    // The built image works as a sidecar: root, busybox tools, the target's processes.
    const side = await sidecar(noshell, { image: testTag });
    const { out } = await exec(side.containerId, ['sh', '-c', 'id -un; ps; ls /etc; readlink /usr/bin/env']);
    expect(out).toMatch(/^root$/m);
    expect(out).toContain('/httpd');
    expect(out).toContain('nsswitch.conf');
    expect(out).toContain('/bin/busybox');
    await side.stop();
    // Removed at once: another suite looking for the newest labelled image must not pick it up.
    await raw.json('DELETE', `/images/${encodeURIComponent(testTag)}?force=1`);
  });
});

describe('a sidecar', () => {
  it("on nginx sees the target's address, sockets, files and server", async () => {
    const side = await sidecar(nginx);
    const inspected = await raw.json<{ NetworkSettings: { IPAddress: string } }>(
      'GET',
      `/containers/${nginx}/json`,
    );
    const ip = inspected.value.NetworkSettings.IPAddress;
    expect(ip).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect((await exec(side.containerId, ['ip', 'addr'])).out).toContain(`inet ${ip}/`);
    await eventually(async () =>
      expect((await exec(side.containerId, ['netstat', '-tln'])).out).toMatch(/:80\s/),
    );
    // SYS_PTRACE: root may look into processes of other users (the www-data workers) through /proc.
    const script = 'for p in $(pidof nginx); do echo "$(stat -c %u /proc/$p) $(readlink /proc/$p/exe)"; done';
    const exes = (await exec(side.containerId, ['sh', '-c', script])).out;
    expect(exes).toMatch(/^0 \/usr\/sbin\/nginx$/m);
    expect(exes).toMatch(/^33 \/usr\/sbin\/nginx$/m); // a worker, as www-data
    expect((await exec(side.containerId, ['ls', '/proc/1/root/etc/nginx'])).out).toContain('nginx.conf');
    const page = await exec(side.containerId, ['wget', '-q', '-O-', 'http://127.0.0.1:80/']);
    expect(page).toMatchObject({ code: 0, out: expect.stringContaining('Welcome to nginx') });
    await side.stop();
  });

  it('on an image without a shell sees its processes, ports and files (PID 1 not root)', async () => {
    const side = await sidecar(noshell);
    expect((await exec(side.containerId, ['ps'])).out).toMatch(/^\s*1 nobody\s+\/httpd -f -p 8080$/m);
    // SYS_PTRACE again: PID 1 runs as nobody, the sidecar as root.
    const targetRoot = (await exec(side.containerId, ['ls', '/proc/1/root'])).out.split('\n');
    expect(targetRoot).toContain('httpd');
    expect(targetRoot).not.toContain('bin'); // the target's files, not the toolbox's
    await eventually(async () =>
      expect((await exec(side.containerId, ['netstat', '-tln'])).out).toMatch(/:8080\s/),
    );
    await side.stop();
  });

  it('is gone once stop() resolves, and a second stop() is harmless', async () => {
    const side = await sidecar(noshell);
    expect(await status(side.containerId)).toBe(200);
    await side.stop();
    expect(await status(side.containerId)).toBe(404);
    await side.stop();
  });

  it('removes itself when its leash breaks without stop() (AutoRemove)', async () => {
    const side = await sidecar(noshell);
    toolbox.leashes.at(-1)?.release();
    const ms = await eventually(async () => expect(await status(side.containerId)).toBe(404));
    timings.push(`gone after the leash broke ${Math.round(ms)} ms`);
  });

  it('removes itself when the Bosun process that started it is killed', async () => {
    // A child process starts a sidecar and is then SIGKILLed: only the OS closes its sockets.
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', CHILD], {
      env: { ...process.env, TARGET: noshell, SOCKET: env.dockerSocketPath, RUN: run },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const id = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('\n')) resolve(out.trim());
      });
      child.on('exit', (code) => reject(new Error(`the child exited (${code}) before starting a sidecar`)));
    });
    containers.push(id);
    expect(await status(id)).toBe(200);
    child.kill('SIGKILL');
    const ms = await eventually(async () => expect(await status(id)).toBe(404));
    timings.push(`gone after its owner was killed ${Math.round(ms)} ms`);
  });

  it('refuses a target that is not running (CONFLICT) or does not exist (NOT_FOUND)', async () => {
    const stopped = await createTarget(env.images.busybox, { start: false });
    await expect(sidecar(stopped)).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('Start the container first.'),
    });
    await expect(sidecar('0'.repeat(64))).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('cleanupOrphans', () => {
  it('removes sidecars of dead owners, started or never started, and keeps the living', async () => {
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    const deadOwner = `${hostname()}:${dead}`;
    const orphan = await sidecar(noshell, { owner: deadOwner });
    const target = await toolbox.inspectContainer(noshell);
    const neverStarted = await toolbox.createContainer(
      sidecarSpec(
        {
          image: env.images.toolbox,
          targetId: noshell,
          sessionId: `int-${run}`,
          ownerId: deadOwner,
          labels: TEST_LABELS,
        },
        target,
      ),
    );
    containers.push(neverStarted);
    const living = await sidecar(noshell);
    const ours = new Set([deadOwner, me]);
    const liveness = localOwnerLiveness();
    // Other suites share the engine: judge only the owners this test made up.
    const removed = await cleanupOrphans(toolbox, {
      isOwnerAlive: (owner) => !ours.has(owner) || liveness(owner),
    });
    expect(removed).toBe(2);
    expect(await status(orphan.containerId)).toBe(404);
    expect(await status(neverStarted)).toBe(404);
    expect(await status(living.containerId)).toBe(200);
    await Promise.all([orphan.stop(), living.stop()]);
  });
});

// The child: a minimal Bosun that starts one sidecar, prints its id and waits to be killed.
const CHILD = `
import Docker from 'dockerode';
const { DockerodeToolbox } = await import(${JSON.stringify(new URL('../containers/dockerode-toolbox.ts', import.meta.url).pathname)});
const { startSidecar, ownerId } = await import(${JSON.stringify(new URL('./toolbox-sidecar.ts', import.meta.url).pathname)});
const socketPath = process.env.SOCKET;
const engine = new DockerodeToolbox(new Docker({ socketPath }), { endpoint: 'unix://' + socketPath, socketPath });
const side = await startSidecar(engine, {
  image: ${JSON.stringify(env.images.toolbox)},
  targetId: process.env.TARGET,
  sessionId: 'int-' + process.env.RUN,
  ownerId: ownerId(),
  labels: ${JSON.stringify(TEST_LABELS)},
});
process.stdout.write(side.containerId + '\\n');
setInterval(() => undefined, 60_000);
`;
