import type { ContainerRow, In, InspectResult, InspectSummary } from '../../../electron/shared/contract';
import { SECRET_MASK } from '../../../electron/shared/contract/inspect';

/**
 * What the core answers for a busybox web container with a password and a database URL in its env,
 * masked unless revealed (the core does the masking; the renderer only shows what it gets).
 */
export function inspectAnswer(row: ContainerRow, input: In<'containers.inspect'>): InspectResult {
  const reveal = input.reveal === true;
  const password = reveal ? 'hunter2' : SECRET_MASK;
  const url = `postgres://app:${reveal ? 's3cret' : SECRET_MASK}@db:5432/shop`;
  const summary: InspectSummary = {
    id: row.id,
    name: row.name,
    image: { ref: row.image, id: row.imageId },
    created: '2025-11-24T21:15:27Z',
    state: {
      status: row.state,
      startedAt: '2025-11-24T21:15:28Z',
      exitCode: 0,
      oomKilled: false,
      restartCount: 2,
      health: 'healthy',
    },
    pid1: { hostPid: 4242, command: { argv: ['httpd', '-f'], line: 'httpd -f' } },
    entrypoint: { source: 'image' },
    cmd: {
      effective: { argv: ['httpd', '-f'], line: 'httpd -f' },
      source: 'container',
      image: { argv: ['sh'], line: 'sh' },
    },
    workingDir: '/srv',
    user: '',
    env: [
      { name: 'DB_PASSWORD', value: password, secret: 'name', masked: !reveal },
      { name: 'DATABASE_URL', value: url, secret: 'url', masked: !reveal },
      { name: 'KEYBOARD_LAYOUT', value: 'us', masked: false },
    ],
    restartPolicy: { name: 'on-failure', maxRetries: 3 },
    healthcheck: {
      kind: 'CMD-SHELL',
      test: { argv: ['wget -q -O- http://localhost/'], line: 'wget -q -O- http://localhost/' },
      interval: '2s',
      timeout: '30s (default)',
      startPeriod: '0s (default)',
      retries: '3 (default)',
      status: 'healthy',
      failingStreak: 0,
      log: [{ start: '2025-11-24T21:15:30Z', durationMs: 53, exitCode: 0, output: 'ok' }],
    },
    labels: {
      compose: [{ key: 'com.docker.compose.project', value: 'shop' }],
      other: [{ key: 'org.example.team', value: 'web' }],
    },
    mounts: [
      {
        type: 'volume',
        source: '/var/lib/docker/volumes/shop-data/_data',
        destination: '/data',
        mode: 'rw',
        propagation: '',
        volumeName: 'shop-data',
        anonymous: false,
        driver: 'local',
      },
    ],
    networkMode: 'bridge',
    networks: [
      {
        name: 'bridge',
        ipAddress: '172.17.0.2/16',
        ipv6Address: '',
        gateway: '172.17.0.1',
        macAddress: '02:42:ac:11:00:02',
        aliases: [],
      },
    ],
    ports: [{ privatePort: 80, publicPort: 8080, ip: '127.0.0.1', type: 'tcp' }],
    resources: [{ key: 'Memory limit', value: '256 MiB' }],
    security: { privileged: false, readOnlyRootfs: false, capAdd: [], capDrop: [], securityOpt: [] },
    notes: [],
  };
  const raw = {
    Id: row.id,
    Name: `/${row.name}`,
    State: { Status: row.state, Running: row.state === 'running', Pid: 4242 },
    Config: {
      Env: [`DB_PASSWORD=${password}`, `DATABASE_URL=${url}`, 'KEYBOARD_LAYOUT=us'],
      Cmd: ['httpd', '-f'],
      Labels: { 'com.docker.compose.project': 'shop' },
    },
    HostConfig: { RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 3 } },
  };
  return { summary, raw, secrets: 2, revealed: reveal };
}
