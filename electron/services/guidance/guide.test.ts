import { describe, expect, it } from 'vitest';
import { analyzeDelivery } from './delivery';
import { dockerFacts } from './docker-facts';
import { IMAGE_ENV, inspectDoc, NGINX_TOP, SHELL_TOP } from './fixtures/inspect';
import { FIXTURE_KNOWLEDGE } from './fixtures/programs';
import { verdictFor } from './guide';
import type { ProcessRow } from './guidance-engine';
import type { InspectDocument } from '../inspect/inspect-engine';

function judge(doc: InspectDocument, top: ProcessRow[], image = 'nginx:1.27') {
  const facts = { ...dockerFacts(doc, top, IMAGE_ENV), image };
  const match = FIXTURE_KNOWLEDGE.findPrograms({ image, processes: top, ports: facts.exposedPorts })[0];
  const delivery = analyzeDelivery(facts, match);
  return { facts, delivery, ...verdictFor(facts, delivery, match) };
}

describe('delivery and verdict', () => {
  it('nginx as PID 1: reload by SIGHUP through the kill API, config test first', () => {
    const { delivery, verdict } = judge(inspectDoc({}), NGINX_TOP);
    expect(delivery.pid1).toMatchObject({ kind: 'program', forwardsSignals: true });
    expect(verdict.kind).toBe('reload');
    expect(verdict.sentence).toBe(
      "Reload is possible: nginx reloads on SIGHUP to PID 1 through the engine's kill API, after its config test (`nginx -t`) passes.",
    );
    expect(verdict.plan?.kind).toBe('signal-pid1');
    expect(delivery.envConfig).toBeUndefined();
  });

  it('behind sh -c: the signal would be dropped, so kill goes to the master PID', () => {
    const { delivery, verdict, choice } = judge(
      inspectDoc({ path: '/bin/sh', args: ['-c', 'nginx -g "daemon off;"'], pid: 5200 }),
      SHELL_TOP,
    );
    expect(delivery.pid1.kind).toBe('shell');
    expect(delivery.pid1.forwardsSignals).toBe(false);
    expect(delivery.pid1.note).toMatch(/never reaches the program/);
    expect(verdict.plan?.kind).toBe('exec-kill');
    expect(choice?.ok && choice.delivered.how === 'exec-kill' && choice.delivered.process.pid).toBe(5230);
  });

  it('tini in front forwards to its direct child; dumb-init --rewrite does not count as forwarding', () => {
    const top = [
      { pid: 10, ppid: 1, command: '/sbin/docker-init -- nginx -g daemon off;' },
      { ...NGINX_TOP[0]!, ppid: 10 },
      { ...NGINX_TOP[1]!, ppid: 4100 },
    ];
    const tini = judge(
      inspectDoc({ path: '/sbin/docker-init', args: ['--', 'nginx'], pid: 10, init: true }),
      top,
    );
    expect(tini.delivery.pid1).toMatchObject({ kind: 'init', forwardsSignals: true });
    expect(tini.verdict.plan?.kind).toBe('signal-pid1');
    const rewriting = [{ pid: 10, ppid: 1, command: 'dumb-init --rewrite 1:10 nginx' }, ...top.slice(1)];
    const dumb = judge(inspectDoc({ path: 'dumb-init', pid: 10 }), rewriting);
    expect(dumb.delivery.pid1).toMatchObject({ kind: 'init', forwardsSignals: false });
    expect(dumb.verdict.plan?.kind).toBe('exec-kill');
  });

  it('supervisord and systemd say what the engine cannot see or do', () => {
    const sup = [
      { pid: 10, ppid: 1, command: '/usr/bin/python3 /usr/bin/supervisord -n' },
      { ...NGINX_TOP[0]!, ppid: 10 },
    ];
    const s = judge(inspectDoc({ path: '/usr/bin/supervisord', pid: 10 }), sup);
    expect(s.delivery.pid1.kind).toBe('supervisor');
    expect(s.delivery.pid1.note).toContain('supervisorctl signal HUP');
    const sd = [
      { pid: 10, ppid: 1, command: '/lib/systemd/systemd' },
      { ...NGINX_TOP[0]!, ppid: 10 },
    ];
    const d = judge(inspectDoc({ path: '/lib/systemd/systemd', pid: 10 }), sd);
    expect(d.delivery.pid1.kind).toBe('systemd');
    expect(d.delivery.pid1.note).toMatch(/invisible to Docker.*HEALTHCHECK/);
  });

  it('config sources: directory bind is live, single-file bind warns about editors, the rest is baked in', () => {
    const { delivery } = judge(
      inspectDoc({
        mounts: [
          { Type: 'bind', Source: '/srv/shop/nginx.conf', Destination: '/etc/nginx/nginx.conf' },
          { Type: 'bind', Source: '/srv/shop/conf.d', Destination: '/etc/nginx/conf.d' },
        ],
      }),
      NGINX_TOP,
    );
    // Mount kinds come from a stat inside the container: the workload fills isDirectory.
    expect(delivery.configSources.map((s) => s.kind)).toEqual(['bind-directory', 'bind-directory']);
    const facts = dockerFacts(
      inspectDoc({
        mounts: [{ Type: 'bind', Source: '/srv/nginx.conf', Destination: '/etc/nginx/nginx.conf' }],
      }),
      NGINX_TOP,
      IMAGE_ENV,
    );
    const withStat = { ...facts, mounts: facts.mounts.map((m) => ({ ...m, isDirectory: false })) };
    const match = FIXTURE_KNOWLEDGE.findPrograms({ image: 'nginx', processes: NGINX_TOP, ports: [] })[0];
    const sources = analyzeDelivery(withStat, match).configSources;
    expect(sources[0]).toMatchObject({ kind: 'bind-file', source: '/srv/nginx.conf' });
    expect(sources[0]?.note).toMatch(/renaming.*old content/);
    expect(sources[1]).toMatchObject({ path: '/etc/nginx/conf.d', kind: 'image' });
  });

  it('environment configuration: names only, and how to recreate (compose or docker run)', () => {
    const env = [...IMAGE_ENV, 'UPSTREAM=api:8080', 'API_TOKEN=s3cret', 'HOSTNAME=x'];
    const labels = {
      'com.docker.compose.project': 'shop',
      'com.docker.compose.service': 'web',
      'com.docker.compose.project.working_dir': '/srv/shop',
    };
    const { delivery } = judge(inspectDoc({ env, labels }), NGINX_TOP);
    expect(delivery.envConfig?.keys).toEqual(['UPSTREAM', 'API_TOKEN']);
    expect(JSON.stringify(delivery)).not.toContain('s3cret');
    expect(delivery.envConfig?.recreate).toContain('docker compose -p shop up -d web');
    const plain = judge(inspectDoc({ env }), NGINX_TOP);
    expect(plain.delivery.envConfig?.recreate).toContain('docker rm -f shop-web');
  });

  it('restart verdicts: unknown program, program with no reload, stopped container', () => {
    const httpd = [{ pid: 300, ppid: 280, command: '/httpd -f -p 8080' }];
    const unknown = judge(
      inspectDoc({ path: '/httpd', args: ['-f', '-p', '8080'], pid: 300 }),
      httpd,
      'local/noshell:1',
    );
    expect(unknown.verdict).toEqual({
      kind: 'restart',
      sentence:
        'A restart is needed because Bosun does not recognise the program in this container (PID 1: /httpd -f -p 8080), so it knows no safe way to reload it.',
    });
    const redis = judge(
      inspectDoc({ path: 'redis-server', args: [], pid: 300 }),
      [{ pid: 300, ppid: 1, command: 'redis-server *:6379' }],
      'redis:7',
    );
    expect(redis.verdict.sentence).toBe(
      'A restart is needed because Redis cannot reload its configuration in place (redis.conf is read at start only; use CONFIG SET).',
    );
    const stopped = judge(inspectDoc({ running: false }), []);
    expect(stopped.verdict.kind).toBe('restart');
    expect(stopped.verdict.sentence).toMatch(/not running/);
  });
});
