import { describe, expect, it } from 'vitest';
import { FAKE_MTIME, FakeFiles } from '../testing/fake-files';
import { FilesService } from './files-service';
import { directoryWith } from './test-directory';

const ID = 'ab12cd34ef56';
const at = { connectionId: 'lab', containerId: ID };

function image(): FakeFiles {
  return new FakeFiles(ID)
    .dir('/', '/etc', '/etc/ssl', '/usr', '/usr/bin', '/var', '/var/log', '/tmp')
    .file('/etc/hostname', 'box\n')
    .file('/etc/ssl/certs/ca.pem', 'pem')
    .link('/bin', 'usr/bin')
    .file('/usr/bin/env', '\x7fELF', 0o755)
    .file('/var/log/big.log', new Uint8Array(64 * 1024));
}

describe('FilesService.list', () => {
  it("lists a folder's direct children, deeper folders included once", async () => {
    const service = new FilesService(directoryWith(image()));
    const listing = await service.list({ ...at, path: '/etc/' });
    expect(listing).toMatchObject({ path: '/etc', target: '/etc', complete: true, message: '' });
    expect(listing.entries).toEqual([
      {
        name: 'hostname',
        type: 'file',
        size: 4,
        mode: '-rw-r--r--',
        mtime: FAKE_MTIME,
        uid: 0,
        gid: 0,
        user: 'root',
        group: 'root',
      },
      expect.objectContaining({ name: 'ssl', type: 'dir', mode: 'drwxr-xr-x' }),
    ]);
  });

  it('follows a symlinked folder and says where it ends', async () => {
    const service = new FilesService(directoryWith(image()));
    const listing = await service.list({ ...at, path: '/bin' });
    expect(listing).toMatchObject({ path: '/bin', target: '/usr/bin' });
    expect(listing.entries.map((e) => [e.name, e.mode])).toEqual([['env', '-rwxr-xr-x']]);
  });

  it('says clearly when a path is missing, a file, or a dangling link', async () => {
    const files = image().link('/broken', '/nowhere');
    const service = new FilesService(directoryWith(files));
    await expect(service.list({ ...at, path: '/nope' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: `/nope does not exist in container ${ID}. Check the path, or open its parent folder.`,
    });
    await expect(service.list({ ...at, path: '/etc/hostname' })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringContaining('is a file, not a folder'),
      details: { type: 'file' },
    });
    await expect(service.list({ ...at, path: '/broken' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining('is a link to /nowhere, which does not exist'),
    });
  });

  it('normalizes the path it is given', async () => {
    const service = new FilesService(directoryWith(image()));
    expect((await service.list({ ...at, path: '/var//log/../log/.' })).path).toBe('/var/log');
  });

  it('returns what it found when a large folder hits the budget, and says what to do', async () => {
    const service = new FilesService(directoryWith(image()), {
      budget: { bytes: 2 ** 30, entries: 4, ms: 5_000 },
    });
    const listing = await service.list({ ...at, path: '/etc' });
    expect(listing.complete).toBe(true);
    const root = await service.list({ ...at, path: '/' });
    expect(root.complete).toBe(false);
    expect(root.message).toMatch(
      /This folder is large: the listing stopped after 4 files and may be incomplete/,
    );
    expect(root.message).toMatch(/Open a subfolder, or type the path you want in the path bar/);
    // The tar reached only /bin and /etc; the usual top-level folders after them were asked for by name.
    expect(root.entries.map((e) => e.name)).toEqual(['bin', 'etc', 'tmp', 'usr', 'var']);
    expect(root.entries.find((e) => e.name === 'var')).toMatchObject({ type: 'dir', mode: 'drwxr-xr-x' });
  });
});

describe('FilesService.stat', () => {
  it('describes a link and what it ends at', async () => {
    const service = new FilesService(directoryWith(image()));
    expect(await service.stat({ ...at, path: '/bin' })).toEqual({
      path: '/bin',
      name: 'bin',
      type: 'symlink',
      size: 7,
      mode: 'lrwxrwxrwx',
      mtime: FAKE_MTIME,
      linkTarget: '/usr/bin',
      targetType: 'dir',
    });
    expect(await service.stat({ ...at, path: '/etc/hostname' })).toMatchObject({
      type: 'file',
      linkTarget: '',
    });
    await expect(service.stat({ ...at, path: '/nope' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('FilesService.changes', () => {
  it('sorts the changes by path and counts them', async () => {
    const files = image();
    files.changeList = [
      { path: '/var/log/x', kind: 'added' },
      { path: '/etc', kind: 'modified' },
      { path: '/etc/motd', kind: 'deleted' },
    ];
    const service = new FilesService(directoryWith(files));
    expect(await service.changes(at)).toEqual({
      changes: [
        { path: '/etc', kind: 'modified' },
        { path: '/etc/motd', kind: 'deleted' },
        { path: '/var/log/x', kind: 'added' },
      ],
      total: 3,
    });
  });

  it('fails for a container that is gone', async () => {
    const files = image();
    files.gone = true;
    await expect(new FilesService(directoryWith(files)).changes(at)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
