import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { FileEntry, FilesListing, In } from '../../../electron/shared/contract';
import { AppError } from '../../../electron/shared/errors';
import { FakeCore } from '../../test/fake-core';
import { makeConnection, makeRow } from '../../test/fixtures';
import { renderApp } from '../../test/render-app';

const saved: { name: string; mime: string; chunks: Uint8Array[]; closed: boolean; aborted: boolean }[] = [];
vi.mock('../../components/save-file', () => ({
  openFileSink: async (name: string, mime: string) => {
    const file = { name, mime, chunks: [] as Uint8Array[], closed: false, aborted: false };
    saved.push(file);
    return {
      write: async (chunk: Uint8Array) => void file.chunks.push(chunk),
      close: async () => void (file.closed = true),
      abort: async () => void (file.aborted = true),
    };
  },
}));

const SLOW = { timeout: 10_000 };
const MTIME = Date.UTC(2024, 4, 5, 6, 7);

function entry(
  name: string,
  type: FileEntry['type'],
  size: number | null = null,
  more: Partial<FileEntry> = {},
): FileEntry {
  const mode = type === 'dir' ? 'drwxr-xr-x' : type === 'symlink' ? 'lrwxrwxrwx' : '-rw-r--r--';
  return { name, type, size, mode, mtime: MTIME, uid: 0, gid: 0, user: 'root', group: 'root', ...more };
}

/** A tiny filesystem the fake core lists. */
const TREE: Record<string, FileEntry[]> = {
  '/': [
    entry('etc', 'dir'),
    entry('bin', 'symlink', null, { linkTarget: 'usr/bin' }),
    entry('.dockerenv', 'file', 0),
  ],
  '/etc': [
    entry('passwd', 'file', 120),
    entry('hosts', 'file', 9000),
    entry('ssl', 'dir'),
    entry('nginx', 'dir'),
  ],
  '/etc/ssl': [],
};

function core(): FakeCore {
  const fake = new FakeCore();
  fake.connections = [makeConnection({ id: 'local', name: 'Local engine' })];
  fake.rows = [makeRow({ name: 'web', connectionId: 'local' })];
  fake.handle('files.list', ({ path }): FilesListing => {
    const entries = TREE[path];
    if (!entries)
      throw new AppError(
        'NOT_FOUND',
        `${path} does not exist in container abc. Check the path, or open its parent folder.`,
      );
    return { path, target: path, entries, complete: true, message: '' };
  });
  fake.handle('files.stat', ({ path }) => ({
    path,
    name: path.slice(path.lastIndexOf('/') + 1),
    type: TREE[path] ? 'dir' : 'file',
    size: 1,
    mode: '',
    mtime: null,
    linkTarget: '',
  }));
  return fake;
}

async function openFiles(fake: FakeCore) {
  const app = renderApp(fake);
  act(() => app.stores.details.showTab('files'));
  await screen.findByTestId('containers-table');
  await app.user.click(screen.getByRole('button', { name: 'web: show details' }));
  await screen.findByTestId('files-list', {}, SLOW);
  return app;
}

const rowNames = (): string[] => screen.getAllByTestId('files-row').map((row) => row.dataset['name'] ?? '');
const row = (name: string): HTMLElement =>
  screen.getAllByTestId('files-row').find((r) => r.dataset['name'] === name)!;

beforeEach(() => {
  saved.length = 0;
});

describe('FilesPanel', { timeout: 30_000 }, () => {
  it('comes after Logs, Stats and Inspect, lists "/" folders first, opens folders and follows the path bar', async () => {
    const fake = core();
    const { user } = await openFiles(fake);
    const tabs = screen.getAllByRole('tab').map((tab) => tab.textContent);
    expect(tabs.slice(0, 4)).toEqual(['Logs', 'Stats', 'Inspect', 'Files']);
    expect(rowNames()).toEqual(['etc', '.dockerenv', 'bin']);
    expect(within(row('bin')).getByText('→ usr/bin')).toBeTruthy();

    await user.dblClick(row('etc'));
    await waitFor(() => expect(rowNames()).toEqual(['nginx', 'ssl', 'hosts', 'passwd']));
    expect(screen.getByTestId('files-path').dataset['path']).toBe('/etc');
    expect(within(row('hosts')).getByText('9 kB')).toBeTruthy();

    // Sort by size, largest first: folders stay on top.
    await user.click(screen.getByRole('button', { name: /^Size/ }));
    expect(rowNames()).toEqual(['nginx', 'ssl', 'hosts', 'passwd']);
    await user.click(screen.getByRole('button', { name: /^Size/ }));
    expect(rowNames()).toEqual(['nginx', 'ssl', 'passwd', 'hosts']);

    // Keyboard: arrows select, Enter opens.
    screen.getByTestId('files-list').focus();
    await user.keyboard('{ArrowDown}{ArrowDown}{Enter}');
    await waitFor(() => expect(screen.getByTestId('files-path').dataset['path']).toBe('/etc/ssl'));
    expect(await screen.findByText('This folder is empty')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: '/' }));
    await waitFor(() => expect(rowNames()).toContain('.dockerenv'));
    await user.click(screen.getByRole('button', { name: 'Edit' }));
    await user.type(screen.getByTestId('files-path-input'), '/etc/../nowhere{Enter}');
    expect(await screen.findByText('This folder does not exist')).toBeTruthy();
    expect(screen.getByText(/\/nowhere does not exist in container/)).toBeTruthy();
    expect(fake.callsOf('files.list').at(-1)).toMatchObject({ path: '/nowhere' });
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(fake.callsOf('files.list').at(-1)).toMatchObject({ path: '/nowhere' });
  });

  it('says when a listing is incomplete and what to do', async () => {
    const fake = core();
    fake.handle('files.list', ({ path }) => ({
      path,
      target: path,
      entries: [entry('bin', 'dir')],
      complete: false,
      message: 'This folder is large: the listing stopped after 5 s and may be incomplete.',
    }));
    await openFiles(fake);
    const banner = screen.getByTestId('files-incomplete');
    expect(banner.textContent).toContain('stopped after 5 s');
    expect(within(banner).getByRole('button', { name: 'Download as .tar' })).toBeTruthy();
  });

  it('downloads a file into the chosen file, acknowledging what was saved', async () => {
    const fake = core();
    const bytes = new TextEncoder().encode('root:x:0:0:root:/root:/bin/sh\n');
    fake.handle('files.download', (input) => {
      setTimeout(
        () =>
          fake.emit('files.transfer', { type: 'data', transferId: input.transferId, offset: 0, data: bytes }),
        5,
      );
      // The end comes after the client had time to acknowledge what it saved.
      setTimeout(
        () =>
          fake.emit('files.transfer', {
            type: 'ended',
            transferId: input.transferId,
            reason: 'complete',
            bytes: bytes.length,
            message: '',
          }),
        300,
      );
      return {
        transferId: input.transferId,
        kind: 'file',
        name: 'passwd',
        path: input.path,
        total: bytes.length,
      };
    });
    fake.handle('files.ack', () => null);
    const { user } = await openFiles(fake);
    await user.dblClick(row('etc'));
    await waitFor(() => expect(rowNames()).toContain('passwd'));
    await user.click(screen.getByRole('button', { name: 'Download passwd' }));
    await waitFor(() => expect(fake.callsOf('files.ack')[0]).toMatchObject({ bytes: bytes.length }));
    const done = await screen.findByText('Saved passwd.');
    expect(done.closest('[data-testid=files-transfer]')?.getAttribute('data-state')).toBe('done');
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({ name: 'passwd', mime: 'application/octet-stream', closed: true });
    expect(new TextDecoder().decode(saved[0]!.chunks[0])).toBe('root:x:0:0:root:/root:/bin/sh\n');
    expect(fake.callsOf('files.download')[0]).toMatchObject({ path: '/etc/passwd' });
    // A folder is saved as a tar.
    await user.click(screen.getByRole('button', { name: 'Download ssl' }));
    await waitFor(() => expect(saved[1]).toMatchObject({ name: 'ssl.tar', mime: 'application/x-tar' }));
  });

  it('shows a failed download with its reason, and drops the partial file', async () => {
    const fake = core();
    fake.handle('files.download', (input) => {
      setTimeout(() =>
        fake.emit('files.transfer', {
          type: 'ended',
          transferId: input.transferId,
          reason: 'failed',
          bytes: 0,
          message: 'The container abc was removed during the download of /etc/hosts; 0 bytes had come.',
        }),
      );
      return { transferId: input.transferId, kind: 'file', name: 'hosts', path: input.path, total: 9000 };
    });
    const { user } = await openFiles(fake);
    await user.dblClick(row('etc'));
    await waitFor(() => expect(rowNames()).toContain('hosts'));
    await user.click(screen.getByRole('button', { name: 'Download hosts' }));
    expect(await screen.findByText(/was removed during the download/)).toBeTruthy();
    expect(saved[0]).toMatchObject({ aborted: true, closed: false });
  });

  it('uploads picked files in chunks into the folder shown, asking before it replaces one', async () => {
    const fake = core();
    const writes: In<'files.write'>[] = [];
    fake.handle('files.upload', (input) => ({ transferId: input.transferId, dir: input.dir }));
    fake.handle('files.write', (input) => {
      writes.push(input);
      const upload = fake.callsOf('files.upload').at(-1)!;
      const file = upload.files[input.index]!;
      const received = writes
        .filter((w) => w.index === input.index && w.transferId === input.transferId)
        .reduce((n, w) => n + w.data.byteLength, 0);
      return received === file.size
        ? { received, result: { name: file.name, ok: true, message: `written to /etc/${file.name}` } }
        : { received };
    });
    const { user } = await openFiles(fake);
    await user.dblClick(row('etc'));
    await waitFor(() => expect(rowNames()).toContain('hosts'));

    const big = new File([new Uint8Array(2.5 * 2 ** 20).fill(7)], 'big.bin');
    const hosts = new File(['127.0.0.1 localhost\n'], 'hosts');
    await user.upload(screen.getByTestId('files-upload-input'), [big, hosts]);
    const dialog = await screen.findByTestId('files-replace');
    expect(within(dialog).getByRole('heading').textContent).toBe('Replace hosts?');
    await user.click(within(dialog).getByRole('button', { name: 'Replace' }));

    expect(await screen.findByText('Uploaded 2 files.')).toBeTruthy();
    expect(fake.callsOf('files.upload')[0]).toMatchObject({
      dir: '/etc',
      files: [
        { name: 'big.bin', size: big.size, replace: false },
        { name: 'hosts', size: hosts.size, replace: true },
      ],
    });
    // At most 1 MiB a call, each file in order.
    expect(writes.map((w) => [w.index, w.data.byteLength])).toEqual([
      [0, 2 ** 20],
      [0, 2 ** 20],
      [0, 0.5 * 2 ** 20],
      [1, hosts.size],
    ]);
    // The folder is read again to show them.
    await waitFor(() => expect(fake.callsOf('files.list').filter((c) => c.path === '/etc')).toHaveLength(2));
  });

  it('keeps an existing file when asked to, and reports each failed file', async () => {
    const fake = core();
    fake.handle('files.upload', (input) => ({ transferId: input.transferId, dir: input.dir }));
    fake.handle('files.write', (input) => ({
      received: input.data.byteLength,
      result: {
        name: 'new.txt',
        ok: false,
        code: 'PERMISSION_DENIED',
        message: '/etc in abc is read-only: container rootfs is marked read-only.',
      },
    }));
    const { user } = await openFiles(fake);
    await user.dblClick(row('etc'));
    await waitFor(() => expect(rowNames()).toContain('passwd'));
    await user.upload(screen.getByTestId('files-upload-input'), [
      new File(['x'], 'passwd'),
      new File(['y'], 'new.txt'),
    ]);
    await user.click(
      within(await screen.findByTestId('files-replace')).getByRole('button', { name: /Keep existing/ }),
    );
    expect(await screen.findByText(/is read-only/)).toBeTruthy();
    expect(fake.callsOf('files.upload')[0]?.files).toEqual([{ name: 'new.txt', size: 1, replace: false }]);
  });

  it('takes files dropped on the panel', async () => {
    const fake = core();
    fake.handle('files.upload', (input) => ({ transferId: input.transferId, dir: input.dir }));
    fake.handle('files.write', (input) => ({
      received: input.data.byteLength,
      result: { name: 'dropped.txt', ok: true, message: 'written' },
    }));
    await openFiles(fake);
    const file = new File(['dropped'], 'dropped.txt');
    const dataTransfer = { files: [file], items: [], types: ['Files'], dropEffect: 'none' };
    fireEvent.dragOver(screen.getByTestId('files-panel'), { dataTransfer });
    expect(screen.getByText(/Drop files to upload them into/)).toBeTruthy();
    fireEvent.drop(screen.getByTestId('files-panel'), { dataTransfer });
    expect(await screen.findByText('Uploaded dropped.txt.')).toBeTruthy();
    expect(fake.callsOf('files.upload')[0]).toMatchObject({ dir: '/', files: [{ name: 'dropped.txt' }] });
  });

  it('shows the changes against the image with counts, and opens a changed path in its folder', async () => {
    const fake = core();
    fake.handle('files.changes', () => ({
      changes: [
        { path: '/etc', kind: 'modified' },
        { path: '/etc/hosts', kind: 'modified' },
        { path: '/etc/motd', kind: 'deleted' },
        { path: '/tmp/x', kind: 'added' },
      ],
      total: 4,
    }));
    const { user } = await openFiles(fake);
    await user.click(screen.getByTestId('files-changes-toggle'));
    await screen.findByTestId('files-changes');
    expect(screen.getByTestId('files-changes-toggle').textContent).toBe('Changes (4)');
    expect(screen.getByTestId('changes-modified').textContent).toBe('Modified 2');
    expect(screen.getByTestId('changes-deleted').textContent).toBe('Deleted 1');
    await user.click(screen.getByTestId('changes-added'));
    expect(screen.getAllByTestId('files-change').map((c) => c.textContent)).toEqual(['A/tmp/x']);
    await user.click(screen.getByTestId('changes-all'));

    await user.click(screen.getByRole('button', { name: '/etc/hosts' }));
    await waitFor(() => expect(screen.getByTestId('files-path').dataset['path']).toBe('/etc'));
    await waitFor(() => expect(row('hosts').getAttribute('aria-selected')).toBe('true'));

    await user.click(screen.getByTestId('files-changes-toggle'));
    await user.click(await screen.findByRole('button', { name: '/etc/motd' }));
    expect(await screen.findByTestId('files-notice')).toBeTruthy();
    expect(screen.getByTestId('files-notice').textContent).toContain('/etc/motd was deleted');
  });
});
