import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { connectionsHarness, rejection, type ConnectionsHarness } from '../testing/connections-harness';
import { FakeEngine } from '../testing/fake-engine';
import type { SshSupport } from './connections-service';

let h: ConnectionsHarness | undefined;

afterEach(async () => {
  await h?.dispose();
  h = undefined;
});

const PRINT = 'SHA256:YRLE7Kdx8tP1Qd+YbW5+gK+55CB5LRScd6tAkqtSCB0';
const OTHER = `SHA256:${'B'.repeat(43)}`;

function unknownKey(): AppError {
  return new AppError('HOST_KEY_UNKNOWN', 'The SSH host key of [box]:2222 is not known yet.', {
    host: '[box]:2222',
    keyType: 'ssh-ed25519',
    fingerprint: PRINT,
  });
}

/** A host presenting PRINT: trusted once that exact fingerprint was accepted, refused before. */
function host(engine: FakeEngine, asked: (string | undefined)[]): SshSupport {
  return {
    checkHostKey(_spec, accept) {
      asked.push(accept);
      if (accept !== PRINT) return Promise.reject(unknownKey());
      delete engine.versionError;
      return Promise.resolve();
    },
    probe: () => Promise.resolve([]),
  };
}

describe('ConnectionsService.acceptHostKey', () => {
  it('re-checks the key the host presents: refuses another fingerprint, then trusts the right one and connects', async () => {
    const engine = new FakeEngine();
    engine.versionError = unknownKey();
    const asked: (string | undefined)[] = [];
    h = await connectionsHarness({ DOCKER_HOST: 'ssh://me@box:2222' }, () => engine, {
      ssh: host(engine, asked),
    });
    const { service } = h;
    await service.list();
    await service.get('docker-host')!.ready();
    expect((await service.list())[0]?.status.hostKey?.problem).toBe('unknown');

    const refused = await rejection(service.acceptHostKey('docker-host', OTHER));
    expect(refused.code).toBe('HOST_KEY_UNKNOWN');
    expect(refused.details?.['fingerprint']).toBe(PRINT);
    expect((await service.list())[0]?.status.state).toBe('unavailable');

    const connected = await service.acceptHostKey('docker-host', PRINT);
    expect(asked).toEqual([OTHER, PRINT]);
    expect(connected.status).toMatchObject({ state: 'connected' });
    expect(connected.status.hostKey).toBeUndefined();
  });

  it('refuses connections that are not reached over SSH, and unknown ids', async () => {
    h = await connectionsHarness({}, undefined, { ssh: host(new FakeEngine(), []) });
    const { service } = h;
    await service.add({ name: 'Local', endpoint: 'tcp://127.0.0.1:2375' });
    expect((await rejection(service.acceptHostKey('local', PRINT))).code).toBe('INVALID_ARGUMENT');
    expect((await rejection(service.acceptHostKey('nope', PRINT))).code).toBe('NOT_FOUND');
  });
});
