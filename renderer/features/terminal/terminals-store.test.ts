import { describe, expect, it } from 'vitest';
import { AppError } from '../../../electron/shared/errors';
import { ACK_EVERY_BYTES } from '../../../electron/shared/terminal/terminal-client';
import { FakeCore } from '../../test/fake-core';
import { defaultSession } from '../../test/fake-terminals';
import { fakeViews, type FakeTerminalView } from '../../test/fake-terminal-view';
import { settle } from '../../test/frames';
import type { TerminalTarget } from './open-request';
import { TerminalsStore } from './terminals-store';

const WEB: TerminalTarget = { connectionId: 'local', containerId: 'a'.repeat(64), containerName: 'web' };
const DB: TerminalTarget = { connectionId: 'local', containerId: 'b'.repeat(64), containerName: 'db' };

function setup() {
  const core = new FakeCore();
  const { create, views } = fakeViews();
  const store = new TerminalsStore({ createView: create });
  store.attach(core.client());
  /** Opens a tab and shows its screen, as the panel does when the tab appears. */
  const open = async (...args: Parameters<TerminalsStore['open']>) => {
    const id = store.open(...args);
    const view = views.at(-1) as FakeTerminalView;
    view.attach(document.createElement('div'));
    await settle();
    return { id, view, tab: () => store.getSnapshot().tabs.find((t) => t.id === id)! };
  };
  return { core, store, views, open };
}

describe('TerminalsStore', () => {
  it('subscribes to the output before opening, at the fitted size, and keeps the fixes', async () => {
    const { core, open } = setup();
    let subscribedFirst = false;
    core.terminals.answer = (request) => {
      subscribedFirst = core
        .subscriptionsOf('terminal.output')
        .some((params) => (params as { sessionId: string }).sessionId === request.sessionId);
      return {
        sessionId: request.sessionId,
        mode: 'shell',
        shell: '/bin/bash',
        user: 'root',
        fixes: [{ id: 'locale', applied: true, label: 'UTF-8 locale (C.UTF-8)' }],
        writable: true,
      };
    };
    const { tab } = await open(WEB);
    expect(subscribedFirst).toBe(true);
    const [request] = core.callsOf('terminal.open');
    expect(request).toMatchObject({ containerId: WEB.containerId, mode: 'shell', cols: 120, rows: 30 });
    expect(request?.timezone).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
    expect(tab().phase).toBe('open');
    expect(tab().session?.fixes).toEqual([{ id: 'locale', applied: true, label: 'UTF-8 locale (C.UTF-8)' }]);
  });

  it('writes output bytes untouched and acknowledges them only once the screen has rendered them', async () => {
    const { core, open } = setup();
    const { view } = await open(WEB);
    const sessionId = core.terminals.last().request.sessionId;
    // 中 split across two chunks: the bytes reach the screen as they came, never decoded on the way.
    const big = new Uint8Array(ACK_EVERY_BYTES + 10).fill(0x61);
    core.terminals.output(sessionId, new Uint8Array([0xe4, 0xb8]));
    core.terminals.output(sessionId, new Uint8Array([0xad]));
    core.terminals.output(sessionId, big);
    expect(view.writes.map((w) => w.bytes.byteLength)).toEqual([2, 1, big.byteLength]);
    expect(view.text().startsWith('中')).toBe(true);
    await settle();
    expect(core.callsOf('terminal.ack')).toEqual([]);
    view.render();
    await settle();
    expect(core.terminals.last().acked).toBe(big.byteLength + 3);
  });

  it('sends keystrokes, and none to a read-only attach', async () => {
    const { core, open } = setup();
    const shell = await open(WEB);
    shell.view.type('ls\r');
    await settle();
    expect(core.terminals.typed(core.terminals.last().request.sessionId)).toBe('ls\r');

    const attach = await open(WEB, { mode: 'attach' });
    expect(core.terminals.last().request).toMatchObject({ mode: 'attach', writable: false });
    expect(attach.view.inputEnabled).toBe(false);
    attach.view.type('x');
    await settle();
    expect(core.callsOf('terminal.input')).toHaveLength(1);
  });

  it('makes an attach writable by reopening it in the same screen', async () => {
    const { core, store, views, open } = setup();
    const { id, view, tab } = await open(WEB, { mode: 'attach' });
    store.setWritable(id, true);
    await settle();
    expect(core.terminals.last().request).toMatchObject({ mode: 'attach', writable: true });
    expect(tab().session?.writable).toBe(true);
    expect(view.inputEnabled).toBe(true);
    expect(views).toHaveLength(1);
  });

  it('offers the toolbox when the image has no shell, and opens it in the same tab', async () => {
    const { core, store, views, open } = setup();
    core.terminals.answer = () => {
      throw new AppError('NOT_FOUND', 'No shell in local/noshell:1.', { reason: 'no-shell' });
    };
    const { id, tab } = await open(WEB);
    expect(tab().phase).toBe('failed');
    expect(tab().problem).toMatchObject({
      kind: 'no-shell',
      title: 'This image has no shell',
      offerToolbox: true,
    });

    core.terminals.answer = (request) => ({
      sessionId: request.sessionId,
      mode: 'toolbox',
      shell: '/bin/sh',
      user: 'root',
      fixes: [],
      writable: true,
      toolbox: { image: 'bosun/toolbox:1', containerId: 'c'.repeat(64) },
    });
    store.openToolbox(id);
    await settle();
    expect(core.callsOf('terminal.open').at(-1)).toMatchObject({ mode: 'toolbox' });
    expect(tab()).toMatchObject({ phase: 'open', choice: { mode: 'toolbox' } });
    expect(views).toHaveLength(1);
  });

  it('says so when the session ends for lack of a shell', async () => {
    const { core, open } = setup();
    const { tab } = await open(WEB);
    core.terminals.end(core.terminals.last().request.sessionId, 'no-shell', 127, 'bash is not in the image.');
    expect(tab().phase).toBe('ended');
    expect(tab().problem).toMatchObject({ kind: 'no-shell', offerToolbox: true });
  });

  it('ends the tab when the session ends before terminal.open has answered', async () => {
    const { core, open } = setup();
    core.terminals.answer = (request) => {
      // The exec of a missing shell starts, and is over at once (exit 127).
      queueMicrotask(() => core.terminals.end(request.sessionId, 'no-shell', 127, 'No shell started.'));
      return new Promise((resolve) => setTimeout(() => resolve(defaultSession(request)), 0));
    };
    const { view, tab } = await open(WEB);
    await settle();
    expect(tab()).toMatchObject({
      phase: 'ended',
      problem: { kind: 'no-shell' },
      session: { shell: '/bin/bash' },
    });
    expect(view.inputEnabled).toBe(false);
  });

  it('keeps the screen when a session ends, and reopens in it', async () => {
    const { core, store, views, open } = setup();
    const { id, view, tab } = await open(WEB);
    const first = core.terminals.last().request.sessionId;
    core.terminals.output(first, 'hello\r\n');
    core.terminals.end(first, 'exited', 0, 'The shell exited.');
    expect(tab()).toMatchObject({ phase: 'ended', problem: { title: 'The shell exited (exit code 0)' } });
    expect(view.inputEnabled).toBe(false);

    store.reopen(id);
    await settle();
    const second = core.terminals.last().request.sessionId;
    expect(second).not.toBe(first);
    expect(views).toEqual([view]);
    expect(view.disposed).toBe(false);
    expect(view.separators).toEqual(['reopening: shell']);
    expect(view.text()).toContain('hello');
    expect(tab().phase).toBe('open');
    // Output of the old session no longer reaches the screen.
    core.terminals.output(first, 'stale');
    expect(view.text()).not.toContain('stale');
  });

  it('reopens with the fixes the user turned off, and remembers them for the container', async () => {
    const { core, store, open } = setup();
    const { id, tab } = await open(WEB);
    const first = core.terminals.last();
    store.setDisabledFixes(id, ['locale', 'prompt']);
    await settle();
    expect(first.closed).toBe(true);
    expect(core.terminals.last().request.disabledFixes).toEqual(['locale', 'prompt']);
    expect(tab().session?.fixes.find((f) => f.id === 'locale')?.applied).toBe(false);

    await open(WEB);
    expect(core.terminals.last().request.disabledFixes).toEqual(['locale', 'prompt']);
    await open(DB);
    expect(core.terminals.last().request.disabledFixes).toEqual([]);
  });

  it.each([
    ['CONFLICT', 'web is not running'],
    ['NOT_FOUND', 'web is gone'],
    ['UNAVAILABLE', 'The engine is unavailable'],
  ] as const)('shows a %s from open in the tab', async (code, title) => {
    const { core, open } = setup();
    core.terminals.answer = () => {
      throw new AppError(code, 'The engine said no.');
    };
    const { tab } = await open(WEB);
    expect(tab()).toMatchObject({ phase: 'failed', problem: { title, message: 'The engine said no.' } });
  });

  it('shows progress while opening', async () => {
    const { core, store, views } = setup();
    const release = core.terminals.holdOpen();
    const id = store.open(WEB, { mode: 'toolbox' });
    views[0]!.attach(document.createElement('div'));
    await settle();
    const sessionId = core.callsOf('terminal.open')[0]!.sessionId;
    core.terminals.progress(sessionId, 'Building the toolbox image (step 2 of 4)…');
    const tab = () => store.getSnapshot().tabs.find((t) => t.id === id)!;
    expect(tab()).toMatchObject({ phase: 'opening', progress: 'Building the toolbox image (step 2 of 4)…' });
    release();
    await settle();
    expect(tab()).toMatchObject({ phase: 'open', progress: undefined });
  });

  it('closes the session and disposes the screen when the tab closes; the next tab becomes active', async () => {
    const { core, store, open } = setup();
    const one = await open(WEB);
    const two = await open(DB);
    store.select(one.id);
    store.close(one.id);
    await settle();
    expect(core.terminals.sessions[0]?.closed).toBe(true);
    expect(one.view.disposed).toBe(true);
    expect(two.view.disposed).toBe(false);
    expect(store.getSnapshot()).toMatchObject({ activeId: two.id, tabs: [{ id: two.id }] });
  });

  it('closes a session whose tab was closed while it opened', async () => {
    const { core, store, views } = setup();
    const release = core.terminals.holdOpen();
    const id = store.open(WEB);
    views[0]!.attach(document.createElement('div'));
    await settle();
    store.close(id);
    release();
    await settle();
    expect(core.terminals.last().closed).toBe(true);
  });

  it('resizes the program when the screen is refitted, and zooms every screen', async () => {
    const { core, store, open } = setup();
    const { id, view } = await open(WEB);
    view.fitted = { cols: 100, rows: 20 };
    store.fit(id);
    await settle();
    expect(core.terminals.last().resizes).toEqual([{ cols: 100, rows: 20 }]);
    store.zoom(1);
    expect(view.fontSize).toBe(14);
    store.zoom(0);
    expect(view.fontSize).toBe(13);
  });
});
