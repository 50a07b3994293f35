import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBosunWeb } from '../fixtures/bosun-web';
import { runId } from '../fixtures/names';
import { expect, test } from '../fixtures/test';
import { ContainersPage } from '../pages/containers-page';

const FALLBACK_LINE =
  'bosun: the Electron binary is not installed here (its download was unreachable); starting the web mode instead.';

// The README's first command, as a person without the Electron binary runs it: `npm start` says why it
// falls back in one line, prints the address, and the page shows the engine's containers, live.
test('npm start without the Electron binary falls back to the web mode, which shows the containers live', async ({
  env,
  page,
  docker,
}, testInfo) => {
  // Electron's own override points at an empty folder, so the fallback runs even where a binary exists.
  const noElectron = mkdtempSync(join(tmpdir(), 'bosun-no-electron-'));
  const bosun = await startBosunWeb(env.dockerHost, {
    command: ['npm', 'start'],
    env: { ELECTRON_OVERRIDE_DIST_PATH: noElectron },
  });
  try {
    expect(bosun.output()).toContain(FALLBACK_LINE);
    expect(
      bosun
        .output()
        .split('\n')
        .filter((line) => line.includes('Electron binary')),
    ).toHaveLength(1);

    const name = `start-${runId()}`;
    await docker.run(name, 'local/busybox:1', [], ['sleep', '3600']);
    await page.goto(bosun.url);
    const containers = new ContainersPage(page);
    await containers.waitForTable();
    await containers.filterBy(name);
    await expect.poll(() => containers.statesOf(name)).toEqual({ [name]: 'running' });

    await docker.docker('stop', '-t', '0', name);
    await expect.poll(() => containers.statesOf(name)).toEqual({ [name]: 'exited' });
    await testInfo.attach('npm-start-web-mode', { body: await page.screenshot(), contentType: 'image/png' });
  } finally {
    await bosun.stop();
    rmSync(noElectron, { recursive: true, force: true });
  }
});
