import { describe, expect, it } from 'vitest';
import { SECRET_MASK } from '../../shared/contract';
import { formatPorts } from '../../shared/format/ports';
import { buildSummary } from './build-summary';
import shopWeb from './fixtures/shop-web.inspect.json' with { type: 'json' };
import type { ImageDefaults, InspectDocument } from './inspect-engine';
import { MAX_LIST_ITEMS, MAX_VALUE_CHARS } from './summary-context';
import { readableDuration } from './summary-process';

// `docker inspect` of a real container on the test engine (Docker 20.10): a compose-labelled busybox
// httpd with secrets in its env, a failing healthcheck, a named, an anonymous and a read-only bind
// mount, published and exposed ports, a restart policy, limits and an added capability.
const doc = shopWeb as InspectDocument;
const busybox: ImageDefaults = { entrypoint: null, cmd: ['sh'] };

function summarize(overrides: (doc: InspectDocument) => void = () => undefined, reveal = false) {
  const copy = structuredClone(doc);
  overrides(copy);
  return buildSummary(copy, busybox, { reveal });
}

describe('buildSummary', () => {
  it('reads identity, state and PID 1', () => {
    const { summary } = summarize();
    expect(summary).toMatchObject({
      id: '837413081d1e37c21c6710c12ca47cd89a0dc617293c7382c2164c83b1cb7275',
      name: 'shop-web-1',
      image: {
        ref: 'local/busybox:1',
        id: 'sha256:28dc0fa88340c64be7e990f602b80439fc85ed0581b6423aba0a376121e637a8',
      },
      created: '2026-11-24T21:22:20Z',
      state: {
        status: 'running',
        startedAt: '2026-11-24T21:22:20Z',
        exitCode: 0,
        oomKilled: false,
        restartCount: 0,
        health: 'unhealthy',
      },
      pid1: { hostPid: 2774, command: { line: "/bin/sh -c 'httpd -f -p 80 -h /srv'" } },
      workingDir: '/srv',
      user: '33:33',
      restartPolicy: { name: 'on-failure', maxRetries: 3 },
      networkMode: 'default',
    });
    // The engine's "never" is no time at all.
    expect(summary.state.finishedAt).toBeUndefined();
    expect(summary.state.error).toBeUndefined();
  });

  it('tells what the container set from what the image gave', () => {
    const { summary } = summarize();
    expect(summary.entrypoint).toEqual({
      effective: { argv: ['/bin/sh'], line: '/bin/sh' },
      source: 'container',
    });
    expect(summary.cmd).toEqual({
      effective: { argv: ['-c', 'httpd -f -p 80 -h /srv'], line: "-c 'httpd -f -p 80 -h /srv'" },
      source: 'container',
      image: { argv: ['sh'], line: 'sh' },
    });
    const inherited = buildSummary(
      doc,
      { entrypoint: ['/bin/sh'], cmd: ['-c', 'httpd -f -p 80 -h /srv'] },
      {
        reveal: false,
      },
    ).summary;
    expect(inherited.entrypoint.source).toBe('image');
    expect(inherited.cmd).toEqual({ effective: expect.any(Object), source: 'image' });
  });

  it('says when the image is gone instead of guessing', () => {
    const { summary } = buildSummary(doc, undefined, { reveal: false });
    expect(summary.cmd.source).toBe('unknown');
    expect(summary.entrypoint.source).toBe('unknown');
    expect(summary.notes).toEqual([
      expect.stringContaining('The image 28dc0fa88340 is no longer on the engine'),
    ]);
  });

  it('masks secret-named variables whole and URL passwords only; KEYBOARD_LAYOUT and TOKENIZERS stay', () => {
    const { summary, secrets } = summarize();
    expect(summary.env).toEqual([
      { name: 'DB_PASSWORD', value: SECRET_MASK, secret: 'name', masked: true },
      {
        name: 'DATABASE_URL',
        value: `postgres://app:${SECRET_MASK}@db:5432/shop`,
        secret: 'url',
        masked: true,
      },
      { name: 'KEYBOARD_LAYOUT', value: 'us', masked: false },
      { name: 'GITHUB_TOKEN', value: SECRET_MASK, secret: 'name', masked: true },
      { name: 'TOKENIZERS_PARALLELISM', value: 'false', masked: false },
    ]);
    expect(secrets).toBe(3);
    expect(JSON.stringify(summary)).not.toMatch(/hunter2|s3cret|ghp_abc/);
  });

  it('reveals them when asked, still saying which are secrets', () => {
    const { summary, secrets } = summarize(undefined, true);
    expect(summary.env[0]).toEqual({ name: 'DB_PASSWORD', value: 'hunter2', secret: 'name', masked: false });
    expect(summary.env[1]?.value).toBe('postgres://app:s3cret@db:5432/shop');
    expect(secrets).toBe(3);
  });

  it('masks a URL password in the command PID 1 runs, and counts one secret once', () => {
    const { summary, secrets } = summarize((d) => {
      (d['Config'] as { Env: string[] }).Env = ['DATABASE_URL=redis://:pw@cache/0'];
      d['Args'] = ['--db', 'redis://:pw@cache/0'];
    });
    expect(summary.pid1.command.argv).toEqual(['/bin/sh', '--db', `redis://:${SECRET_MASK}@cache/0`]);
    expect(summary.pid1.command.line).not.toContain('pw@');
    expect(secrets).toBe(1);
  });

  it('reads the healthcheck in readable units with its latest results first', () => {
    const { summary } = summarize();
    expect(summary.healthcheck).toMatchObject({
      kind: 'CMD-SHELL',
      test: { line: 'wget -q -O- http://localhost/ || exit 1' },
      interval: '2s',
      timeout: '1s',
      startPeriod: '0s (default)',
      retries: '2',
      status: 'unhealthy',
      failingStreak: 3,
    });
    const log = summary.healthcheck!.log;
    expect(log).toHaveLength(3);
    expect(log[0]).toEqual({
      start: '2026-11-24T21:22:26Z',
      durationMs: 53,
      exitCode: 1,
      output: 'wget: server returned error: HTTP/1.1 404 Not Found',
    });
    expect(log[2]?.start).toBe('2026-11-24T21:22:22Z');
  });

  it('has no healthcheck when the container has none, and cuts long check output', () => {
    expect(
      summarize((d) => {
        delete (d['Config'] as Record<string, unknown>)['Healthcheck'];
        delete (d['State'] as Record<string, unknown>)['Health'];
      }).summary.healthcheck,
    ).toBeUndefined();
    const { summary } = summarize((d) => {
      const health = (d['State'] as { Health: { Log: { Output: string }[] } }).Health;
      health.Log[2]!.Output = `${Array.from({ length: 9 }, (_, i) => `line ${i}`).join('\n')}\n`;
    });
    expect(summary.healthcheck!.log[0]!.output).toBe(
      'line 0\nline 1\nline 2\nline 3\nline 4\n… (4 more lines)',
    );
  });

  it('groups compose labels first', () => {
    const { summary } = summarize();
    expect(summary.labels.compose.map((l) => l.key)).toEqual([
      'com.docker.compose.container-number',
      'com.docker.compose.project',
      'com.docker.compose.service',
    ]);
    expect(summary.labels.other).toEqual([
      { key: 'io.bosun.test', value: '1' },
      { key: 'org.opencontainers.image.title', value: 'web' },
    ]);
  });

  it('reads mounts: type, mode, propagation, named or anonymous volume', () => {
    const { summary } = summarize();
    expect(summary.mounts).toEqual([
      expect.objectContaining({ type: 'volume', destination: '/cache', mode: 'rw', anonymous: true }),
      {
        type: 'bind',
        source: '/srv',
        destination: '/www',
        mode: 'ro',
        propagation: 'rprivate',
        anonymous: false,
      },
      expect.objectContaining({
        type: 'volume',
        volumeName: 'fixture-data',
        destination: '/data',
        mode: 'rw',
        anonymous: false,
        driver: 'local',
      }),
    ]);
  });

  it('reads networks and ports, published and exposed-only', () => {
    const { summary } = summarize();
    expect(summary.networks).toEqual([
      {
        name: 'bridge',
        ipAddress: expect.stringMatching(/^172\.\d+\.\d+\.\d+\/16$/),
        ipv6Address: '',
        gateway: expect.stringMatching(/^172\./),
        macAddress: expect.stringMatching(/^02:42:/),
        aliases: [],
      },
    ]);
    expect(formatPorts(summary.ports)).toEqual([
      '127.0.0.1:8080→80/tcp',
      '0.0.0.0:32768→443/tcp',
      '9000/tcp',
    ]);
  });

  it('falls back to the configured bindings of a stopped container', () => {
    const { summary } = summarize((d) => {
      (d['NetworkSettings'] as Record<string, unknown>)['Ports'] = {};
    });
    expect(formatPorts(summary.ports)).toEqual(['127.0.0.1:8080→80/tcp', '443/tcp', '9000/tcp']);
  });

  it('lists only the limits that are set, and the security settings', () => {
    const { summary } = summarize();
    expect(summary.resources).toEqual([
      { key: 'Memory limit', value: '256 MiB' },
      // The engine sets swap to twice the memory limit when only --memory is given.
      { key: 'Memory + swap limit', value: '512 MiB' },
      { key: 'CPUs', value: '0.5' },
    ]);
    expect(summary.security).toEqual({
      privileged: false,
      readOnlyRootfs: false,
      capAdd: ['CAP_NET_ADMIN'],
      capDrop: [],
      securityOpt: ['no-new-privileges'],
    });
  });

  it('reads a stopped, OOM-killed container with an error', () => {
    const { summary } = summarize((d) => {
      d['State'] = {
        Status: 'exited',
        Pid: 0,
        ExitCode: 137,
        OOMKilled: true,
        Error: 'oci runtime error',
        StartedAt: '2025-01-02T03:04:05.123456789Z',
        FinishedAt: '2025-01-02T03:05:06.5Z',
      };
      d['RestartCount'] = 4;
    });
    expect(summary.state).toEqual({
      status: 'exited',
      startedAt: '2025-01-02T03:04:05Z',
      finishedAt: '2025-01-02T03:05:06Z',
      exitCode: 137,
      oomKilled: true,
      restartCount: 4,
      error: 'oci runtime error',
    });
    expect(summary.pid1.hostPid).toBeUndefined();
  });

  it('survives a document of the wrong shape (another engine, a hostile endpoint)', () => {
    const { summary } = buildSummary(
      { Id: 5, Name: ['x'], Config: 'nope', State: null, Mounts: {}, HostConfig: [] },
      undefined,
      { reveal: false },
    );
    expect(summary).toMatchObject({ id: '', name: '', env: [], mounts: [], ports: [], workingDir: '/' });
    expect(summary.state.status).toBe('unknown');
  });

  it('cuts very long values and lists, and says so', () => {
    const { summary } = summarize((d) => {
      const config = d['Config'] as { Env: string[]; Labels: Record<string, string> };
      config.Env = [`BIG=${'x'.repeat(MAX_VALUE_CHARS + 10)}`];
      config.Labels = Object.fromEntries(
        Array.from({ length: MAX_LIST_ITEMS + 5 }, (_, i) => [`l${i}`, 'v']),
      );
    });
    expect(summary.env[0]!.value).toMatch(/x… \(10 more characters\)$/);
    expect(summary.labels.other).toHaveLength(MAX_LIST_ITEMS);
    expect(summary.notes).toEqual([
      expect.stringContaining('cut here'),
      expect.stringContaining(`Only the first ${MAX_LIST_ITEMS} of ${MAX_LIST_ITEMS + 5} labels`),
    ]);
  });
});

describe('readableDuration', () => {
  it.each([
    [30_000_000_000, '30s'],
    [90_000_000_000, '1m30s'],
    [3_600_000_000_000, '1h'],
    [500_000_000, '500ms'],
    [1_500_000_000, '1.5s'],
    [2_500, '2.5µs'],
  ])('%d ns is %s', (ns, text) => expect(readableDuration(ns)).toBe(text));
});
