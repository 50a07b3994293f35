import { runId } from '../fixtures/names';
import { expect, test } from '../fixtures/test';
import { MapsPage } from '../pages/maps-page';

const BUSYBOX = 'local/busybox:1';

test('maps: the storage graph draws the test containers, and the engine-socket flag opens its container', async ({
  ui,
  docker,
}, testInfo) => {
  const run = runId();
  const agent = `maps-agent-${run}`;
  const web = `maps-web-${run}`;
  const socket = process.env['BOSUN_TEST_DOCKER_SOCKET'] ?? '/run/bosun-test/docker.sock';
  await docker.run(
    agent,
    BUSYBOX,
    ['-v', `${socket}:/var/run/docker.sock:ro`, '--network', 'none'],
    ['sleep', '3600'],
  );
  await docker.run(web, BUSYBOX, ['-p', '0.0.0.0::80'], ['sleep', '3600']);
  const agentId = (await docker.docker('inspect', '-f', '{{.Id}}', agent)).trim();
  const webId = (await docker.docker('inspect', '-f', '{{.Id}}', web)).trim();

  await ui.containers.waitForTable();
  const maps = new MapsPage(ui.page);
  await maps.open();
  await expect(maps.graph).toBeVisible({ timeout: 60_000 });
  await expect(maps.containerNode(agentId)).toBeVisible();
  await expect(maps.containerNode(webId)).toBeVisible();
  // The socket is a host path node, linked to the agent.
  await expect(maps.graph.locator(`[data-node="hostPath:${socket}"]`)).toBeVisible();

  await ui.page.screenshot({ path: testInfo.outputPath('storage-map.png') });
  const flag = maps.flagAbout('engine-socket', agentId);
  await expect(flag).toHaveAttribute('data-severity', 'critical');
  await flag.getByRole('button', { name: agent }).click();
  const details = ui.page.getByTestId('details');
  await expect(details).toHaveAttribute('data-name', agent);

  // The network map: the exposed port and the matrix.
  await maps.open();
  await maps.tab('Network');
  await expect(maps.containerNode(webId)).toBeVisible({ timeout: 60_000 });
  await expect(maps.flagAbout('exposed-port', webId)).toBeVisible();
  await expect(ui.page.getByTestId('reach-matrix')).toBeVisible();
  await ui.page.screenshot({ path: testInfo.outputPath('network-map.png') });
});
