import { runId } from '../fixtures/names';
import { readmeScreenshot } from '../fixtures/readme-screenshot';
import { expect, test, type BosunUi } from '../fixtures/test';
import { TerminalPanel } from '../pages/terminal-panel';

// The toolbox image may have to be built from its recipe on the first run.
test.setTimeout(180_000);

/** Shows `name` in the table and opens a terminal (or the toolbox) from its row. */
async function openTerminal(ui: BosunUi, name: string, action: 'terminal' | 'toolbox' = 'terminal') {
  const terminal = new TerminalPanel(ui.page);
  await ui.containers.waitForTable();
  await ui.containers.filterBy(name);
  const row = ui.containers.row(name);
  await expect(row).toHaveAttribute('data-state', 'running', { timeout: 20_000 });
  await terminal.openFor(row, name, action);
  return terminal;
}

test.describe('terminal', () => {
  test('a Debian image without locales gets a UTF-8 terminal: CJK names, whole-character Backspace, TERM', async ({
    ui,
    docker,
    env,
  }, testInfo) => {
    const name = `term-cjk-${runId()}`;
    await docker.run(name, env.images.debianNginx);
    const terminal = await openTerminal(ui, name);
    // WebGL where the browser has it, the DOM otherwise; the rows are read from the DOM renderer.
    await expect(terminal.screen).toHaveAttribute('data-renderer', /^(webgl|dom)$/);
    await terminal.useDomRenderer();
    await terminal.waitForShell();
    await expect(terminal.tab(new RegExp(`^${name} · bash`))).toHaveAttribute('aria-selected', 'true');
    await expect(terminal.what).toHaveText(/bash as /);
    await expect(terminal.fix('locale')).toHaveAttribute('data-applied', 'true');

    await terminal.focus();
    await terminal.run('cd /tmp && touch 中文.txt && ls');
    await terminal.waitForRow('中文.txt');

    await terminal.page.keyboard.type('echo 中文');
    await terminal.page.keyboard.press('Backspace');
    await terminal.page.keyboard.press('Enter');
    await terminal.waitForRow('中');

    await terminal.run('echo $TERM');
    await terminal.waitForRow('xterm-256color');
    await ui.page.mouse.move(0, 0);
    await readmeScreenshot(ui.page, testInfo, 'terminal.png');
  });

  test('full-screen programs (watch, less) fill the panel and follow a resize', async ({
    ui,
    docker,
    env,
  }) => {
    const name = `term-size-${runId()}`;
    await docker.run(name, env.images.debianNginx);
    const terminal = await openTerminal(ui, name);
    await terminal.useDomRenderer();
    await terminal.waitForShell();
    await terminal.focus();

    const before = await terminal.size();
    await terminal.run('stty size');
    await terminal.waitForRow(`${before.rows} ${before.cols}`);

    // watch draws its header across the whole width and runs `stty size` on the same terminal.
    await terminal.run('watch -n 0.5 stty size');
    // The stty size printed before watch matches the same row: wait for watch's own screen.
    const top = async (): Promise<string> => (await terminal.rows())[0] ?? '';
    await expect.poll(top).toMatch(/^Every 0\.5s: stty size/);
    await terminal.waitForRow(`${before.rows} ${before.cols}`);
    expect((await top()).length).toBeGreaterThanOrEqual(before.cols - 1);

    // Narrower window, lower panel: fewer columns and fewer rows.
    await ui.page.setViewportSize({ width: 1100, height: 800 });
    await terminal.resizePanel(-3);
    await expect.poll(async () => (await terminal.size()).cols).toBeLessThan(before.cols);
    await expect.poll(async () => (await terminal.size()).rows).toBeLessThan(before.rows);
    // watch redraws at the new size and stty, run again, reports it: the program was told.
    await expect
      .poll(async () => {
        const { cols, rows } = await terminal.size();
        return (await terminal.rows()).includes(`${rows} ${cols}`);
      })
      .toBe(true);
    const after = await terminal.size();
    const header = async (): Promise<number> => ((await terminal.rows())[0] ?? '').length;
    await expect.poll(header).toBeGreaterThanOrEqual(after.cols - 1);
    expect(await header()).toBeLessThanOrEqual(after.cols);

    await terminal.focus();
    await terminal.page.keyboard.press('Control+C');
    await terminal.run('stty size');
    await terminal.waitForRow(`${after.rows} ${after.cols}`);

    // less fills the screen: a line per row and its prompt on the last; taller panel, more lines.
    const lessFills = async (): Promise<boolean> => {
      const { rows } = await terminal.size();
      const shown = await terminal.rows();
      return (
        shown.length === rows &&
        shown[0] === '1' &&
        shown[rows - 2] === String(rows - 1) &&
        /^:/.test(shown[rows - 1] ?? '')
      );
    };
    await terminal.run('seq 1 1000 | less');
    await expect.poll(lessFills).toBe(true);
    await terminal.resizePanel(4);
    await expect.poll(async () => (await terminal.size()).rows).toBeGreaterThan(after.rows);
    await expect.poll(lessFills).toBe(true);
    await terminal.focus();
    await terminal.page.keyboard.press('q');
  });

  test('an image without a shell offers the toolbox, and ip addr runs in it', async ({ ui, docker, env }) => {
    const name = `term-noshell-${runId()}`;
    await docker.run(name, env.images.noshell);
    const terminal = await openTerminal(ui, name);
    await expect(terminal.problem).toContainText('This image has no shell', { timeout: 30_000 });
    await terminal.problem.getByRole('button', { name: 'Open the toolbox' }).click();
    await expect(terminal.tab(/· toolbox$/)).toBeVisible({ timeout: 120_000 });
    await terminal.useDomRenderer();
    await terminal.waitForShell();
    await terminal.focus();
    await terminal.run('ip addr');
    await terminal.waitForRow(/inet 127\.0\.0\.1\/8/);
    await terminal.waitForRow(/inet 172\.\d+\.\d+\.\d+\//);
  });

  test('sessions survive switching tabs and hiding the panel; an ended one reopens in the same screen', async ({
    ui,
    docker,
    env,
  }) => {
    const name = `term-tabs-${runId()}`;
    await docker.run(name, env.images.debianNginx);
    const terminal = await openTerminal(ui, name);
    await terminal.useDomRenderer();
    await terminal.waitForShell();
    await terminal.focus();
    await terminal.run('echo first-$((6*7))');
    await terminal.waitForRow('first-42');

    await terminal.openFor(ui.containers.row(name), name);
    await expect(terminal.tabs).toHaveCount(2);
    await terminal.waitForShell();
    await terminal.tabs.first().click();
    await terminal.waitForRow('first-42');
    await terminal.panel.getByRole('button', { name: 'Hide' }).click();
    await expect(terminal.panel).toBeHidden();
    await ui.page.getByRole('button', { name: 'Terminals (2)' }).click();
    await terminal.waitForRow('first-42');

    // Still the same shell: it answers, and its end keeps the scrollback and offers a reopen.
    await terminal.focus();
    await terminal.run('echo still-$((6*7))');
    await terminal.waitForRow('still-42');
    await terminal.run('exit 3');
    await expect(terminal.problem).toContainText('The shell exited (exit code 3)');
    await terminal.problem.getByRole('button', { name: 'Reopen' }).click();
    await expect(terminal.session).toHaveAttribute('data-phase', 'open', { timeout: 30_000 });
    await terminal.waitForRow('still-42');
    await terminal.waitForRow(/── reopening: shell ──/);
  });

  test('truecolor output in the DOM renderer is coloured, with no CSP violation', async ({
    ui,
    docker,
    env,
  }) => {
    const name = `term-color-${runId()}`;
    await docker.run(name, env.images.debianNginx);
    const terminal = await openTerminal(ui, name);
    await terminal.useDomRenderer();
    await terminal.waitForShell();
    await terminal.focus();
    await terminal.run("printf '\\033[38;2;255;85;0mtruecolor\\033[0m\\n'");
    await terminal.waitForRow('truecolor');
    const span = terminal.screen.locator('.xterm-rows span', { hasText: /^truecolor$/ });
    await expect(span).toHaveCSS('color', 'rgb(255, 85, 0)');
    // The pageProblems fixture fails the test on any Content-Security-Policy violation.
  });

  test('selecting copies, Ctrl+Shift+V pastes, Ctrl+= and Ctrl+- zoom', async ({ ui, docker, env }) => {
    await ui.page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    const name = `term-clip-${runId()}`;
    await docker.run(name, env.images.debianNginx);
    const terminal = await openTerminal(ui, name);
    await terminal.useDomRenderer();
    await terminal.waitForShell();
    await terminal.focus();
    await terminal.run('echo copy-$((6*7))');
    await terminal.waitForRow('copy-42');

    await terminal.screen
      .locator('.xterm-rows > div', { hasText: /^copy-42\s*$/ })
      .dblclick({ force: true, position: { x: 20, y: 6 } });
    await expect.poll(() => terminal.clipboardText()).toBe('copy-42');
    await ui.page.keyboard.type('echo pasted-');
    await ui.page.keyboard.press('Control+Shift+V');
    await ui.page.keyboard.press('Enter');
    await terminal.waitForRow('pasted-copy-42');

    const fontSize = ui.page.getByTestId('terminal-font-size');
    await expect(fontSize).toHaveText('13px');
    const { cols } = await terminal.size();
    await ui.page.keyboard.press('Control+Equal');
    await expect(fontSize).toHaveText('14px');
    await expect.poll(async () => (await terminal.size()).cols).toBeLessThan(cols);
    await ui.page.keyboard.press('Control+Minus');
    await expect(fontSize).toHaveText('13px');
    await expect.poll(async () => (await terminal.size()).cols).toBe(cols);
  });
});
