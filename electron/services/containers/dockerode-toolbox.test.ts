import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DockerodeToolbox, progressMessages, ProgressReader } from './dockerode-toolbox';

const lines = (...values: unknown[]): string => values.map((v) => `${JSON.stringify(v)}\n`).join('');

describe('progressMessages', () => {
  it('turns build output into its meaningful lines', () => {
    expect(
      progressMessages({ stream: 'Step 1/4 : FROM scratch\n ---> \n' }).concat(
        progressMessages({ stream: ' ---> Running in 1a2b\nRemoving intermediate container 1a2b\n' }),
        progressMessages({ stream: 'Successfully tagged bosun/toolbox:1\n' }),
      ),
    ).toEqual(['Step 1/4 : FROM scratch', 'Successfully tagged bosun/toolbox:1']);
  });

  it('names the layer of a pull and counts its progress in tens of percent', () => {
    expect(progressMessages({ status: 'Pulling from library/busybox', id: '1.36-musl' })).toEqual([
      'Pulling from library/busybox',
    ]);
    expect(
      progressMessages({ status: 'Downloading', id: 'a1b2', progressDetail: { current: 517, total: 1000 } }),
    ).toEqual(['a1b2: Downloading 50%']);
    expect(progressMessages({ status: 'Pull complete', id: 'a1b2', progressDetail: {} })).toEqual([
      'a1b2: Pull complete',
    ]);
    expect(progressMessages({ status: 'Status: Downloaded newer image for busybox:1.36-musl' })).toEqual([
      'Status: Downloaded newer image for busybox:1.36-musl',
    ]);
    expect(progressMessages({ aux: { ID: 'sha256:1' } })).toEqual([]);
  });
});

describe('ProgressReader', () => {
  it('passes each message on once, however the bytes are cut', () => {
    const seen: string[] = [];
    const reader = new ProgressReader((m) => seen.push(m));
    const bytes = lines(
      { status: 'Downloading', id: 'a', progressDetail: { current: 1, total: 100 } },
      { status: 'Downloading', id: 'a', progressDetail: { current: 5, total: 100 } },
      { status: 'Downloading', id: 'a', progressDetail: { current: 15, total: 100 } },
      { aux: { ID: 'sha256:abc' } },
    );
    for (let i = 0; i < bytes.length; i += 7) reader.push(bytes.slice(i, i + 7));
    expect(seen).toEqual(['a: Downloading 0%', 'a: Downloading 10%']);
    expect(reader.imageId).toBe('sha256:abc');
    expect(reader.error).toBeUndefined();
  });

  it('keeps the first error the builder reports inside a 200 stream', () => {
    const reader = new ProgressReader(() => undefined);
    reader.push(
      lines(
        { stream: 'Step 2/4 : ADD rootfs.tar /\n' },
        { errorDetail: { message: 'ADD failed: file not found in build context' }, error: 'ADD failed: …' },
        { error: 'a later one' },
      ),
    );
    expect(reader.error).toBe('ADD failed: file not found in build context');
    const bare = new ProgressReader(() => undefined);
    bare.push(lines({ error: 'manifest unknown' }));
    expect(bare.error).toBe('manifest unknown');
  });

  it('throws on a stream that is not JSON', () => {
    expect(() => new ProgressReader(() => undefined).push('<html>proxy error</html>\n')).toThrow();
  });
});

/** A pretend Engine API on a unix socket: each test says how it answers. */
let answer: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.writeHead(500).end();
let server: Server;
let dir: string;
let toolbox: DockerodeToolbox;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bosun-toolbox-'));
  const socketPath = join(dir, 'docker.sock');
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => answer(req, res));
  });
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  toolbox = new DockerodeToolbox(new Docker({ socketPath }), { endpoint: 'unix:///fake.sock', socketPath });
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

const json = (res: ServerResponse, status: number, body: unknown): void => {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
};

describe('DockerodeToolbox against a pretend engine', () => {
  it('rejects a build whose stream reports an error with HTTP 200, after passing on the steps', async () => {
    answer = (req, res) => {
      expect(req.url).toMatch(/^\/build\?.*t=bosun%2Ftoolbox%3A1/);
      expect(req.url).toContain('forcerm=true');
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        lines(
          { stream: 'Step 1/4 : FROM scratch\n' },
          { errorDetail: { message: 'failed to export image: no space left on device' }, error: 'x' },
        ),
      );
    };
    const seen: string[] = [];
    const built = toolbox.buildImage(Readable.from([Buffer.alloc(1024)]), { tag: 'bosun/toolbox:1' }, (m) =>
      seen.push(m),
    );
    await expect(built).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: expect.stringContaining(
        'Building bosun/toolbox:1 on unix:///fake.sock failed: failed to export image: no space left on device.',
      ),
    });
    expect(seen).toEqual(['Step 1/4 : FROM scratch']);
  });

  it('resolves a build with the image id of aux.ID, passing the labels as JSON', async () => {
    answer = (req, res) => {
      const labels = new URL(req.url ?? '', 'http://x').searchParams.get('labels');
      expect(JSON.parse(labels ?? '{}')).toEqual({ 'io.bosun.test': '1' });
      res.writeHead(200).end(lines({ aux: { ID: 'sha256:feed' } }, { stream: 'Successfully built feed\n' }));
    };
    const built = toolbox.buildImage(
      Readable.from([Buffer.alloc(10)]),
      { tag: 't:1', labels: { 'io.bosun.test': '1' } },
      () => undefined,
    );
    await expect(built).resolves.toBe('sha256:feed');
  });

  it('says what the engine said when a pull fails before streaming (no registry)', async () => {
    const said =
      'Get "https://registry-1.docker.io/v2/": dial tcp: lookup registry-1.docker.io: no such host';
    answer = (_req, res) => json(res, 500, { message: said });
    await expect(toolbox.pullImage('busybox:1.36-musl', () => undefined)).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: `Pulling busybox:1.36-musl on unix:///fake.sock failed: ${said}. Check that the engine can reach the registry (network, proxy, DNS, credentials).`,
    });
  });

  it('rejects a pull whose stream ends in an error', async () => {
    answer = (req, res) => {
      expect(req.url).toBe('/images/create?fromImage=busybox&tag=1.36-musl');
      res
        .writeHead(200)
        .end(
          lines({ status: 'Pulling from library/busybox', id: '1.36-musl' }, { error: 'manifest unknown' }),
        );
    };
    const seen: string[] = [];
    await expect(toolbox.pullImage('busybox:1.36-musl', (m) => seen.push(m))).rejects.toThrow(
      /failed: manifest unknown/,
    );
    expect(seen).toEqual(['Pulling from library/busybox']);
  });

  it('tags repo and tag apart, a registry port included', async () => {
    answer = (req, res) => {
      expect(req.url).toBe('/images/sha256:1/tag?repo=localhost%3A5000%2Fbosun%2Ftoolbox&tag=1');
      res.writeHead(201).end();
    };
    await toolbox.tagImage('sha256:1', 'localhost:5000/bosun/toolbox:1');
  });

  it('removes with force and volumes, and tolerates a container that is gone or going', async () => {
    answer = (req, res) => {
      expect(req.method).toBe('DELETE');
      expect(req.url).toBe('/containers/abc?force=true&v=true');
      res.writeHead(204).end();
    };
    await expect(toolbox.removeContainer('abc')).resolves.toBe(true);
    answer = (_req, res) => json(res, 404, { message: 'No such container: abc' });
    await expect(toolbox.removeContainer('abc')).resolves.toBe(false);
    answer = (_req, res) => json(res, 409, { message: 'removal of container abc is already in progress' });
    await expect(toolbox.removeContainer('abc')).resolves.toBe(false);
    answer = (_req, res) => json(res, 500, { message: 'driver failed' });
    await expect(toolbox.removeContainer('abc')).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });

  it('reports a cancelled call as CANCELLED', async () => {
    answer = () => undefined; // never answers
    const controller = new AbortController();
    const listed = toolbox.listImages('io.bosun.toolbox=1', controller.signal);
    controller.abort();
    await expect(listed).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});
