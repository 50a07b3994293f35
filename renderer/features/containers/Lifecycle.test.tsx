import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ActionResult, In } from '../../../electron/shared/contract';
import { AppError } from '../../../electron/shared/errors';
import { FakeCore } from '../../test/fake-core';
import { makeConnection, makeRow } from '../../test/fixtures';
import { renderApp } from '../../test/render-app';

const VOLUME = 'f'.repeat(64);

function coreWith(): FakeCore {
  const core = new FakeCore();
  core.connections = [makeConnection({ id: 'local', name: 'Local engine', current: true })];
  core.rows = [
    makeRow({ name: 'web', connectionId: 'local', composeProject: 'shop', health: 'healthy' }),
    makeRow({ name: 'api', connectionId: 'local', composeProject: 'shop', health: 'unhealthy' }),
    makeRow({ name: 'db', connectionId: 'local', state: 'exited', status: 'Exited (0) 2 hours ago' }),
    makeRow({ name: 'worker', connectionId: 'local', state: 'paused', status: 'Up 3 hours (Paused)' }),
  ];
  return core;
}

const row = (name: string): HTMLElement => {
  const found = screen.queryAllByTestId('container-row').find((r) => r.dataset['name'] === name);
  if (!found) throw new Error(`no row ${name}`);
  return found;
};
const idOf = (core: FakeCore, name: string): string => core.rows.find((r) => r.name === name)!.id;
const rowNames = (): string[] => screen.queryAllByTestId('container-row').map((r) => r.dataset['name'] ?? '');

/** containers.act answering from a table of messages; an id in `failing` fails with that result. */
function answerAct(core: FakeCore, failing: Record<string, ActionResult> = {}): Array<In<'containers.act'>> {
  const calls: Array<In<'containers.act'>> = [];
  core.handle('containers.act', (input) => {
    calls.push(input);
    return {
      results: input.ids.map((id) => failing[id] ?? { id, ok: true, message: `${input.action}ped` }),
    };
  });
  return calls;
}

describe('selection and bulk actions', () => {
  it('selects with checkboxes (shift for a range), acts on the ones each action applies to, and reports', async () => {
    const core = coreWith();
    const calls = answerAct(core, {
      [idOf(core, 'web')]: { id: idOf(core, 'web'), ok: false, code: 'CONFLICT', message: 'web refused' },
    });
    const { user } = renderApp(core);
    await screen.findByTestId('containers-table');
    expect(rowNames()).toEqual(['api', 'db', 'web', 'worker']);
    await user.click(within(row('api')).getByRole('checkbox', { name: 'Select api' }));
    await user.keyboard('{Shift>}');
    await user.click(within(row('web')).getByRole('checkbox', { name: 'Select web' }));
    await user.keyboard('{/Shift}');
    const bar = screen.getByTestId('selection-bar');
    expect(within(bar).getByTestId('selection-count').textContent).toBe('3 selected');
    // Stop applies to the two running ones of the three: it says so, and skips db.
    expect(within(bar).getByTestId('bulk-stop').textContent).toBe('Stop(2)');
    await user.type(within(bar).getByTestId('bulk-grace'), '5');
    await user.click(within(bar).getByTestId('bulk-stop'));
    const status = await screen.findByTestId('bulk-summary');
    expect(status.textContent).toBe(
      'Stop: 1 of 2 done, 1 failed; 1 skipped (the action does not apply to them).',
    );
    expect(calls.map((c) => [c.ids, c.timeoutSeconds])).toEqual(
      expect.arrayContaining([
        [[idOf(core, 'api')], 5],
        [[idOf(core, 'web')], 5],
      ]),
    );
    expect(calls).toHaveLength(2);
    expect(screen.getByTestId('bulk-failure').textContent).toBe('web: web refused');
    await user.click(screen.getByRole('button', { name: 'Dismiss the results' }));
    expect(screen.queryByTestId('bulk-status')).toBeNull();
  });

  it('shows progress while containers are being acted on', async () => {
    const core = coreWith();
    const release: Array<() => void> = [];
    core.handle(
      'containers.act',
      (input) =>
        new Promise((resolve) =>
          release.push(() => resolve({ results: [{ id: input.ids[0]!, ok: true, message: 'restarted' }] })),
        ),
    );
    const { user } = renderApp(core);
    await screen.findByTestId('containers-table');
    await user.click(screen.getByTestId('select-all'));
    await user.click(screen.getByTestId('bulk-restart'));
    expect((await screen.findByTestId('bulk-progress')).textContent).toBe('Restarting 0 of 4…');
    release.shift()!();
    await waitFor(() => expect(screen.getByTestId('bulk-progress').textContent).toBe('Restarting 1 of 4…'));
    while (release.length > 0) release.shift()!();
    await waitFor(() => expect(screen.getByTestId('bulk-summary').textContent).toContain('4 of 4 done'));
  });

  it('kills with the chosen signal, and refuses a signal the contract would refuse', async () => {
    const core = coreWith();
    const calls = answerAct(core);
    const { user } = renderApp(core);
    await screen.findByTestId('containers-table');
    await user.click(within(row('web')).getByRole('checkbox', { name: 'Select web' }));
    const bar = screen.getByTestId('selection-bar');
    await user.selectOptions(within(bar).getByTestId('signal-select'), 'Other…');
    await user.type(within(bar).getByTestId('signal-other'), 'no way');
    expect(within(bar).getByRole('alert').textContent).toContain('a signal is a name such as HUP');
    expect((within(bar).getByTestId('bulk-kill') as HTMLButtonElement).disabled).toBe(true);
    await user.clear(within(bar).getByTestId('signal-other'));
    await user.type(within(bar).getByTestId('signal-other'), 'rtmin+3');
    await user.click(within(bar).getByTestId('bulk-kill'));
    await screen.findByTestId('bulk-summary');
    expect(calls).toEqual([
      { connectionId: 'local', ids: [idOf(core, 'web')], action: 'kill', signal: 'RTMIN+3' },
    ]);
  });

  it('the row menu offers what applies to that container; Kill asks for the signal', async () => {
    const core = coreWith();
    const calls = answerAct(core);
    const { user } = renderApp(core);
    await screen.findByTestId('containers-table');
    await user.click(within(row('worker')).getByRole('button', { name: 'Actions for worker' }));
    const menu = screen.getByRole('menu', { name: 'Actions for worker' });
    expect(
      within(menu)
        .getAllByRole('menuitem')
        .map((i) => i.textContent),
    ).toEqual(['Stop', 'Restart', 'Unpause', 'Remove…']);
    expect(document.activeElement?.textContent).toBe('Stop');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('menu')).toBeNull();

    const kebab = within(row('web')).getByRole('button', { name: 'Actions for web' });
    await user.click(kebab);
    await user.click(screen.getByRole('menuitem', { name: 'Kill…' }));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(kebab);
    await user.click(kebab);
    await user.click(screen.getByRole('menuitem', { name: 'Kill…' }));
    const dialog = screen.getByRole('dialog', { name: 'Send a signal to web' });
    await user.selectOptions(within(dialog).getByTestId('signal-select'), 'HUP');
    await user.click(within(dialog).getByRole('button', { name: 'Send SIGHUP' }));
    await screen.findByTestId('bulk-summary');
    expect(calls).toEqual([
      { connectionId: 'local', ids: [idOf(core, 'web')], action: 'kill', signal: 'HUP' },
    ]);
  });
});

describe('remove', () => {
  function answerRemoval(core: FakeCore): Array<In<'containers.remove'>> {
    const removals: Array<In<'containers.remove'>> = [];
    core.handle('containers.removalImpact', (input) => ({
      containers: input.ids.map((id) => {
        const found = core.rows.find((r) => r.id === id)!;
        return {
          id,
          name: found.name,
          state: found.state,
          running: found.state === 'running',
          writableBytes: found.name === 'web' ? 65_536 : 0,
          anonymousVolumes:
            found.name === 'web' ? [{ name: VOLUME, destination: '/data', sharedWith: [] }] : [],
          kept:
            found.name === 'web' ? [{ type: 'volume' as const, source: 'shop-db', destination: '/db' }] : [],
        };
      }),
      failures: [],
      volumeSizesNote: 'This engine (API 1.41) cannot size volumes without measuring everything it stores.',
    }));
    core.handle('containers.remove', (input) => {
      removals.push(input);
      return { results: input.ids.map((id) => ({ id, ok: true, message: 'removed' })) };
    });
    return removals;
  }

  it('says exactly what is lost, needs force for a running container, and removes only on the click', async () => {
    const core = coreWith();
    const removals = answerRemoval(core);
    const { user } = renderApp(core);
    await screen.findByTestId('containers-table');
    await user.click(within(row('web')).getByRole('checkbox', { name: 'Select web' }));
    await user.click(within(row('db')).getByRole('checkbox', { name: 'Select db' }));
    const opener = screen.getByTestId('bulk-remove');
    await user.click(opener);
    const dialog = await screen.findByRole('dialog', { name: 'Remove 2 containers?' });
    await within(dialog).findByTestId('remove-summary');
    expect(within(dialog).getByTestId('remove-summary').textContent).toBe(
      'This cannot be undone. Lost: 64.0 KiB of writable layers.',
    );
    const web = within(dialog)
      .getAllByTestId('remove-item')
      .find((i) => i.dataset['name'] === 'web')!;
    expect(within(web).getByTestId('remove-writable').textContent).toContain('64.0 KiB');
    expect(within(web).getByTestId('remove-volume').textContent).toBe(
      'Anonymous volume ffffffffffff at /data (size unknown) — kept, unused (not asked to remove volumes)',
    );
    expect(within(web).getByTestId('remove-kept').textContent).toBe('Named volume shop-db at /db — kept');
    const confirm = within(dialog).getByTestId('remove-confirm') as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);
    await user.click(within(dialog).getByTestId('remove-volumes'));
    expect(within(web).getByTestId('remove-volume').dataset['fate']).toBe('removed');
    expect(within(dialog).getByTestId('remove-summary').textContent).toBe(
      'This cannot be undone. Lost: 64.0 KiB of writable layers and 1 anonymous volume (size unknown).',
    );
    await user.click(within(dialog).getByTestId('remove-force'));
    expect(within(dialog).getByTestId('remove-force').parentElement?.textContent).toContain(
      'stops them first (SIGKILL)',
    );
    expect(removals).toEqual([]);
    await user.click(confirm);
    expect(screen.queryByRole('dialog')).toBeNull();
    await screen.findByTestId('bulk-summary');
    expect(removals.map((r) => [r.ids, r.force, r.removeVolumes])).toEqual(
      expect.arrayContaining([
        [[idOf(core, 'web')], true, true],
        [[idOf(core, 'db')], true, true],
      ]),
    );
  });

  it('Escape cancels, removes nothing, and gives focus back', async () => {
    const core = coreWith();
    const removals = answerRemoval(core);
    const { user } = renderApp(core);
    await screen.findByTestId('containers-table');
    await user.click(within(row('db')).getByRole('checkbox', { name: 'Select db' }));
    const opener = screen.getByTestId('bulk-remove');
    await user.click(opener);
    const dialog = await screen.findByRole('dialog', { name: 'Remove db?' });
    await within(dialog).findByTestId('remove-summary');
    // Tab stays inside the dialog.
    for (let i = 0; i < 5; i++) await user.tab();
    expect(dialog.contains(document.activeElement)).toBe(true);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
    expect(removals).toEqual([]);
  });

  it('says which containers could not be read, and removes only the others', async () => {
    const core = coreWith();
    core.handle('containers.removalImpact', (input) => {
      throw new AppError('UNAVAILABLE', `The engine went away (${input.ids.length}).`);
    });
    const { user } = renderApp(core);
    await screen.findByTestId('containers-table');
    await user.click(within(row('db')).getByRole('checkbox', { name: 'Select db' }));
    await user.click(screen.getByTestId('bulk-remove'));
    const failure = await screen.findByTestId('remove-failure');
    expect(failure.textContent).toBe(
      'db could not be read and will not be removed: The engine went away (1).',
    );
    expect((screen.getByTestId('remove-confirm') as HTMLButtonElement).disabled).toBe(true);
  });
});

describe('grouping and the health filter', () => {
  it('groups by compose project with counts, and a project’s Stop acts on its running containers', async () => {
    const core = coreWith();
    const calls = answerAct(core);
    const { user } = renderApp(core);
    await screen.findByTestId('containers-table');
    await user.click(screen.getByTestId('group-by-project'));
    const groups = screen.getAllByTestId('group-row');
    expect(groups.map((g) => g.dataset['project'])).toEqual(['shop', '']);
    const shop = groups[0]!;
    expect(within(shop).getByTestId('group-counts').textContent).toBe('2 of 2 running');
    await user.click(within(shop).getByTestId('group-stop'));
    await screen.findByTestId('bulk-summary');
    expect(calls.map((c) => c.ids[0]).sort()).toEqual([idOf(core, 'api'), idOf(core, 'web')].sort());
    await user.click(within(shop).getByRole('button', { name: 'Collapse shop' }));
    expect(rowNames()).toEqual(['db', 'worker']);
  });

  it('filters by health with the chips, combined with the text filter', async () => {
    const core = coreWith();
    const { user } = renderApp(core);
    await screen.findByTestId('containers-table');
    expect(screen.getByTestId('status-unhealthy').textContent).toBe('Unhealthy1');
    await user.click(screen.getByTestId('status-unhealthy'));
    expect(rowNames()).toEqual(['api']);
    expect(screen.getByTestId('containers-count').textContent).toBe('1 of 4');
    await user.click(screen.getByTestId('status-running'));
    await user.type(screen.getByTestId('containers-filter'), 'w');
    await waitFor(() => expect(rowNames()).toEqual(['web', 'worker']));
  });
});
