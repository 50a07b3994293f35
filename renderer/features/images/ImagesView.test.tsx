import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ImageRow, PruneResult } from '../../../electron/shared/contract';
import { FakeCore } from '../../test/fake-core';
import { makeConnection, makeRow } from '../../test/fixtures';
import { renderApp } from '../../test/render-app';

const BUSYBOX = `sha256:${'b'.repeat(64)}`;
const MULTI = `sha256:${'c'.repeat(64)}`;
const DANGLING = `sha256:${'d'.repeat(64)}`;

function image(id: string, repoTags: string[], more: Partial<ImageRow> = {}): ImageRow {
  return {
    connectionId: 'local',
    id,
    repoTags,
    repoDigests: [],
    dangling: repoTags.length === 0,
    size: 1_984_270,
    created: Date.now() - 3 * 3600_000,
    labels: {},
    containers: [],
    ...more,
  };
}

function coreWith(): FakeCore {
  const core = new FakeCore();
  core.connections = [makeConnection({ id: 'local', name: 'Local engine', current: true })];
  core.rows = [makeRow({ name: 'web', connectionId: 'local' })];
  const rows = [
    image(BUSYBOX, ['local/busybox:1'], {
      containers: [{ id: 'a'.repeat(64), name: 'web', state: 'running' }],
    }),
    image(MULTI, ['local/app:1', 'local/app:latest']),
    image(DANGLING, [], { size: 5_000_000 }),
  ];
  core.handle('images.list', () => ({ rows, failures: [] }));
  return core;
}

const row = (name: string): HTMLElement => {
  const found = screen.queryAllByTestId('image-row').find((r) => r.dataset['name'] === name);
  if (!found) throw new Error(`no image row ${name}`);
  return found;
};

async function openImages(core: FakeCore) {
  const app = renderApp(core);
  await screen.findByTestId('containers-table');
  await app.user.click(screen.getByRole('button', { name: 'Images' }));
  await screen.findByTestId('images-table');
  return app;
}

describe('ImagesView', () => {
  it('is a section of its own: the switcher marks it, and Containers brings the list back', async () => {
    const core = coreWith();
    const { user } = await openImages(core);
    expect(screen.getByRole('button', { name: 'Images' }).getAttribute('aria-current')).toBe('page');
    expect(screen.queryByTestId('containers-table')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Containers' }));
    await screen.findByTestId('containers-table');
    expect(screen.getByRole('button', { name: 'Containers' }).getAttribute('aria-current')).toBe('page');
  });

  it('shows names, size, age and who uses each image; dangling ones as <none>', async () => {
    await openImages(coreWith());
    const busybox = row('local/busybox:1');
    expect(within(busybox).getByTestId('image-size').textContent).toBe('1.98 MB');
    expect(within(busybox).getByTestId('image-in-use').textContent).toBe('1 container');
    expect(within(busybox).getByText('3 hours ago')).toBeTruthy();
    expect(within(row(`<none> ${'d'.repeat(12)}`)).getByText('dangling')).toBeTruthy();
    expect(screen.getByTestId('res-count').textContent).toBe('3 images');
  });

  it('shows the layers of an image when asked', async () => {
    const core = coreWith();
    core.handle('images.history', () => ({
      layers: [
        {
          id: BUSYBOX,
          created: Date.now(),
          createdBy: '/bin/sh -c #(nop) CMD ["sh"]',
          size: 0,
          tags: [],
          comment: '',
        },
      ],
    }));
    const { user } = await openImages(core);
    await user.click(within(row('local/busybox:1')).getByRole('button', { name: 'Layers' }));
    expect((await screen.findByTestId('image-layers')).textContent).toContain('CMD ["sh"]');
    expect(core.callsOf('images.history')).toEqual([{ connectionId: 'local', image: BUSYBOX }]);
  });

  it('offers no removal of an image a running container uses, and untags one name of several', async () => {
    const core = coreWith();
    core.handle('images.remove', ({ refs }) => ({
      results: refs.map((ref) => ({
        id: ref,
        ok: true,
        message: 'untagged local/app:latest; the image stays',
        untagged: [ref],
        deleted: [],
      })),
    }));
    const { user } = await openImages(core);
    await user.click(screen.getByRole('button', { name: 'Remove local/busybox:1' }));
    let dialog = await screen.findByTestId('res-remove-dialog');
    expect(dialog.textContent).toContain('Running containers use this image (web)');
    expect(within(dialog).queryByRole('button', { name: 'Remove image' })).toBeNull();
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));

    await user.click(screen.getByRole('button', { name: 'Remove local/app:1' }));
    dialog = await screen.findByTestId('res-remove-dialog');
    expect(dialog.textContent).toContain('This image has 2 names');
    await user.click(within(dialog).getByRole('radio', { name: /only the name local\/app:latest/ }));
    expect(dialog.textContent).toContain('The name local/app:latest — removed; nothing else.');
    await user.click(within(dialog).getByRole('button', { name: 'Remove name' }));
    expect((await within(dialog).findByTestId('res-results')).textContent).toContain('the image stays');
    expect(core.callsOf('images.remove')).toEqual([
      { connectionId: 'local', refs: ['local/app:latest'], force: false },
    ]);
  });

  it('asks for force to delete an image with several names, saying what goes', async () => {
    const core = coreWith();
    core.handle('images.remove', ({ refs }) => ({
      results: refs.map((ref) => ({ id: ref, ok: true, message: 'deleted', untagged: [], deleted: [ref] })),
    }));
    const { user } = await openImages(core);
    await user.click(screen.getByRole('button', { name: 'Remove local/app:1' }));
    const dialog = await screen.findByTestId('res-remove-dialog');
    await user.click(within(dialog).getByRole('radio', { name: /the image itself/ }));
    expect(within(dialog).getByTestId('image-remove-lost').textContent).toContain(
      'local/app:1, local/app:latest',
    );
    const remove = within(dialog).getByRole('button', { name: 'Remove image' });
    expect(remove).toHaveProperty('disabled', true);
    await user.click(within(dialog).getByRole('checkbox', { name: /Force/ }));
    await user.click(remove);
    await within(dialog).findByTestId('res-results');
    expect(core.callsOf('images.remove')).toEqual([{ connectionId: 'local', refs: [MULTI], force: true }]);
  });

  it('prunes after a dry run that lists what goes and the space, then shows what the engine freed', async () => {
    const core = coreWith();
    const plan: PruneResult = {
      connectionId: 'local',
      dryRun: true,
      items: [{ id: DANGLING, name: '<none> (dddddddddddd)', size: 5_000_000 }],
      estimatedBytes: 5_000_000,
      spaceReclaimed: null,
      notes: ['Only images without a name (dangling) that no container uses go.'],
    };
    core.handle('images.prune', ({ dryRun }) =>
      dryRun
        ? plan
        : {
            ...plan,
            dryRun: false,
            spaceReclaimed: 4_900_000,
            items: [{ ...plan.items[0]!, outcome: { ok: true, message: 'removed' } }],
          },
    );
    const { user } = await openImages(core);
    await user.click(screen.getByRole('button', { name: 'Prune…' }));
    const dialog = await screen.findByTestId('prune-dialog');
    await waitFor(() =>
      expect(within(dialog).getByTestId('prune-summary').textContent).toContain('freeing up to 5 MB'),
    );
    expect(within(dialog).getByTestId('prune-items').textContent).toContain('<none> (dddddddddddd)');
    await user.click(within(dialog).getByRole('button', { name: 'Remove 1 images' }));
    expect((await within(dialog).findByTestId('prune-reclaimed')).textContent).toBe(
      'The engine freed 4.9 MB.',
    );
    expect(core.callsOf('images.prune')).toEqual([
      { connectionId: 'local', dryRun: true, all: false },
      { connectionId: 'local', dryRun: false, all: false },
    ]);
  });
});
