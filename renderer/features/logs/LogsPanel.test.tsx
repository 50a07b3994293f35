import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LogLine, LogsEndReason } from '../../../electron/shared/contract';
import { AppError } from '../../../electron/shared/errors';
import { FakeCore } from '../../test/fake-core';
import { makeConnection, makeRow } from '../../test/fixtures';
import { renderApp } from '../../test/render-app';

const T0 = 1_700_000_000;
const at = (n: number): string => `${T0 + Math.floor(n / 1000)}.${String(n % 1000).padStart(9, '0')}`;
const out = (n: number, text: string, stream: LogLine['stream'] = 'stdout'): LogLine => ({
  stream,
  time: at(n),
  text,
});

function core(options: { tty?: boolean } = {}): FakeCore {
  const fake = new FakeCore();
  fake.connections = [makeConnection({ id: 'local', name: 'Local engine' })];
  fake.rows = [makeRow({ name: 'web', connectionId: 'local' })];
  fake.handle('logs.open', (input) => ({ streamId: input.streamId, tty: options.tty ?? false }));
  fake.handle('logs.ack', () => null);
  fake.handle('logs.close', () => null);
  return fake;
}

/** Opens the details of `web` (the Logs tab is the first) and returns helpers for its stream. */
async function openLogs(fake: FakeCore) {
  const app = renderApp(fake);
  await screen.findByTestId('containers-table');
  await app.user.click(screen.getByRole('button', { name: 'web: show details' }));
  // The tab's code loads on first use: give the first test time for it.
  const panel = await screen.findByTestId('logs-panel', {}, { timeout: 10_000 });
  await waitFor(() => expect(fake.callsOf('logs.open')).toHaveLength(1));
  const streamId = (): string => fake.callsOf('logs.open').at(-1)!.streamId;
  const send = async (lines: LogLine[]): Promise<void> => {
    act(() => fake.emit('logs.output', { type: 'lines', streamId: streamId(), lines }));
    // Batches are applied on the next frame.
    await act(() => new Promise((resolve) => setTimeout(resolve, 40)));
  };
  const end = (reason: LogsEndReason, message: string) =>
    act(() => fake.emit('logs.output', { type: 'ended', streamId: streamId(), reason, message }));
  const texts = (): string[] =>
    screen.queryAllByTestId('log-line').map((row) => row.querySelector('.log-text')?.textContent ?? '');
  return { ...app, panel, streamId, send, end, texts };
}

const button = (name: string | RegExp) => screen.getByRole('button', { name });

afterEach(() => vi.restoreAllMocks());

describe('LogsPanel', () => {
  it('opens the last 1,000 lines and follows, marking stderr and rendering colours', async () => {
    const fake = core();
    const { send, texts } = await openLogs(fake);
    expect(fake.callsOf('logs.open')[0]).toMatchObject({
      connectionId: 'local',
      containerId: fake.rows[0]!.id,
      tail: 1_000,
      follow: true,
      stdout: true,
      stderr: true,
    });
    await send([
      out(1, 'plain start'),
      out(2, '\x1b[31mred\x1b[0m and \x1b[1mbold\x1b[0m'),
      out(3, 'oops', 'stderr'),
    ]);
    expect(texts()).toEqual(['plain start', 'red and bold', 'oops']);
    const rows = screen.getAllByTestId('log-line');
    expect(within(rows[1]!).getByText('red').className).toBe('ansi-fg-1');
    expect(within(rows[1]!).getByText('bold').className).toBe('ansi-bold');
    expect(rows[2]!.dataset['stream']).toBe('stderr');
    expect(within(rows[2]!).getByRole('img', { name: 'stderr' })).toBeTruthy();
    expect(within(rows[0]!).queryByRole('img', { name: 'stderr' })).toBeNull();
    expect(screen.getByTestId('log-count').textContent).toBe('3 lines');
    expect(button('Follow').getAttribute('aria-pressed')).toBe('true');
  });

  it('renders only the visible rows of 10,000 lines', async () => {
    const fake = core();
    const { send } = await openLogs(fake);
    await send(Array.from({ length: 10_000 }, (_, i) => out(i, `line ${i}`)));
    expect(screen.getByTestId('log-count').textContent).toBe('10,000 lines');
    const rendered = screen.getAllByTestId('log-line').length;
    expect(rendered).toBeGreaterThan(10);
    expect(rendered).toBeLessThan(100);
  });

  it('restarts the stream for another tail, stream filter or time range; until stops following', async () => {
    const fake = core();
    const { user } = await openLogs(fake);
    const first = fake.callsOf('logs.open')[0]!.streamId;
    await user.selectOptions(screen.getByRole('combobox', { name: 'Lines' }), '100');
    await waitFor(() => expect(fake.callsOf('logs.open')).toHaveLength(2));
    expect(fake.callsOf('logs.open')[1]).toMatchObject({ tail: 100, follow: true });
    await waitFor(() => expect(fake.callsOf('logs.close')).toContainEqual({ streamId: first }));

    await user.selectOptions(screen.getByRole('combobox', { name: 'Streams' }), 'stderr');
    await waitFor(() => expect(fake.callsOf('logs.open')).toHaveLength(3));
    expect(fake.callsOf('logs.open')[2]).toMatchObject({ stdout: false, stderr: true });

    const since = screen.getByRole('textbox', { name: 'Since' });
    await user.type(since, 'yesterday{Enter}');
    expect(screen.getByRole('alert').textContent).toContain('is not a time');
    expect(fake.callsOf('logs.open')).toHaveLength(3);
    await user.clear(since);
    const before = Date.now() / 1000;
    await user.type(since, '10m{Enter}');
    await waitFor(() => expect(fake.callsOf('logs.open')).toHaveLength(4));
    const sinceTime = Number(fake.callsOf('logs.open')[3]!.since);
    expect(sinceTime).toBeGreaterThan(before - 601);
    expect(sinceTime).toBeLessThan(before - 599);

    await user.type(screen.getByRole('textbox', { name: 'Until' }), '1m{Enter}');
    await waitFor(() => expect(fake.callsOf('logs.open')).toHaveLength(5));
    expect(fake.callsOf('logs.open')[4]).toMatchObject({ follow: false });
    expect((button('Follow') as HTMLButtonElement).disabled).toBe(true);
  });

  it('searches plain text and regular expressions, counts and steps through matches', async () => {
    const fake = core();
    const { user, send } = await openLogs(fake);
    await send([out(1, 'GET /a 200'), out(2, 'GET /b 500'), out(3, 'POST /c 500 500')]);
    const box = screen.getByRole('searchbox', { name: 'Search the log' });
    await user.type(box, '500');
    const count = screen.getByTestId('log-search-count');
    await waitFor(() => expect(count.textContent).toBe('3 matches'));
    expect(document.querySelectorAll('mark.log-match')).toHaveLength(3);

    await user.keyboard('{Enter}');
    expect(count.textContent).toBe('1 of 3');
    expect(
      document.querySelector('mark.log-match-current')?.closest('[data-testid=log-line]')?.textContent,
    ).toContain('GET /b');
    await user.keyboard('{Enter}');
    expect(count.textContent).toBe('2 of 3');
    await user.keyboard('{Shift>}{Enter}{/Shift}');
    expect(count.textContent).toBe('1 of 3');
    fireEvent.keyDown(box, { key: 'F3' });
    expect(count.textContent).toBe('2 of 3');

    await user.click(button('Regular expression'));
    await user.clear(box);
    await user.paste('(GET|POST) /[ab]');
    await waitFor(() => expect(count.textContent).toBe('2 matches'));
    await user.clear(box);
    await user.paste('([a');
    expect(screen.getByRole('alert').textContent).toMatch(/Not a valid regular expression/);
    expect(document.querySelectorAll('mark.log-match')).toHaveLength(0);
  });

  it('focuses the search on Ctrl+F', async () => {
    const fake = core();
    const { user } = await openLogs(fake);
    screen.getByTestId('log-list').focus();
    await user.keyboard('{Control>}f{/Control}');
    expect(document.activeElement).toBe(screen.getByRole('searchbox', { name: 'Search the log' }));
  });

  it('pages back with Load earlier lines, and says where the log starts', async () => {
    const fake = core();
    const { user, send, texts } = await openLogs(fake);
    await send([out(10, 'ten'), out(11, 'eleven')]);
    fake.handle('logs.page', () => ({ lines: [out(8, 'eight'), out(9, 'nine')], more: false }));
    await user.click(button('Load earlier lines'));
    await waitFor(() => expect(texts()).toEqual(['eight', 'nine', 'ten', 'eleven']));
    expect(fake.callsOf('logs.page')[0]).toMatchObject({ before: at(10), haveAtBefore: 1 });
    expect(screen.getByText('Start of the log')).toBeTruthy();
  });

  it('shows timestamps in local time and wraps lines on request', async () => {
    const fake = core();
    const { user, send } = await openLogs(fake);
    await send([{ stream: 'stdout', time: `${T0}.123456789`, text: 'hello' }]);
    expect(screen.queryByTestId('log-time')).toBeNull();
    await user.click(button('Timestamps'));
    expect(screen.getByTestId('log-time').textContent).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.123$/);
    await user.click(button('Wrap'));
    expect(screen.getByTestId('log-list').classList.contains('log-wrap')).toBe(true);
    expect(fake.callsOf('logs.open')).toHaveLength(1);
  });

  it('caps a 100,000-character line and shows it whole in a dialog with copy', async () => {
    const fake = core();
    const { user, send } = await openLogs(fake);
    const long = 'x'.repeat(100_000);
    await send([out(1, long)]);
    const row = screen.getByTestId('log-line');
    expect(row.querySelector('.log-text')!.textContent).toHaveLength(2_000);
    const writeText = vi.fn(async () => undefined);
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText } });
    await user.click(within(row).getByRole('button', { name: 'show full line (100,000 chars)' }));
    const dialog = screen.getByRole('dialog', { name: 'Full log line' });
    expect(dialog.querySelector('pre')!.textContent).toHaveLength(100_000);
    await user.click(within(dialog).getByRole('button', { name: 'Copy' }));
    expect(writeText).toHaveBeenCalledWith(long);
    expect(within(dialog).getByText('Copied')).toBeTruthy();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('says the container stopped and keeps the lines; an engine lost offers Resume after the last line', async () => {
    const fake = core();
    const { user, send, end, texts } = await openLogs(fake);
    await send([out(1, 'last words')]);
    end('complete', 'The container stopped: its log is complete.');
    const ended = await screen.findByTestId('log-ended');
    expect(ended.textContent).toContain('The container stopped; logs end here');
    expect(texts()).toEqual(['last words']);

    // Reopen (another tail), then lose the engine.
    await user.selectOptions(screen.getByRole('combobox', { name: 'Lines' }), '100');
    await waitFor(() => expect(fake.callsOf('logs.open')).toHaveLength(2));
    await waitFor(() => expect(screen.getByTestId('logs-panel').dataset['phase']).toBe('streaming'));
    await send([out(2, 'before the drop')]);
    end('engine-lost', 'The engine connection was lost.');
    const lost = await screen.findByTestId('log-ended');
    expect(lost.dataset['reason']).toBe('engine-lost');
    expect(lost.textContent).toContain('The log stream was interrupted');
    await user.click(within(lost).getByRole('button', { name: 'Resume' }));
    await waitFor(() => expect(fake.callsOf('logs.open')).toHaveLength(3));
    // From the last line shown on, the lines kept.
    expect(fake.callsOf('logs.open')[2]).toMatchObject({ follow: true, since: out(2, '').time });
    expect(fake.callsOf('logs.open')[2]).not.toHaveProperty('tail');
    expect(texts()).toEqual(['before the drop']);
  });

  it('explains a log that cannot be opened', async () => {
    const fake = core();
    fake.handle('logs.open', () => {
      throw new AppError('UNAVAILABLE', 'The engine is not reachable.');
    });
    await openLogs(fake);
    const failure = await screen.findByTestId('log-failure');
    expect(failure.textContent).toContain('The engine is not reachable.');
  });

  it('says stderr cannot be told apart in a TTY container', async () => {
    const fake = core({ tty: true });
    await openLogs(fake);
    expect((await screen.findByTestId('log-tty')).textContent).toContain('stderr cannot be told apart');
  });

  it('counts new lines below while not following, and jumps back to them', async () => {
    const fake = core();
    const { user, send } = await openLogs(fake);
    await send([out(1, 'a')]);
    await user.click(button('Follow'));
    expect(button('Follow').getAttribute('aria-pressed')).toBe('false');
    await send([out(2, 'b'), out(3, 'c')]);
    const pill = screen.getByTestId('log-new-lines');
    expect(pill.textContent).toBe('2 new lines below ↓');
    await user.click(pill);
    expect(button('Follow').getAttribute('aria-pressed')).toBe('true');
    expect(screen.queryByTestId('log-new-lines')).toBeNull();
  });

  it('downloads the whole log as a file without touching the lines on screen', async () => {
    const fake = core();
    const { user, send, texts } = await openLogs(fake);
    await send([out(1, 'on screen')]);
    const blobs: Blob[] = [];
    URL.createObjectURL = vi.fn((blob: Blob) => {
      blobs.push(blob);
      return 'blob:log';
    });
    URL.revokeObjectURL = vi.fn();
    const saved: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push(this.download);
    });
    await user.click(button('Download'));
    await waitFor(() => expect(fake.callsOf('logs.open')).toHaveLength(2));
    const download = fake.callsOf('logs.open')[1]!;
    expect(download).toMatchObject({ follow: false, stdout: true, stderr: true });
    expect(download).not.toHaveProperty('tail');
    act(() =>
      fake.emit('logs.output', {
        type: 'lines',
        streamId: download.streamId,
        lines: [out(1, 'one'), out(2, 'two', 'stderr')],
      }),
    );
    act(() =>
      fake.emit('logs.output', {
        type: 'ended',
        streamId: download.streamId,
        reason: 'complete',
        message: '',
      }),
    );
    const strip = await screen.findByTestId('log-download');
    await waitFor(() => expect(strip.dataset['phase']).toBe('done'));
    expect(strip.textContent).toMatch(/Saved 2 lines to web-\d{8}-\d{6}\.log/);
    expect(saved).toEqual([expect.stringMatching(/^web-\d{8}-\d{6}\.log$/)]);
    expect(await blobText(blobs[0]!)).toBe('one\ntwo\n');
    expect(texts()).toEqual(['on screen']);
  });

  it('closes the stream when the details close', async () => {
    const fake = core();
    const { user, streamId } = await openLogs(fake);
    const id = streamId();
    await waitFor(() => expect(screen.getByTestId('logs-panel').dataset['phase']).toBe('streaming'));
    await user.click(button('Close details'));
    await waitFor(() => expect(fake.callsOf('logs.close')).toEqual([{ streamId: id }]));
    expect(fake.subscriberCount('logs.output')).toBe(0);
  });
});

function blobText(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsText(blob);
  });
}
