import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../electron/shared/errors';
import { FakeCore } from '../../test/fake-core';
import { makeConnection, makeRow } from '../../test/fixtures';
import { renderApp } from '../../test/render-app';

function coreWith(): FakeCore {
  const core = new FakeCore();
  core.connections = [makeConnection({ id: 'local', name: 'Local engine' })];
  core.rows = [
    makeRow({ name: 'web', connectionId: 'local', image: 'local/debian-nginx:1' }),
    makeRow({ name: 'api', connectionId: 'local' }),
    makeRow({ name: 'db', connectionId: 'local', state: 'exited', status: 'Exited (0) 1 hour ago' }),
  ];
  return core;
}

async function openIn(name: string) {
  const button = await screen.findByRole('button', { name: `Open a terminal in ${name}` });
  button.click();
  return screen.findByTestId('terminal-session');
}

const tabs = () => screen.queryAllByRole('tab').map((tab) => tab.textContent);

describe('TerminalPanel', () => {
  it('opens a terminal from a running row and shows the shell, the user and every fix', async () => {
    const core = coreWith();
    renderApp(core);
    await screen.findByTestId('containers-table');
    expect(screen.queryByRole('button', { name: 'Open a terminal in db' })).toBeNull();
    await openIn('web');
    await waitFor(() => expect(tabs()).toEqual(['web · bash']));
    expect(screen.getByRole('tab', { name: 'web · bash' }).getAttribute('aria-selected')).toBe('true');
    expect(screen.getByTestId('terminal-what').textContent).toBe('/bin/bash as root');
    const fixes = within(screen.getByRole('list', { name: 'Fixes Bosun made' })).getAllByRole('listitem');
    expect(fixes.map((fix) => [fix.textContent, fix.dataset['applied']])).toEqual([
      ['TERM=xterm-256color', 'true'],
      ['UTF-8 locale (C.UTF-8)', 'true'],
      ['TZ=Europe/Paris', 'true'],
      ['HOME is set', 'false'],
      ['prompt', 'true'],
      ['stty iutf8 erase ^?', 'true'],
    ]);
    expect(screen.getByTestId('terminal-host').contains(screen.getByTestId('fake-terminal-screen'))).toBe(
      true,
    );
  });

  it('says plainly that the image has no shell and opens the toolbox from there', async () => {
    const core = coreWith();
    core.terminals.answer = () => {
      throw new AppError('NOT_FOUND', 'local/noshell:1 has no shell.', { reason: 'no-shell' });
    };
    const { user, views } = renderApp(core);
    await openIn('web');
    const problem = await screen.findByTestId('terminal-problem');
    expect(within(problem).getByText('This image has no shell')).toBeTruthy();
    core.terminals.answer = (request) => ({
      sessionId: request.sessionId,
      mode: 'toolbox',
      shell: '/bin/sh',
      user: 'root',
      fixes: [],
      writable: true,
      toolbox: { image: 'bosun/toolbox:1', containerId: 'c'.repeat(64) },
    });
    await user.click(within(problem).getByRole('button', { name: 'Open the toolbox' }));
    await waitFor(() => expect(tabs()).toEqual(['web · sh · toolbox']));
    expect(core.callsOf('terminal.open').map((r) => r.mode)).toEqual(['shell', 'toolbox']);
    expect(screen.queryByTestId('terminal-problem')).toBeNull();
    expect(views).toHaveLength(1);
  });

  it('keeps the tab and its screen when the session ends, and reopens in the same screen', async () => {
    const core = coreWith();
    const { user, views } = renderApp(core);
    await openIn('web');
    await waitFor(() => expect(core.terminals.sessions).toHaveLength(1));
    core.terminals.output(core.terminals.last().request.sessionId, 'root@web:/# ');
    core.terminals.end(core.terminals.last().request.sessionId, 'container-gone', null, 'web stopped.');
    const problem = await screen.findByTestId('terminal-problem');
    expect(within(problem).getByText('web stopped')).toBeTruthy();
    await user.click(within(problem).getByRole('button', { name: 'Reopen' }));
    await waitFor(() => expect(core.terminals.sessions).toHaveLength(2));
    expect(views).toHaveLength(1);
    expect(views[0]?.text()).toBe('root@web:/# ');
    expect(screen.getByTestId('terminal-host').contains(views[0]!.element)).toBe(true);
  });

  it('turns a fix off by reopening the session without it', async () => {
    const core = coreWith();
    const { user } = renderApp(core);
    await openIn('web');
    await screen.findByRole('list', { name: 'Fixes Bosun made' });
    await user.click(screen.getByRole('button', { name: 'Fixes…' }));
    const menu = screen.getByTestId('terminal-fixes-menu');
    await user.click(within(menu).getByRole('checkbox', { name: /UTF-8 locale/ }));
    await user.click(within(menu).getByRole('button', { name: 'Reopen with these' }));
    await waitFor(() => expect(core.terminals.sessions).toHaveLength(2));
    expect(core.terminals.sessions[0]?.closed).toBe(true);
    expect(core.terminals.last().request.disabledFixes).toEqual(['locale']);
    await waitFor(() =>
      expect(screen.getByText('UTF-8 locale (C.UTF-8)').getAttribute('data-applied')).toBe('false'),
    );
  });

  it('keeps every session alive while switching tabs and hiding the panel', async () => {
    const core = coreWith();
    const { user, views } = renderApp(core);
    await openIn('web');
    await openIn('api');
    await waitFor(() => expect(tabs()).toEqual(['web · bash', 'api · bash']));
    const [web, api] = views;
    expect(web?.container).toBeUndefined();
    expect(api?.container).toBeDefined();

    await user.click(screen.getByRole('tab', { name: 'web · bash' }));
    expect(web?.container).toBeDefined();
    expect(api?.container).toBeUndefined();
    await user.click(screen.getByRole('button', { name: 'Hide' }));
    expect(web?.container).toBeUndefined();
    await user.click(screen.getByRole('button', { name: 'Terminals (2)' }));
    expect(web?.container).toBeDefined();

    expect(core.callsOf('terminal.close')).toEqual([]);
    expect(views.map((v) => v.disposed)).toEqual([false, false]);
    expect(web?.attachCount).toBe(3);
  });

  it('moves between tabs with the arrow keys and closes a tab with its button', async () => {
    const core = coreWith();
    const { user, views } = renderApp(core);
    await openIn('web');
    await openIn('api');
    await waitFor(() => expect(tabs()).toEqual(['web · bash', 'api · bash']));
    expect(views.map((v) => v.focusCount)).toEqual([1, 1]);
    screen.getByRole('tab', { name: 'api · bash' }).focus();
    await user.keyboard('{ArrowRight}');
    expect(document.activeElement).toBe(screen.getByRole('tab', { name: 'web · bash' }));
    expect(screen.getByRole('tab', { name: 'web · bash' }).getAttribute('aria-selected')).toBe('true');
    // Moving through the tabs leaves the keyboard there; a click hands it to the screen.
    expect(views[0]?.focusCount).toBe(1);
    await user.click(screen.getByRole('tab', { name: 'api · bash' }));
    expect(views[1]?.focusCount).toBe(2);
    await user.click(screen.getByRole('button', { name: 'Close web · bash' }));
    expect(tabs()).toEqual(['api · bash']);
    expect(views[0]?.disposed).toBe(true);
    await waitFor(() => expect(core.callsOf('terminal.close')).toHaveLength(1));
  });

  it('attaches to PID 1 read-only from the options form, checking the user as the contract does', async () => {
    const core = coreWith();
    const { user } = renderApp(core);
    await user.click(await screen.findByRole('button', { name: 'More terminal options for web' }));
    const dialog = screen.getByRole('dialog', { name: 'Open a terminal in web' });
    await user.type(within(dialog).getByLabelText('User'), 'bad user');
    expect(within(dialog).getAllByRole('alert')[0]?.textContent).toBe('a user is NAME, UID or UID:GID');
    await user.click(within(dialog).getByRole('button', { name: 'Open' }));
    expect(core.callsOf('terminal.open')).toEqual([]);

    await user.click(within(dialog).getByLabelText(/Attach to PID 1/));
    await user.click(within(dialog).getByRole('button', { name: 'Open' }));
    await waitFor(() => expect(tabs()).toEqual(['web · PID 1']));
    expect(core.terminals.last().request).toMatchObject({ mode: 'attach', writable: false });
    expect(core.terminals.last().request.user).toBeUndefined();
    expect(screen.getByTestId('terminal-access').textContent).toBe('read-only');
    await user.click(screen.getByRole('button', { name: 'Allow typing' }));
    await waitFor(() => expect(core.terminals.last().request.writable).toBe(true));
    await waitFor(() => expect(screen.getByTestId('terminal-access').textContent).toBe('writable'));
  });

  it('opens as another user in another directory', async () => {
    const core = coreWith();
    const { user } = renderApp(core);
    await user.click(await screen.findByRole('button', { name: 'More terminal options for web' }));
    const dialog = screen.getByRole('dialog', { name: 'Open a terminal in web' });
    await user.type(within(dialog).getByLabelText('User'), 'www-data');
    await user.type(within(dialog).getByLabelText('Working directory'), 'srv');
    expect(within(dialog).getAllByRole('alert')[1]?.textContent).toBe(
      'a working directory is an absolute path',
    );
    await user.clear(within(dialog).getByLabelText('Working directory'));
    await user.type(within(dialog).getByLabelText('Working directory'), '/srv');
    await user.click(within(dialog).getByRole('button', { name: 'Open' }));
    await waitFor(() => expect(core.terminals.sessions).toHaveLength(1));
    expect(core.terminals.last().request).toMatchObject({ mode: 'shell', user: 'www-data', workdir: '/srv' });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('shows progress while the toolbox is being prepared', async () => {
    const core = coreWith();
    const release = core.terminals.holdOpen();
    renderApp(core);
    (await screen.findByRole('button', { name: 'Open the toolbox in web' })).click();
    await waitFor(() => expect(core.callsOf('terminal.open')).toHaveLength(1));
    core.terminals.progress(core.callsOf('terminal.open')[0]!.sessionId, 'Building the toolbox image…');
    expect((await screen.findByTestId('terminal-progress')).textContent).toBe('Building the toolbox image…');
    release();
    await waitFor(() => expect(screen.queryByTestId('terminal-progress')).toBeNull());
  });

  it('finds text in the scrollback and zooms the text', async () => {
    const core = coreWith();
    const { user, views } = renderApp(core);
    await openIn('web');
    await waitFor(() => expect(core.terminals.sessions).toHaveLength(1));
    core.terminals.output(core.terminals.last().request.sessionId, 'needle in a haystack');
    await user.click(screen.getByRole('button', { name: 'Find' }));
    await user.type(screen.getByRole('searchbox', { name: 'Find in the terminal' }), 'needle{Enter}');
    expect(views[0]?.found).toEqual([{ query: 'needle', direction: 'next' }]);
    await user.keyboard('{Shift>}{Enter}{/Shift}');
    expect(views[0]?.found.at(-1)).toEqual({ query: 'needle', direction: 'previous' });
    await user.keyboard('{Escape}');
    expect(screen.queryByTestId('terminal-search')).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Larger text' }));
    expect(views[0]?.fontSize).toBe(14);
    expect(screen.getByTestId('terminal-font-size').textContent).toBe('14px');
  });
});
