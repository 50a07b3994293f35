import type Docker from 'dockerode';
import { describe, expect, it, vi } from 'vitest';
import { containerRowSchema } from '../../shared/contract';
import { containerState, healthFromStatus, logUnknownStatesOnce, toContainerSummary } from './container-row';

function info(overrides: Partial<Docker.ContainerInfo> = {}): Docker.ContainerInfo {
  return {
    Id: 'a'.repeat(64),
    Names: ['/web-1'],
    Image: 'local/debian-nginx:1',
    ImageID: 'sha256:' + 'b'.repeat(64),
    Command: 'nginx -g daemon off;',
    Created: 1_700_000_000,
    Ports: [],
    Labels: {},
    State: 'running',
    Status: 'Up 3 minutes',
    HostConfig: { NetworkMode: 'bridge' },
    NetworkSettings: { Networks: {} },
    Mounts: [],
    ...overrides,
  };
}

describe('toContainerSummary', () => {
  it('maps a list entry to a contract row', () => {
    const row = toContainerSummary(
      info({
        Labels: { 'com.docker.compose.project': 'shop', 'com.docker.compose.service': 'web', other: 'x' },
        Ports: [
          { IP: '127.0.0.1', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' },
          { IP: '', PrivatePort: 53, PublicPort: 0, Type: 'udp' },
        ],
      }),
    );
    expect(row).toEqual({
      id: 'a'.repeat(64),
      name: 'web-1',
      image: 'local/debian-nginx:1',
      imageId: 'sha256:' + 'b'.repeat(64),
      command: 'nginx -g daemon off;',
      created: 1_700_000_000_000,
      state: 'running',
      status: 'Up 3 minutes',
      ports: [
        { privatePort: 80, publicPort: 8080, ip: '127.0.0.1', type: 'tcp' },
        { privatePort: 53, type: 'udp' },
      ],
      composeProject: 'shop',
      composeService: 'web',
      labels: { 'com.docker.compose.project': 'shop', 'com.docker.compose.service': 'web', other: 'x' },
    });
    expect(containerRowSchema.safeParse({ ...row, connectionId: 'docker-host' }).success).toBe(true);
  });

  it("prefers a container's own name over link aliases", () => {
    expect(toContainerSummary(info({ Names: ['/app/db', '/db-1'] })).name).toBe('db-1');
  });

  it('maps unknown states and port types to valid values (Podman speaks a dialect)', () => {
    const row = toContainerSummary(
      info({ State: 'stopped', Ports: [{ IP: '', PrivatePort: 1, PublicPort: 0, Type: 'weird' }] }),
    );
    expect(row.state).toBe('exited');
    expect(row.ports[0]?.type).toBe('tcp');
    expect(toContainerSummary(info({ State: 'configured' })).state).toBe('created');
    expect(toContainerSummary(info({ State: 'Exited' })).state).toBe('exited');
  });

  it.each([
    ['stopped', 'Exited (0) 3 seconds ago', 'exited'],
    ['configured', 'Created', 'created'],
    ['initialized', 'Created', 'created'],
    ['stopping', 'Up 2 minutes', 'running'],
    ['Running', 'Up 2 minutes', 'running'],
  ] as const)("maps Podman's %s to %s", (raw, status, expected) => {
    const report = vi.fn();
    expect(containerState(raw, status, report)).toBe(expected);
    expect(report).not.toHaveBeenCalled();
  });

  it.each([
    ['unknown', 'Up 5 minutes', 'running'],
    ['unknown', 'Up 5 minutes (Paused)', 'paused'],
    ['unknown', 'Exited (137) 2 hours ago', 'exited'],
    ['frobnicating', 'Created', 'created'],
    ['', 'Restarting (1) 3 seconds ago', 'restarting'],
    ['mystery', '', 'exited'],
    [undefined, 'who knows', 'exited'],
  ] as const)(
    'never calls an unknown state %j dead: status %j shows %s, and says so',
    (raw, status, expected) => {
      const report = vi.fn();
      expect(containerState(raw, status, report)).toBe(expected);
      expect(report).toHaveBeenCalledWith(raw ?? '', expected);
    },
  );

  it('logs each unknown state once, however many rows and re-reads carry it', () => {
    const logs: string[] = [];
    const report = logUnknownStatesOnce((message) => logs.push(message));
    for (let n = 0; n < 5; n++) toContainerSummary(info({ State: 'mystery', Status: '' }), report);
    toContainerSummary(info({ State: 'other', Status: 'Up 1 second' }), report);
    expect(logs).toEqual([
      'An engine reported the container state "mystery", which Bosun does not know; it is shown as exited.',
      'An engine reported the container state "other", which Bosun does not know; it is shown as running.',
    ]);
  });

  it.each([
    ['Up 2 minutes (healthy)', 'healthy'],
    ['Up 2 minutes (unhealthy)', 'unhealthy'],
    ['Up 3 seconds (health: starting)', 'starting'],
    ['Up 2 minutes', undefined],
    ['Exited (0) 5 seconds ago', undefined],
  ])('reads health from %j', (status, health) => {
    expect(healthFromStatus(status)).toBe(health);
    expect(toContainerSummary(info({ Status: status })).health).toBe(health);
  });
});
