// `npm run bench`: Bosun against a reference measured in the same run, printed as ratios (DESIGN.md §7).
// Not a test: numbers depend on the machine; the ratios are what to compare across runs.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServices } from '../electron/bootstrap';
import { createNodePlatform } from '../electron/server/platform-node';
import { startWebServer } from '../electron/server/server';
import { connectToWebServer } from '../electron/server/ws-client';
import type { Contract } from '../electron/shared/contract';
import { createClient } from '../electron/shared/rpc/client';
import { testEnv } from '../e2e/env/test-env';
import { RawEngine } from '../e2e/env/raw-engine';
import { ensureContainers, removeContainers } from './fixture';
import { measureEventDelay } from './event-delay';
import { measureList, measureTransport } from './list';
import { connectInProcess } from '../electron/rpc/in-process';
import { measureColdList } from './cold';
import { ms } from './stats';
import { CAT_BYTES, measureTerminalThroughput, startTarget, withIdleTerminals } from './terminal';
import { measureXtermRender, RENDER_BYTES } from './xterm-render';
import { measureTableRender } from './table-render';
import { measureBundledCoreRss } from './core-memory';
import { describeLogs, measureLogs } from './logs';
import { describeRemoteList, measureRemoteList } from './remote';
import { describeKube, measureKube } from './kube';

const COUNT = Number(process.env.BOSUN_BENCH_CONTAINERS ?? 1000);
const keep = process.argv.includes('--keep');

const env = testEnv();
const engine = new RawEngine(env.dockerSocketPath);
const home = mkdtempSync(join(tmpdir(), 'bosun-bench-'));

console.log(`Bosun benchmarks — ${COUNT} containers on the test engine (${env.dockerHost})`);
await ensureContainers(engine, env.images.busybox, COUNT, (done, total) =>
  console.log(`  creating benchmark containers: ${done}/${total}`),
);

const platform = createNodePlatform({
  face: 'web',
  dataDir: join(home, 'data'),
  env: { PATH: process.env.PATH, HOME: home, DOCKER_HOST: env.dockerHost },
});
const core = await createServices(platform);
const server = await startWebServer({ core, staticDir: join(home, 'no-renderer') });
const client = createClient<Contract>(await connectToWebServer(server.url));
const local = createClient<Contract>(connectInProcess(core.host, 'bench'));

try {
  const list = await measureList(engine, client, COUNT);
  const transport = await measureTransport(local, client);
  const delay = await measureEventDelay(engine, client, env.images.busybox);
  const cold = await measureColdList(platform, list.rows, join(home, 'no-renderer'));
  const remote = await measureRemoteList(env, list.rows);
  const [connection] = await local.call('connections.list', {});
  const target = await startTarget(engine, env.images.debianNginx);
  let rssMb: number;
  let bundledRssMb: number;
  let terminal: Awaited<ReturnType<typeof measureTerminalThroughput>>;
  try {
    // The memory target counts 1,000 containers and 10 open terminals in the core's process.
    rssMb = await withIdleTerminals(
      client,
      connection!.id,
      target,
      10,
      () => process.memoryUsage().rss / 2 ** 20,
    );
    bundledRssMb = await measureBundledCoreRss(env.dockerHost, target, COUNT, 10);
    terminal = await measureTerminalThroughput(engine, client, connection!.id, target);
  } finally {
    await engine.json('DELETE', `/containers/${target}?force=1`);
  }
  const render = await measureXtermRender(engine, env.dockerHost, env.images.debianNginx);
  const table = await measureTableRender(engine, env.dockerHost, COUNT);
  const logs = await measureLogs(engine, client, connection!.id, env.dockerHost, env.images.busybox);
  const kube = await measureKube(env);

  const results = {
    when: new Date().toISOString(),
    containers: list.rows,
    list: { raw: list.raw, bosun: list.bosun, ratio: list.bosun.median / list.raw.median, target: 1.3 },
    coldList: { bosun: cold, ratio: cold.median / list.raw.median },
    transport: { ...transport, ratio: transport.webSocket.median / transport.inProcess.median },
    eventDelay: { ...delay, target: 50 },
    terminal: { ...terminal, target: 0.8 },
    xtermRender: { ...render, bytes: RENDER_BYTES },
    table: { ...table, target: 100 },
    logs,
    remoteList: remote,
    kube,
    rssMb,
    bundledRssMb,
  };
  console.log('');
  console.log(`container list (${list.rows} containers), median of ${list.raw.n}:`);
  console.log(
    `  raw GET /containers/json?all=1 on the socket   ${ms(list.raw.median)} (p95 ${ms(list.raw.p95)})`,
  );
  console.log(
    `  Bosun containers.list over the WebSocket       ${ms(list.bosun.median)} (p95 ${ms(list.bosun.p95)})`,
  );
  console.log(
    `  ratio Bosun / raw                               ${results.list.ratio.toFixed(2)}×  (target ≤ 1.3×)`,
  );
  console.log(
    `  transport: the same cached answer in-process ${ms(transport.inProcess.median)}, over the WebSocket ${ms(transport.webSocket.median)} (${(transport.webSocket.median / transport.inProcess.median).toFixed(2)}×)`,
  );
  console.log(
    `  cold: a new core connects (ping, version, events) and lists; a new WebSocket client reads every row:  ${ms(cold.median)} (${(cold.median / list.raw.median).toFixed(2)}× one raw GET)`,
  );
  console.log(`engine event → change visible to a subscribed client (re-read done), ${delay.n} events:`);
  console.log(`  median ${ms(delay.median)}, p95 ${ms(delay.p95)}, max ${ms(delay.max)}  (target ≤ 50 ms)`);
  console.log(
    `terminal output, cat of ${CAT_BYTES / 2 ** 20} MiB in a TTY, MB/s, median of ${terminal.raw.n}:`,
  );
  console.log(`  raw docker exec stream on the socket            ${terminal.raw.median.toFixed(0)} MB/s`);
  console.log(`  Bosun session to a WebSocket client (acking)    ${terminal.bosun.median.toFixed(0)} MB/s`);
  console.log(
    `  ratio Bosun / raw                               ${terminal.ratio.toFixed(2)}×  (target ≥ 0.8×)`,
  );
  console.log(
    `xterm in Chromium (web mode, DOM renderer), cat of ${RENDER_BYTES / 2 ** 20} MiB of text with CJK:`,
  );
  console.log(`  raw docker exec stream of the same file         ${ms(render.rawMs)}`);
  console.log(
    `  Enter → end mark drawn in the page              ${ms(render.xtermMs)} (${render.ratio.toFixed(1)}× raw)`,
  );
  console.log(`  longest frame meanwhile                         ${ms(render.longestFrameMs)}`);
  console.log(`containers table in Chromium (web mode), ${table.rows} containers:`);
  console.log(`  navigation → every row counted                  ${ms(table.loadMs)}`);
  console.log(
    `  longest task: ${Object.entries(table.longestTaskMs)
      .map(([phase, value]) => `${phase} ${value > 0 ? ms(value) : '< 50 ms'}`)
      .join(', ')}  (target ≤ 100 ms)`,
  );
  console.log(`  long tasks (≥ 50 ms) ${table.longTasks}, longest frame ${ms(table.longestFrameMs)}`);
  for (const line of describeLogs(logs, ms)) console.log(line);
  for (const line of describeRemoteList(remote, ms)) console.log(line);
  for (const line of describeKube(kube, ms)) console.log(line);
  console.log(
    `process RSS (core + web server + client, ${list.rows} containers, 10 open terminals): ${rssMb.toFixed(0)} MB`,
  );
  console.log(
    `  the bundled core alone (node dist/cli/bosun.mjs web, same load):             ${bundledRssMb.toFixed(0)} MB  (target ≤ 200 MB)`,
  );
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/latest.json', `${JSON.stringify(results, null, 2)}\n`);
  console.log('written to bench/results/latest.json');
} finally {
  local.close();
  client.close();
  await server.close();
  await core.dispose();
  if (!keep)
    console.log(`removed ${await removeContainers(engine)} benchmark containers (--keep to reuse them)`);
  engine.close();
  rmSync(home, { recursive: true, force: true });
}
