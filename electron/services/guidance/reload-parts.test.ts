import { describe, expect, it } from 'vitest';
import { restartImpact, composeDependents } from './impact';
import { innerPid, parseStatLines } from './process-map';
import { countEstablished } from './tcp-table';
import { probeTargets } from './tcp-probe';
import { dockerFacts } from './docker-facts';
import { inspectDoc, NGINX_TOP, SHELL_TOP } from './fixtures/inspect';
import { fakeContainer, hexId } from '../testing/fake-engine';

const TCP = `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 00000000:0050 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1 0 100 0 0 10 0
   1: 020011AC:0050 010011AC:C8F2 01 00000000:00000000 00:00000000 00000000   101        0 2 1 0 20 4 30 10 -1
   2: 020011AC:0050 010011AC:C8F4 01 00000000:00000000 00:00000000 00000000   101        0 3 1 0 20 4 30 10 -1
   3: 020011AC:0050 010011AC:C8F6 06 00000000:00000000 03:00001770 00000000     0        0 0 3 0
   4: 020011AC:9C40 0A0011AC:1F90 01 00000000:00000000 00:00000000 00000000   101        0 4 1 0 20 4 30 10 -1
  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 0000000000000000FFFF0000020011AC:0050 0000000000000000FFFF0000010011AC:D000 01 00000000:00000000 00:00000000 00000000  101 0 5 1 0 20 4 30 10 -1
`;

describe('guidance parts', () => {
  it('counts established connections on the published ports only (v4 and v6, not listen or time-wait)', () => {
    expect(countEstablished(TCP, [80])).toBe(3);
    expect(countEstablished(TCP, [443])).toBe(0);
  });

  it('maps a host PID to the PID inside the container by the shape of the tree', () => {
    const inner = parseStatLines('1 (sh) S 0 1 1\n7 (nginx) S 1 7 7\n8 (nginx) S 7 7 7\n31 (sh) R 0 31 31\n');
    expect(innerPid(SHELL_TOP, 5200, inner, 5230)).toBe(7);
    expect(innerPid(SHELL_TOP, 5200, inner, 5231)).toBe(8);
    // A worker appeared between the reads: no guess.
    expect(
      innerPid(
        [...SHELL_TOP, { pid: 5232, ppid: 5230, command: 'nginx: worker process' }],
        5200,
        inner,
        5231,
      ),
    ).toBeUndefined();
    expect(innerPid(NGINX_TOP, 4100, inner, 9999)).toBeUndefined();
  });

  it('restart impact names ports, open connections, the health check and compose dependents', () => {
    const labels = { 'com.docker.compose.project': 'shop', 'com.docker.compose.service': 'web' };
    const facts = dockerFacts(
      inspectDoc({ labels, healthcheck: ['CMD', 'curl', '-f', 'http://localhost'] }),
      NGINX_TOP,
      [],
    );
    const others = [
      fakeContainer(hexId(1), {
        name: 'shop-worker-1',
        labels: {
          'com.docker.compose.project': 'shop',
          'com.docker.compose.depends_on': 'web:service_started:false,db:service_healthy:true',
        },
      }),
      fakeContainer(hexId(2), {
        name: 'shop-db-1',
        labels: { 'com.docker.compose.project': 'shop', 'com.docker.compose.depends_on': '' },
      }),
      fakeContainer(hexId(3), {
        name: 'other-1',
        labels: {
          'com.docker.compose.project': 'other',
          'com.docker.compose.depends_on': 'web:service_started:false',
        },
      }),
    ];
    const dependents = composeDependents(facts, others);
    expect(dependents).toEqual(['shop-worker-1']);
    const impact = restartImpact(facts, { count: 3, note: 'counted' }, dependents);
    expect(impact.summary).toBe(
      'A restart closes 127.0.0.1:8080→80/tcp for the length of the restart (3 open connections now, which will be cut); the health check reports "starting" until it passes again; 1 compose service depends on it (shop-worker-1).',
    );
  });

  it('probes published ports where they can be reached, and says why not over SSH', () => {
    const ports = [{ containerPort: 80, protocol: 'tcp' as const, hostIp: '0.0.0.0', hostPort: 8080 }];
    expect(probeTargets(ports, 'unix:///var/run/docker.sock')).toEqual({
      targets: [{ host: '127.0.0.1', port: 8080 }],
    });
    expect(probeTargets(ports, 'tcp://10.0.0.5:2376')).toEqual({
      targets: [{ host: '10.0.0.5', port: 8080 }],
    });
    expect(probeTargets(ports, 'ssh://ops@build')).toHaveProperty('skipped');
    expect(probeTargets([], 'unix:///x')).toHaveProperty('skipped');
    expect(probeTargets([{ ...ports[0]!, hostIp: '127.0.0.1' }], 'tcp://10.0.0.5:2376')).toHaveProperty(
      'skipped',
    );
  });
});
