import { describe, expect, it } from 'vitest';
import { findPrograms } from './index';

const summary = (results: ReturnType<typeof findPrograms>) =>
  results.map((r) => ({ id: r.entry.id, confidence: r.confidence, pid: r.process?.pid }));

describe('findPrograms', () => {
  it('finds nothing in a container that runs none of the programs', () => {
    const processes = [{ pid: 4001, ppid: 4000, command: 'sleep 3600' }];
    expect(findPrograms({ image: 'busybox:1', processes, ports: [] })).toEqual([]);
  });

  it('puts a process match before an image match', () => {
    const processes = [{ pid: 10, ppid: 1, command: 'nginx: master process nginx -g daemon off;' }];
    expect(summary(findPrograms({ image: 'library/redis:7', processes, ports: [80] }))).toEqual([
      { id: 'nginx', confidence: 'process', pid: 10 },
      { id: 'redis', confidence: 'image', pid: undefined },
    ]);
  });

  it('gives one result per entry and picks the master over its workers, whatever the listing order', () => {
    const processes = [
      { pid: 31, ppid: 30, command: 'nginx: worker process' },
      { pid: 32, ppid: 30, command: 'nginx: worker process' },
      { pid: 30, ppid: 1, command: 'nginx: master process nginx -g daemon off;' },
    ];
    const results = findPrograms({ image: 'nginx:1.27', processes, ports: [80] });
    expect(summary(results)).toEqual([{ id: 'nginx', confidence: 'process', pid: 30 }]);
    expect(results[0]?.process?.command).toBe('nginx: master process nginx -g daemon off;');
  });

  it('finds nginx as the child when PID 1 is `sh -c nginx …` (a signal to PID 1 would be dropped)', () => {
    const processes = [
      { pid: 5100, ppid: 5080, command: "/bin/sh -c nginx -g 'daemon off;'" },
      { pid: 5120, ppid: 5100, command: 'nginx: master process nginx -g daemon off;' },
      { pid: 5121, ppid: 5120, command: 'nginx: worker process' },
    ];
    expect(summary(findPrograms({ image: 'local/debian-nginx:1', processes, ports: [] }))).toEqual([
      { id: 'nginx', confidence: 'process', pid: 5120 },
    ]);
  });

  it('takes the parent as master when master and workers share one command line, even with a higher PID', () => {
    const line = '/usr/local/bin/python /usr/local/bin/gunicorn app:app -w 2';
    const processes = [
      { pid: 21, ppid: 900, command: line },
      { pid: 22, ppid: 900, command: line },
      { pid: 900, ppid: 899, command: line },
      { pid: 899, ppid: 1, command: '/sbin/tini -- gunicorn app:app -w 2' },
    ];
    expect(findPrograms({ image: 'app:1', processes, ports: [] })[0]?.process?.pid).toBe(900);
  });

  it('falls back to the lowest PID when the listing has no parent PIDs', () => {
    const processes = [
      { pid: 72, command: 'postgres: checkpointer' },
      { pid: 70, command: 'postgres' },
      { pid: 71, command: 'postgres: walwriter' },
    ];
    expect(findPrograms({ image: 'postgres:16', processes, ports: [5432] })[0]?.process?.pid).toBe(70);
  });

  it('lists several programs of one container by process, the earliest started first', () => {
    const processes = [
      { pid: 1, command: '/usr/bin/python3 /usr/bin/supervisord -n' },
      { pid: 12, ppid: 1, command: 'php-fpm: master process (/usr/local/etc/php-fpm.conf)' },
      { pid: 9, ppid: 1, command: 'nginx: master process /usr/sbin/nginx -g daemon off;' },
      { pid: 13, ppid: 12, command: 'php-fpm: pool www' },
    ];
    expect(summary(findPrograms({ image: 'local/app:1', processes, ports: [80, 9000] }))).toEqual([
      { id: 'nginx', confidence: 'process', pid: 9 },
      { id: 'php-fpm', confidence: 'process', pid: 12 },
    ]);
  });

  it('puts PM2 before the node apps it runs', () => {
    const processes = [
      { pid: 200, ppid: 199, command: 'node /usr/local/bin/pm2-runtime start ecosystem.config.js' },
      { pid: 230, ppid: 200, command: 'node /app/server.js' },
    ];
    expect(summary(findPrograms({ image: 'node:22', processes, ports: [] })).map((r) => r.id)).toEqual([
      'pm2',
      'node',
    ]);
  });

  it('prefers, among process matches, the one the image names too', () => {
    const processes = [
      { pid: 10, command: 'nginx: master process nginx -g daemon off;' },
      { pid: 20, command: 'redis-server *:6379' },
    ];
    expect(findPrograms({ image: 'redis:7', processes, ports: [] }).map((r) => r.entry.id)).toEqual([
      'redis',
      'nginx',
    ]);
  });

  it('guesses from well-known ports only when neither a process nor the image names a program', () => {
    const processes = [{ pid: 5, command: '/app/server' }];
    expect(summary(findPrograms({ image: 'local/app:1', processes, ports: [5432, 1234] }))).toEqual([
      { id: 'postgresql', confidence: 'port', pid: undefined },
    ]);
    expect(findPrograms({ image: 'postgres:16', processes, ports: [6379] }).map((r) => r.entry.id)).toEqual([
      'postgresql',
    ]);
  });

  it('ranks a port guess by how many of the program’s ports are open', () => {
    const results = findPrograms({ image: 'local/app:1', processes: [], ports: [53, 67] });
    expect(results[0]?.entry.id).toBe('dnsmasq');
    expect(results.map((r) => r.confidence)).toEqual(results.map(() => 'port'));
    expect(results.map((r) => r.entry.id)).toEqual(expect.arrayContaining(['bind', 'coredns']));
  });
});
