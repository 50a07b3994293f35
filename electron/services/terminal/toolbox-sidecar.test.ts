import { hostname } from 'node:os';
import { beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import type { LabelledContainer } from '../containers/toolbox-engine';
import { FakeToolbox } from '../testing/fake-toolbox';
import {
  cleanupOrphans,
  localOwnerLiveness,
  ownerId,
  pidAlive,
  sidecarSpec,
  startSidecar,
} from './toolbox-sidecar';

const TARGET: LabelledContainer = { id: 'f00d'.repeat(16), name: 'web', state: 'running', labels: {} };
const REQUEST = { image: 'bosun/toolbox:1', targetId: TARGET.id, sessionId: 's1', ownerId: 'desk:42' };

let engine: FakeToolbox;
beforeEach(() => {
  engine = new FakeToolbox();
  engine.containers.set(TARGET.id, TARGET);
});

describe('sidecarSpec', () => {
  it("joins the target's network and PID namespaces, leashed on stdin, removed when it ends", () => {
    const spec = sidecarSpec({ ...REQUEST, labels: { 'io.bosun.test': '1' } }, TARGET);
    expect(spec.name).toMatch(/^bosun-toolbox-f00df00df00d-[0-9a-f]{4}$/);
    expect(spec).toMatchObject({
      Image: 'bosun/toolbox:1',
      Cmd: ['cat'],
      OpenStdin: true,
      StdinOnce: true,
      Tty: false,
      HostConfig: {
        NetworkMode: `container:${TARGET.id}`,
        PidMode: `container:${TARGET.id}`,
        AutoRemove: true,
        CapAdd: ['SYS_PTRACE'],
        Init: false,
      },
      Labels: {
        'io.bosun.test': '1',
        'io.bosun.toolbox.sidecar': '1',
        'io.bosun.toolbox.target': TARGET.id,
        'io.bosun.toolbox.session': 's1',
        'io.bosun.toolbox.owner': 'desk:42',
      },
    });
    // Several sessions on one target each get their own sidecar.
    const names = new Set(Array.from({ length: 20 }, () => sidecarSpec(REQUEST, TARGET).name));
    expect(names.size).toBeGreaterThan(1);
  });
});

describe('startSidecar', () => {
  it('creates, attaches its stdin before starting it, and stop() ends the leash and removes it once', async () => {
    const sidecar = await startSidecar(engine, REQUEST);
    expect(sidecar.containerId).toBe('side1');
    expect(engine.calls).toEqual(['create side1', 'attach side1', 'start side1']);
    await Promise.all([sidecar.stop(), sidecar.stop()]);
    expect(engine.leashes[0]?.released).toBe(true);
    expect(engine.calls.filter((c) => c.startsWith('remove'))).toEqual(['remove side1']);
  });

  it('refuses a target that is not running with CONFLICT, and a gone one with NOT_FOUND', async () => {
    engine.containers.set(TARGET.id, { ...TARGET, state: 'exited' });
    await expect(startSidecar(engine, REQUEST)).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/^The container web is exited: .* Start the container first\.$/),
    });
    engine.containers.delete(TARGET.id);
    await expect(startSidecar(engine, REQUEST)).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining('no longer exists'),
    });
    expect(engine.created).toEqual([]);
  });

  it('leaves nothing behind when the start fails, and says the target stopped meanwhile', async () => {
    engine.failStart = new AppError(
      'UNAVAILABLE',
      'HTTP 500: cannot join network of a non running container',
    );
    engine.onStart = () => engine.containers.set(TARGET.id, { ...TARGET, state: 'exited' });
    await expect(startSidecar(engine, REQUEST)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(engine.leashes[0]?.released).toBe(true);
    expect(engine.containers.has('side1')).toBe(false);

    engine.onStart = () => engine.containers.delete(TARGET.id);
    engine.containers.set(TARGET.id, TARGET);
    await expect(startSidecar(engine, REQUEST)).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining('was removed while the toolbox started'),
    });

    engine.onStart = undefined;
    engine.containers.set(TARGET.id, TARGET);
    await expect(startSidecar(engine, REQUEST)).rejects.toBe(engine.failStart);
  });
});

describe('owners', () => {
  it('names this process <hostname>:<pid>', () => {
    expect(ownerId()).toBe(`${hostname()}:${process.pid}`);
    expect(pidAlive(process.pid)).toBe(true);
  });

  it('judges only owners of this host, by their pid', () => {
    const alive = localOwnerLiveness('desk', (pid) => pid === 7);
    expect(alive('desk:7')).toBe(true);
    expect(alive('desk:8')).toBe(false);
    expect(alive(`desk:${process.pid}`)).toBe(true);
    // Another desktop sharing a remote engine: not ours to judge.
    expect(alive('laptop:8')).toBe(true);
    expect(alive('host:with:colons:8')).toBe(true);
    expect(localOwnerLiveness('host:with:colons', () => false)('host:with:colons:8')).toBe(false);
    expect(alive('garbage')).toBe(true);
  });
});

describe('cleanupOrphans', () => {
  it('removes the sidecars of dead owners (and of none), keeps the others', async () => {
    const sidecar = (id: string, owner?: string): LabelledContainer => ({
      id,
      name: id,
      state: 'running',
      labels: { 'io.bosun.toolbox.sidecar': '1', ...(owner ? { 'io.bosun.toolbox.owner': owner } : {}) },
    });
    for (const c of [sidecar('dead', 'desk:8'), sidecar('alive', 'desk:7'), sidecar('ownerless')])
      engine.containers.set(c.id, c);
    const errors: string[] = [];
    const removed = await cleanupOrphans(engine, {
      isOwnerAlive: localOwnerLiveness('desk', (pid) => pid === 7),
      onError: (id) => errors.push(id),
    });
    expect(removed).toBe(2);
    expect([...engine.containers.keys()].sort()).toEqual(['alive', TARGET.id].sort());
    expect(errors).toEqual([]);
  });

  it('reports a removal that fails and counts only what it removed', async () => {
    engine.containers.set('x', {
      id: 'x',
      name: 'x',
      state: 'created',
      labels: { 'io.bosun.toolbox.sidecar': '1' },
    });
    const failure = new AppError('UNAVAILABLE', 'engine gone');
    engine.removeContainer = async () => {
      throw failure;
    };
    const errors: unknown[] = [];
    await expect(
      cleanupOrphans(engine, { isOwnerAlive: () => false, onError: (_id, error) => errors.push(error) }),
    ).resolves.toBe(0);
    expect(errors).toEqual([failure]);
  });
});
