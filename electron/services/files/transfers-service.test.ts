import { extract as tarExtract } from 'tar-stream';
import { describe, expect, it } from 'vitest';
import type { FileTransfer } from '../../shared/contract';
import { FakeFiles } from '../testing/fake-files';
import { directoryWith } from './test-directory';
import { MAX_TRANSFERS_PER_CLIENT, TransfersService } from './transfers-service';

const ID = 'ab12cd34ef56';
const at = { connectionId: 'lab', containerId: ID };
const T1 = '0b9f5c1e-6a3b-4c1f-9e4d-2f6a7b8c9d01';
const T2 = '0b9f5c1e-6a3b-4c1f-9e4d-2f6a7b8c9d02';

function content(size: number): Uint8Array {
  return Uint8Array.from({ length: size }, (_, i) => (i * 7) & 0xff);
}

function setup(files = new FakeFiles(ID), pump = {}, stallMs?: number) {
  const events: FileTransfer[] = [];
  const service = new TransfersService({
    engines: directoryWith(files),
    publish: (t) => events.push(t),
    pump,
    ...(stallMs !== undefined ? { stallMs } : {}),
  });
  /** Subscribes as the bus would, so the id is claimed by `client`. */
  const claim = (transferId: string, client = 'me') => service.transferGuard.admit({ transferId }, client);
  const ended = () => events.find((e) => e.type === 'ended');
  const bytes = () => Buffer.concat(events.flatMap((e) => (e.type === 'data' ? [e.data] : [])));
  return { files, service, events, claim, ended, bytes };
}

async function until(check: () => unknown, ms = 2_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('TransfersService downloads', () => {
  it('sends a file as its own bytes, in order, then ended complete', async () => {
    const data = content(300_000);
    const t = setup(new FakeFiles(ID).dir('/etc').file('/etc/blob', data));
    expect(t.claim(T1)).toBeUndefined();
    const opened = await t.service.download({ ...at, transferId: T1, path: '/etc/blob' }, 'me');
    expect(opened).toEqual({ transferId: T1, kind: 'file', name: 'blob', path: '/etc/blob', total: 300_000 });
    await until(t.ended);
    expect(t.ended()).toEqual({
      type: 'ended',
      transferId: T1,
      reason: 'complete',
      bytes: 300_000,
      message: '',
    });
    expect(t.bytes().equals(Buffer.from(data))).toBe(true);
    // Offsets say where each chunk goes: nothing lost, nothing twice.
    let offset = 0;
    for (const e of t.events) {
      if (e.type !== 'data') continue;
      expect(e.offset).toBe(offset);
      offset += e.data.byteLength;
    }
    expect(t.service.counts.downloads).toBe(0);
  });

  it('follows a link to a file, and sends a folder as a tar of it', async () => {
    const files = new FakeFiles(ID).dir('/srv', '/srv/site').file('/srv/site/index.html', '<h1>hi</h1>');
    files.link('/srv/current', '/srv/site');
    const t = setup(files);
    t.claim(T1);
    const opened = await t.service.download({ ...at, transferId: T1, path: '/srv/current' }, 'me');
    expect(opened).toMatchObject({ kind: 'folder', name: 'site.tar', path: '/srv/site', total: null });
    await until(t.ended);
    expect(t.ended()).toMatchObject({ reason: 'complete' });
    const names: string[] = [];
    const extract = tarExtract();
    extract.end(t.bytes());
    for await (const entry of extract) {
      names.push(entry.header.name);
      entry.resume();
    }
    expect(names).toEqual(['site/', 'site/index.html']);
  });

  it('pauses while the client has not stored enough, and resumes on its acks', async () => {
    const data = content(1_000_000);
    const t = setup(new FakeFiles(ID).dir('/d').file('/d/f', data), {
      highWater: 100_000,
      lowWater: 20_000,
      batchBytes: 16_384,
    });
    t.claim(T1);
    await t.service.download({ ...at, transferId: T1, path: '/d/f' }, 'me');
    await until(() => t.service.flow(T1)?.paused);
    const held = t.bytes().length;
    expect(held).toBeLessThan(200_000);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(t.bytes().length).toBe(held);
    while (!t.ended()) {
      t.service.ack(T1, t.service.flow(T1)?.unacked ?? 0, 'me');
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    expect(t.bytes().equals(Buffer.from(data))).toBe(true);
  });

  it('needs the subscription first, belongs to its client, and refuses a duplicate id', async () => {
    const t = setup(new FakeFiles(ID).dir('/d').file('/d/f', content(10)));
    await expect(t.service.download({ ...at, transferId: T1, path: '/d/f' }, 'me')).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('Subscribe to files.transfer'),
    });
    t.claim(T1);
    expect(t.claim(T1, 'stranger')).toMatchObject({ code: 'NOT_FOUND' });
    await t.service.download({ ...at, transferId: T1, path: '/d/f' }, 'me');
    await expect(t.service.download({ ...at, transferId: T1, path: '/d/f' }, 'me')).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    expect(() => t.service.ack(T1, 1, 'stranger')).toThrow(/over/);
    await expect(t.service.cancel(T1, 'stranger')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('cancel and a client going away end a download with a reason', async () => {
    const t = setup(new FakeFiles(ID).dir('/d').file('/d/f', content(2_000_000)), {
      highWater: 10_000,
      lowWater: 1_000,
      batchBytes: 4096,
    });
    t.claim(T1);
    t.claim(T2);
    await t.service.download({ ...at, transferId: T1, path: '/d/f' }, 'me');
    await t.service.download({ ...at, transferId: T2, path: '/d/f' }, 'me');
    await t.service.cancel(T1, 'me');
    expect(t.events.find((e) => e.type === 'ended' && e.transferId === T1)).toMatchObject({
      reason: 'cancelled',
      message: 'The download was cancelled.',
    });
    t.service.closeClient('me');
    await until(() => t.events.some((e) => e.type === 'ended' && e.transferId === T2));
    expect(t.service.counts.downloads).toBe(0);
  });

  it('stops a download whose client stopped storing bytes, so the engine is not held', async () => {
    const t = setup(
      new FakeFiles(ID).dir('/d').file('/d/f', content(1_000_000)),
      {
        highWater: 50_000,
        lowWater: 10_000,
        batchBytes: 8192,
      },
      100,
    );
    t.claim(T1);
    await t.service.download({ ...at, transferId: T1, path: '/d/f' }, 'me');
    await until(t.ended, 3_000);
    expect(t.ended()).toMatchObject({
      reason: 'failed',
      message: expect.stringContaining('nothing was saved for 0.1 s'),
    });
    expect(t.service.counts.downloads).toBe(0);
  });

  it('refuses special files and missing paths', async () => {
    const t = setup(new FakeFiles(ID).dir('/d'));
    t.claim(T1);
    await expect(t.service.download({ ...at, transferId: T1, path: '/d/none' }, 'me')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it(`bounds a client to ${MAX_TRANSFERS_PER_CLIENT} transfers at once`, async () => {
    const files = new FakeFiles(ID).dir('/tmp');
    const t = setup(files);
    for (let i = 0; i < MAX_TRANSFERS_PER_CLIENT; i++) {
      const id = `0b9f5c1e-6a3b-4c1f-9e4d-${String(i).padStart(12, '0')}`;
      await t.service.upload(
        { ...at, transferId: id, dir: '/tmp', files: [{ name: 'a', size: 1, replace: true }] },
        'me',
      );
    }
    await expect(
      t.service.upload(
        { ...at, transferId: T1, dir: '/tmp', files: [{ name: 'a', size: 1, replace: true }] },
        'me',
      ),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('wait for some to finish'),
    });
    t.service.closeClient('me');
    expect(t.service.counts.uploads).toBe(0);
  });
});

describe('TransfersService uploads', () => {
  it('writes into the folder a link leads to; only its client may write', async () => {
    const files = new FakeFiles(ID).dir('/data').link('/srv', '/data');
    const t = setup(files);
    const opened = await t.service.upload(
      { ...at, transferId: T1, dir: '/srv', files: [{ name: 'a.txt', size: 3, replace: false }] },
      'me',
    );
    expect(opened).toEqual({ transferId: T1, dir: '/data' });
    await expect(
      t.service.write({ transferId: T1, index: 0, data: new Uint8Array(3) }, 'stranger'),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const answer = await t.service.write(
      { transferId: T1, index: 0, data: new TextEncoder().encode('abc') },
      'me',
    );
    expect(answer).toEqual({
      received: 3,
      result: { name: 'a.txt', ok: true, message: 'written to /data/a.txt' },
    });
    expect(files.nodes.get('/data/a.txt')).toMatchObject({ kind: 'file' });
    expect(t.service.counts.uploads).toBe(0);
  });

  it('refuses a name twice in one upload, and a folder that is a file', async () => {
    const t = setup(new FakeFiles(ID).dir('/tmp').file('/tmp/f', 'x'));
    const file = { name: 'a', size: 1, replace: false };
    await expect(
      t.service.upload({ ...at, transferId: T1, dir: '/tmp', files: [file, file] }, 'me'),
    ).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    await expect(
      t.service.upload({ ...at, transferId: T1, dir: '/tmp/f', files: [file] }, 'me'),
    ).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringContaining('not a folder'),
    });
  });
});
