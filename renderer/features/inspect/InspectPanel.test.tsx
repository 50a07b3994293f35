import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { SECRET_MASK } from '../../../electron/shared/contract/inspect';
import { AppError } from '../../../electron/shared/errors';
import { FakeCore } from '../../test/fake-core';
import { makeConnection, makeRow } from '../../test/fixtures';
import { renderApp } from '../../test/render-app';
import { inspectAnswer } from './inspect-fixtures';

function core(): FakeCore {
  const fake = new FakeCore();
  fake.connections = [makeConnection({ id: 'local', name: 'Local engine' })];
  // A fixed id: a random one holds "db" now and then, and the search test counts matches of "db".
  fake.rows = [makeRow({ name: 'web', connectionId: 'local', id: 'c0ffee'.repeat(10) + 'c0ff' })];
  fake.handle('containers.inspect', (input) => inspectAnswer(fake.rows[0]!, input));
  return fake;
}

// Lazy tabs load their modules on first use, which takes a while on a busy machine.
const SLOW = { timeout: 10_000 };

/** The details of `web` on the Inspect tab (chosen first, so no other tab loads on the way). */
async function openInspect(fake: FakeCore) {
  const app = renderApp(fake);
  act(() => app.stores.details.showTab('inspect'));
  await screen.findByTestId('containers-table');
  await app.user.click(screen.getByRole('button', { name: 'web: show details' }));
  await screen.findByTestId('inspect-summary', {}, SLOW);
  return app;
}

const envRow = (name: string): HTMLElement => {
  const row = within(screen.getByTestId('inspect-env'))
    .getAllByRole('row')
    .find((r) => r.dataset['name'] === name);
  if (!row) throw new Error(`no env row ${name}`);
  return row;
};

describe('InspectPanel', { timeout: 30_000 }, () => {
  it('comes after Logs and Stats, and shows the summary in sections with secrets masked', async () => {
    const fake = core();
    const app = renderApp(fake);
    await screen.findByTestId('containers-table');
    await app.user.click(screen.getByRole('button', { name: 'web: show details' }));
    await app.user.click(await screen.findByRole('tab', { name: 'Inspect' }));
    await screen.findByTestId('inspect-summary', {}, SLOW);
    const tabs = screen.getAllByRole('tab').map((tab) => tab.textContent);
    expect(tabs.indexOf('Inspect')).toBeGreaterThan(tabs.indexOf('Stats'));
    expect(tabs.indexOf('Stats')).toBeGreaterThan(tabs.indexOf('Logs'));
    expect(fake.callsOf('containers.inspect')).toEqual([
      { connectionId: 'local', containerId: fake.rows[0]!.id, reveal: false },
    ]);

    const process = screen.getByRole('region', { name: 'Process' });
    expect(within(process).getByText('PID 1').nextElementSibling?.textContent).toBe('httpd -f');
    expect(within(process).getByText('Host PID').nextElementSibling?.textContent).toBe('4242');
    expect(within(process).getByText('Command').nextElementSibling?.textContent).toBe(
      "httpd -f (set on the container; the image's: sh)",
    );
    const restart = screen.getByRole('region', { name: 'Restart policy' });
    expect(within(restart).getByText('on-failure, at most 3 retries')).toBeTruthy();
    expect(
      within(screen.getByRole('region', { name: 'Ports' })).getByText('127.0.0.1:8080→80/tcp'),
    ).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Latest health checks' }).textContent).toContain(
      'exit 0 · 53 ms · ok',
    );

    expect(envRow('DB_PASSWORD').textContent).toBe(`DB_PASSWORD${SECRET_MASK}masked`);
    expect(envRow('DATABASE_URL').textContent).toContain(`postgres://app:${SECRET_MASK}@db:5432/shop`);
    expect(envRow('KEYBOARD_LAYOUT').dataset['secret']).toBeUndefined();
    expect(screen.getByTestId('inspect-secrets').textContent).toBe('2 secret values are masked.');
    expect(document.body.textContent).not.toContain('hunter2');
  });

  it('reveals secrets only when asked, and hides them again at once', async () => {
    const fake = core();
    let answerMasked: (() => void) | undefined;
    const { user } = await openInspect(fake);
    await user.click(screen.getByRole('button', { name: 'Reveal secrets' }));
    await waitFor(() => expect(envRow('DB_PASSWORD').textContent).toBe('DB_PASSWORDhunter2secret'));
    expect(fake.callsOf('containers.inspect').at(-1)).toMatchObject({ reveal: true });
    expect(screen.getByRole('button', { name: 'Hide secrets' }).getAttribute('aria-pressed')).toBe('true');

    // The masked answer is held back: the revealed values must leave the screen before it comes.
    fake.handle('containers.inspect', (input) => {
      return new Promise((resolve) => {
        answerMasked = () => resolve(inspectAnswer(fake.rows[0]!, input));
      });
    });
    await user.click(screen.getByRole('button', { name: 'Hide secrets' }));
    expect(document.body.textContent).not.toContain('hunter2');
    await waitFor(() => expect(answerMasked).toBeDefined());
    act(() => answerMasked!());
    await waitFor(() => expect(envRow('DB_PASSWORD').textContent).toContain(SECRET_MASK));
  });

  it('re-reads when the container changes, not otherwise', async () => {
    const fake = core();
    await openInspect(fake);
    expect(fake.callsOf('containers.inspect')).toHaveLength(1);
    const row = fake.rows[0]!;
    fake.rows = [{ ...row, state: 'exited', status: 'Exited (0) 1 second ago' }];
    act(() => fake.emit('containers.changed', { connectionId: 'local', ids: [row.id], full: false }));
    await waitFor(() => expect(fake.callsOf('containers.inspect')).toHaveLength(2));
    await waitFor(() =>
      expect(within(screen.getByRole('region', { name: 'State' })).getByText(/^exited/)).toBeTruthy(),
    );
    // An event that changes nothing about the row reads nothing.
    act(() => fake.emit('containers.changed', { connectionId: 'local', ids: [row.id], full: false }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(fake.callsOf('containers.inspect')).toHaveLength(2);
  });

  it('says why it cannot inspect, in the core’s words', async () => {
    const fake = core();
    fake.handle('containers.inspect', () => {
      throw new AppError('NOT_FOUND', 'Container abc is gone: it was removed from unix:///x.sock.');
    });
    const app = renderApp(fake);
    await screen.findByTestId('containers-table');
    await app.user.click(screen.getByRole('button', { name: 'web: show details' }));
    await app.user.click(await screen.findByRole('tab', { name: 'Inspect' }));
    expect(await screen.findByText('Could not inspect this container', {}, SLOW)).toBeTruthy();
    expect(screen.getByText(/is gone: it was removed/)).toBeTruthy();
  });
});

describe('the raw JSON view', { timeout: 30_000 }, () => {
  async function openRaw(fake = core()) {
    const app = await openInspect(fake);
    await app.user.click(screen.getByRole('button', { name: 'Raw JSON' }));
    await screen.findByTestId('raw-json');
    return app;
  }

  it('pretty-prints the masked document with coloured spans', async () => {
    await openRaw();
    const body = screen.getByLabelText('Raw JSON', { selector: '.json-body' });
    expect(body.textContent).toContain(`"DB_PASSWORD=${SECRET_MASK}"`);
    expect(body.textContent).not.toContain('hunter2');
    const key = within(body).getAllByText('"Env"')[0]!;
    expect(key.className).toBe('json-key');
  });

  it('finds plain text, highlights every match, and steps through them', async () => {
    const { user } = await openRaw();
    await user.type(screen.getByRole('searchbox', { name: 'Search the raw JSON' }), 'on-failure');
    expect(screen.getByTestId('json-match-count').textContent).toBe('1 of 1');
    await user.clear(screen.getByRole('searchbox', { name: 'Search the raw JSON' }));
    await user.type(screen.getByRole('searchbox', { name: 'Search the raw JSON' }), 'db');
    // DB_PASSWORD, @db:5432 (any case).
    expect(screen.getByTestId('json-match-count').textContent).toBe('1 of 2');
    expect(document.querySelectorAll('mark.json-match')).toHaveLength(2);
    expect(document.querySelector('[data-current-match]')?.textContent).toBe('DB');
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(screen.getByTestId('json-match-count').textContent).toBe('2 of 2');
    expect(document.querySelector('[data-current-match]')?.textContent).toBe('db');
    await user.keyboard('{Shift>}{Enter}{/Shift}');
    expect(screen.getByTestId('json-match-count').textContent).toBe('1 of 2');
    await user.type(screen.getByRole('searchbox', { name: 'Search the raw JSON' }), 'zzz');
    expect(screen.getByTestId('json-match-count').textContent).toBe('No matches');
  });

  it('folds objects, and unfolds one that hides the match it goes to', async () => {
    const { user } = await openRaw();
    await user.click(screen.getByRole('button', { name: 'Collapse Config' }));
    const body = screen.getByLabelText('Raw JSON', { selector: '.json-body' });
    expect(body.textContent).not.toContain('KEYBOARD_LAYOUT');
    expect(body.textContent).toContain('… 3 keys …');
    await user.type(screen.getByRole('searchbox', { name: 'Search the raw JSON' }), 'keyboard');
    await waitFor(() => expect(body.textContent).toContain('KEYBOARD_LAYOUT'));
    expect(screen.getByRole('button', { name: 'Collapse Config' }).getAttribute('aria-expanded')).toBe(
      'true',
    );
    await user.click(screen.getByRole('button', { name: 'Collapse all' }));
    expect(body.textContent).not.toContain('"Cmd"');
    await user.click(screen.getByRole('button', { name: 'Expand all' }));
    expect(body.textContent).toContain('"Cmd"');
  });

  it('copies the document as shown, masked, and says so', async () => {
    const { user } = await openRaw();
    await user.click(screen.getByRole('button', { name: 'Copy' }));
    expect(screen.getByTestId('copy-status').textContent).toBe('Copied');
    const copied = await navigator.clipboard.readText();
    expect(JSON.parse(copied)).toMatchObject({
      Config: { Env: expect.arrayContaining([`DB_PASSWORD=${SECRET_MASK}`]) },
    });
    expect(copied).toBe(JSON.stringify(JSON.parse(copied), null, 2));
    expect(copied).not.toContain('hunter2');
  });

  it('says plainly when the clipboard refuses', async () => {
    const { user } = await openRaw();
    vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(
      new DOMException('Write permission denied.', 'NotAllowedError'),
    );
    await user.click(screen.getByRole('button', { name: 'Copy' }));
    expect(screen.getByTestId('copy-status').textContent).toBe(
      'The clipboard refused the copy (Write permission denied.). Select the text and copy it by hand (Ctrl+C, ⌘C on a Mac).',
    );
  });
});
