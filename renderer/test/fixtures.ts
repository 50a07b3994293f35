import type { Connection, ContainerRow } from '../../electron/shared/contract';

/** A random 64-hex id, as the engine makes them (so id prefixes tell containers apart). */
export function containerId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(32)), (b) => b.toString(16).padStart(2, '0')).join(
    '',
  );
}

export function makeConnection(overrides: Partial<Connection> & { id: string }): Connection {
  return {
    name: overrides.id,
    kind: 'docker',
    endpoint: `unix:///run/${overrides.id}.sock`,
    source: 'user',
    current: false,
    tls: false,
    status: {
      state: 'connected',
      since: 1_700_000_000_000,
      retryable: true,
      engine: { version: '20.10.24', apiVersion: '1.41', os: 'linux', arch: 'amd64', name: overrides.id },
    },
    ...overrides,
  };
}

export function makeRow(
  overrides: Partial<ContainerRow> & { name: string; connectionId: string },
): ContainerRow {
  return {
    id: containerId(),
    image: 'local/busybox:1',
    imageId: 'sha256:' + 'b'.repeat(64),
    command: 'sleep 3600',
    created: 1_700_000_000,
    state: 'running',
    status: 'Up 5 minutes',
    ports: [],
    labels: {},
    ...overrides,
  };
}
