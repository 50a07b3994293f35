import { describe, expect, it, vi } from 'vitest';
import { containerAuditSchema, hostAuditSchema } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { fakeDirectory, labDirectory } from '../testing/fake-directory';
import { FakeEngine, fakeContainer } from '../testing/fake-engine';
import { AuditService } from './audit-service';
import { hardenedDoc, inspectDoc } from './inspect-fixture';

const rwBind = (Source: string) => ({
  Type: 'bind',
  Source,
  Destination: '/data',
  Mode: '',
  RW: true,
  Propagation: 'rprivate',
});

/** An engine with these documents listed and inspectable. */
function engineWith(...docs: ReturnType<typeof inspectDoc>[]): FakeEngine {
  const engine = new FakeEngine();
  for (const doc of docs) {
    const id = doc['Id'] as string;
    engine.containers.set(id, fakeContainer(id, { name: (doc['Name'] as string).slice(1) }));
    engine.inspect.containers.set(id, doc);
    engine.guidance.processList.set(id, [{ pid: 1, command: 'sleep 3600' }]);
  }
  // FakeFiles serves one container; here every listed one answers /changes (and a vanished one NOT_FOUND).
  vi.spyOn(engine.files, 'changes').mockImplementation(async (id) => {
    if (!engine.inspect.containers.has(id)) throw new AppError('NOT_FOUND', `The container ${id} is gone.`);
    return [...engine.files.changeList];
  });
  return engine;
}

describe('AuditService', () => {
  it('audits one container against the whole host, reading its processes, changes and execs', async () => {
    const mine = hardenedDoc({ Mounts: [rwBind('/srv/shared')], ExecIDs: ['e1'.padEnd(64, '0')] });
    const other = hardenedDoc({ Mounts: [rwBind('/srv/shared')] });
    const engine = engineWith(mine, other);
    engine.files.changeList = [{ path: '/root/.ssh/authorized_keys', kind: 'added' }];
    engine.audit.execs.set('e1'.padEnd(64, '0'), { privileged: true, user: '', running: true });
    const service = new AuditService(labDirectory(engine));
    const id = mine['Id'] as string;
    const result = await service.container({ connectionId: 'lab', containerId: id.slice(0, 12) });
    expect(containerAuditSchema.parse(result)).toEqual(result);
    expect(result.containerId).toBe(id);
    expect(result.findings.map((f) => f.rule)).toEqual(['R04', 'R05', 'R32', 'R35']);
    expect(result.counts).toEqual({ critical: 0, high: 1, medium: 2, low: 0, info: 1 });
    expect(result.unchecked).toEqual([]);
    // Deep reads only for the container asked about.
    expect(engine.inspect.calls.sort()).toEqual(
      [`container ${id}`, `container ${other['Id'] as string}`].sort(),
    );
  });

  it('says which rules it could not check on a stopped container', async () => {
    const stopped = hardenedDoc({ State: { Running: false, Status: 'exited' } });
    const service = new AuditService(labDirectory(engineWith(stopped)));
    const result = await service.container({ connectionId: 'lab', containerId: stopped['Id'] as string });
    expect(result.unchecked.map((u) => u.rule)).toEqual(['R31']);
    expect(result.unchecked[0]!.reason).toMatch(/not running/);
  });

  it('answers NOT_FOUND for a container that is not there', async () => {
    const service = new AuditService(labDirectory(engineWith(inspectDoc())));
    await expect(
      service.container({ connectionId: 'lab', containerId: 'abcdefabcdef' }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringMatching(/is gone/),
    });
  });

  it('skips containers that vanish between the list and their inspect, and reports engines that fail beside the rest', async () => {
    const kept = inspectDoc({ HostConfig: { Privileged: true } });
    const engine = engineWith(kept);
    engine.containers.set('f'.repeat(64), fakeContainer('f'.repeat(64), { name: 'vanished' }));
    const directory = await fakeDirectory({
      lab: engine,
      far: new AppError('UNAVAILABLE', 'The engine at far is not answering.'),
    });
    try {
      const result = await new AuditService(directory).host({});
      expect(hostAuditSchema.parse(result)).toEqual(result);
      expect(result.hosts).toEqual([{ connectionId: 'lab', containers: 1, vanished: 1 }]);
      expect(result.failures).toEqual([
        { connectionId: 'far', code: 'UNAVAILABLE', message: 'The engine at far is not answering.' },
      ]);
      expect(result.findings[0]).toMatchObject({
        rule: 'R01',
        severity: 'critical',
        connectionId: 'lab',
        containerId: kept['Id'],
      });
      expect(result.counts.critical).toBe(1);
      expect(result.findings.length).toBe(Object.values(result.counts).reduce((a, b) => a + b, 0));
    } finally {
      directory.close();
    }
  });
});
