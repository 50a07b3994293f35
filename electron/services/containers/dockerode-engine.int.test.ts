import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineProxy } from '../testing/engine-proxy';
import { createTestContainer, removeTestContainers, startIntCore, type IntCore } from '../testing/int-core';
import { makeTestCerts, type TestCerts } from '../testing/test-certs';

let t: IntCore;
let certs: TestCerts;
let plain: EngineProxy;
let secure: EngineProxy;
let id: string;

beforeAll(async () => {
  t = await startIntCore();
  const dir = join(t.test.root, 'certs');
  await mkdir(dir);
  certs = makeTestCerts(dir);
  plain = new EngineProxy(t.env.dockerSocketPath);
  secure = new EngineProxy(t.env.dockerSocketPath, {
    tls: { ...certs.server, requestCert: true, rejectUnauthorized: true },
  });
  await Promise.all([plain.start(), secure.start()]);
  id = await createTestContainer(t.engine, t.env.images.busybox);
});

afterAll(async () => {
  if (!t) return;
  await Promise.all([plain?.stop(), secure?.stop()]);
  await removeTestContainers(t.engine, id ? [id] : []);
  await t.close();
  expect(t.internalErrors).toEqual([]);
});

describe('DockerodeEngine over tcp:// and TLS (through the contract)', () => {
  it('connects over plain TCP and lists the same containers', async () => {
    const added = await t.client.call('connections.add', { name: 'plain tcp', endpoint: plain.endpoint });
    expect(added).toMatchObject({ tls: false, status: { state: 'connected', engine: { os: 'linux' } } });
    const { rows, failures } = await t.client.call('containers.list', { connectionIds: ['plain-tcp'] });
    expect(failures).toEqual([]);
    expect(rows.map((r) => r.id)).toContain(id);
  });

  it('connects over TLS with a CA and a client certificate', async () => {
    const added = await t.client.call('connections.add', {
      name: 'tls',
      endpoint: secure.endpoint,
      tls: certs.client,
    });
    expect(added).toMatchObject({ tls: true, status: { state: 'connected' } });
    const { rows } = await t.client.call('containers.list', { connectionIds: ['tls'] });
    expect(rows.map((r) => r.id)).toContain(id);
  });

  it('reports a certificate the CA did not sign as a TLS failure, with what to check', async () => {
    await t.client.call('connections.remove', { id: 'tls' });
    const added = await t.client.call('connections.add', {
      name: 'wrong ca',
      endpoint: secure.endpoint,
      tls: { ...certs.client, ca: certs.otherCa },
    });
    expect(added.status).toMatchObject({
      state: 'unavailable',
      reason: expect.stringMatching(/^The TLS handshake with tcp:\/\/127\.0\.0\.1:\d+ failed \(/),
      hint: expect.stringContaining('CA'),
    });
  });

  it('reports plain HTTP to a TLS port as unavailable, never as an internal error', async () => {
    await t.client.call('connections.remove', { id: 'wrong-ca' });
    const added = await t.client.call('connections.add', { name: 'no tls', endpoint: secure.endpoint });
    expect(added.status).toMatchObject({
      state: 'unavailable',
      reason: `The engine at ${secure.endpoint} closed the connection.`,
      hint: expect.stringContaining('expects TLS'),
    });
  });

  it('reports a closed port as connection refused', async () => {
    await t.client.call('connections.remove', { id: 'plain-tcp' });
    await plain.stop();
    const added = await t.client.call('connections.add', { name: 'refused', endpoint: plain.endpoint });
    expect(added.status).toMatchObject({
      state: 'unavailable',
      reason: `Nothing is listening at ${plain.endpoint} (connection refused).`,
    });
  });
});
