// Issue 6: 10,000 pods in the Kubernetes simulator, Bosun against the raw paginated list in the same run.
import { readFileSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { chromium, type Page } from '@playwright/test';
import { startKubeSim, type KubeSim } from '../e2e/env/kube-sim';
import type { TestEnv } from '../e2e/env/test-env';
import { ensureRendererBuilt, startBosunWeb } from '../e2e/fixtures/bosun-web';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/fixtures/chromium';
import { PodsPage } from '../e2e/pages/pods-page';
import { createServices } from '../electron/bootstrap';
import { createNodePlatform } from '../electron/server/platform-node';
import { startWebServer } from '../electron/server/server';
import { connectToWebServer } from '../electron/server/ws-client';
import type { Contract } from '../electron/shared/contract';
import { createClient, type Client } from '../electron/shared/rpc/client';
import { summarize, type Summary } from './stats';

export const KUBE_PODS = Number(process.env.BOSUN_BENCH_PODS ?? 10_000);
const PAGE = 500;
const RAW_ROUNDS = 7;
const CONTRACT_ROUNDS = 3;
const UI_ROUNDS = 2;
const CLUSTER = 'kube-bosun-sim';
/** DESIGN.md: first rows within a second. */
export const KUBE_FIRST_ROWS_TARGET_MS = 1_000;

/** Time to the first rows and to every row, one sample each per round. */
export interface FirstAndFull {
  readonly first: Summary;
  readonly full: Summary;
}

export interface KubeBench {
  readonly pods: number;
  /** GET /api/v1/pods?limit=500 and its continue pages, through client-node. */
  readonly raw: FirstAndFull;
  /** A new core's kube.pods.list over the WebSocket: connect, paginated list, rows to the client. */
  readonly contract: FirstAndFull;
  /** Chromium, web mode: a click on Pods → the first pod-row, → pods-count says every pod. */
  readonly ui: FirstAndFull;
  /** RSS of the bundled core (node dist/cli/bosun.mjs web) watching no synthetic pods, then all of them. */
  readonly rssMb: { readonly empty: number; readonly loaded: number };
}

const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

async function measureRaw(sim: KubeSim, total: number): Promise<FirstAndFull> {
  const config = new KubeConfig();
  config.loadFromFile(sim.kubeconfigPath);
  const api = config.makeApiClient(CoreV1Api);
  const first: number[] = [];
  const full: number[] = [];
  for (let round = -1; round < RAW_ROUNDS; round++) {
    const started = performance.now();
    let page = await api.listPodForAllNamespaces({ limit: PAGE });
    const firstMs = performance.now() - started;
    let count = page.items.length;
    while (page.metadata?._continue) {
      page = await api.listPodForAllNamespaces({ limit: PAGE, _continue: page.metadata._continue });
      count += page.items.length;
    }
    if (count !== total) throw new Error(`The raw list read ${count} of ${total} pods.`);
    if (round < 0) continue; // warm-up: TLS session, JIT
    first.push(firstMs);
    full.push(performance.now() - started);
  }
  return { first: summarize(first), full: summarize(full) };
}

/** Polls kube.pods.list until it has rows, then until it has every pod. */
async function contractOnce(client: Client<Contract>, total: number): Promise<[number, number]> {
  const started = performance.now();
  const deadline = Date.now() + 120_000;
  let firstMs: number | undefined;
  for (;;) {
    const { rows, failures } = await client.call('kube.pods.list', { clusterIds: [CLUSTER] });
    const now = performance.now() - started;
    if (rows.length > 0) firstMs ??= now;
    if (rows.length >= total) return [firstMs ?? now, now];
    if (Date.now() > deadline)
      throw new Error(`kube.pods.list has ${rows.length} of ${total} pods: ${JSON.stringify(failures)}`);
    await sleep(5);
  }
}

async function measureContract(env: TestEnv, sim: KubeSim, total: number): Promise<FirstAndFull> {
  const first: number[] = [];
  const full: number[] = [];
  for (let round = 0; round < CONTRACT_ROUNDS; round++) {
    const home = mkdtempSync(join(tmpdir(), 'bosun-bench-kube-'));
    const platform = createNodePlatform({
      face: 'web',
      dataDir: join(home, 'data'),
      env: {
        PATH: process.env.PATH,
        HOME: home,
        DOCKER_HOST: env.dockerHost,
        KUBECONFIG: sim.kubeconfigPath,
      },
    });
    const core = await createServices(platform);
    const server = await startWebServer({ core, staticDir: join(home, 'no-renderer') });
    const client = createClient<Contract>(await connectToWebServer(server.url));
    try {
      const [firstMs, fullMs] = await contractOnce(client, total);
      first.push(firstMs);
      full.push(fullMs);
    } finally {
      client.close();
      await server.close();
      await core.dispose();
      rmSync(home, { recursive: true, force: true });
    }
  }
  return { first: summarize(first), full: summarize(full) };
}

// Read from outside the page: the renderer's CSP forbids the eval that waitForFunction needs.
const READ_UI = `[document.querySelectorAll('[data-testid=pod-row]').length, Number((document.querySelector('[data-testid=pods-count]')?.textContent ?? '').replace(/[^0-9]/g, ''))]`;

async function uiOnce(page: Page, url: string, total: number): Promise<[number, number]> {
  await page.goto(url);
  const nav = page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Pods' });
  await nav.waitFor();
  const started = performance.now();
  await new PodsPage(page).open();
  const deadline = Date.now() + 120_000;
  let firstMs: number | undefined;
  for (;;) {
    const [rows, counted] = (await page.evaluate(READ_UI)) as [number, number];
    const now = performance.now() - started;
    if (rows > 0) firstMs ??= now;
    if (counted >= total) return [firstMs ?? now, now];
    if (Date.now() > deadline) throw new Error(`The Pods view counted ${counted} of ${total} pods.`);
    await sleep(10);
  }
}

async function measureUi(env: TestEnv, sim: KubeSim, total: number): Promise<FirstAndFull> {
  ensureRendererBuilt();
  const first: number[] = [];
  const full: number[] = [];
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
  try {
    // A new core each round: opening Pods is what connects the cluster and lists it.
    for (let round = 0; round < UI_ROUNDS; round++) {
      const web = await startBosunWeb(env.dockerHost, { env: { KUBECONFIG: sim.kubeconfigPath } });
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      try {
        const [firstMs, fullMs] = await uiOnce(page, web.url, total);
        first.push(firstMs);
        full.push(fullMs);
      } finally {
        await page.close();
        await web.stop();
      }
    }
  } finally {
    await browser.close();
  }
  return { first: summarize(first), full: summarize(full) };
}

function rssMb(pid: number): number {
  const kb = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  if (!kb) throw new Error(`No VmRSS for process ${pid}.`);
  return Number(kb) / 1024;
}

/** The bundled core's RSS once it watches every pod of `sim` (and a client has read them all). */
async function bundledRss(env: TestEnv, sim: KubeSim, total: number): Promise<number> {
  ensureRendererBuilt();
  const web = await startBosunWeb(env.dockerHost, {
    command: ['node', 'dist/cli/bosun.mjs', 'web'],
    env: { KUBECONFIG: sim.kubeconfigPath },
  });
  const client = createClient<Contract>(await connectToWebServer(web.url));
  try {
    if (web.pid === undefined) throw new Error('The web mode did not start a process.');
    await contractOnce(client, total);
    await sleep(2_000); // let the list's garbage go
    return rssMb(web.pid);
  } finally {
    client.close();
    await web.stop();
  }
}

async function podCount(sim: KubeSim): Promise<number> {
  const config = new KubeConfig();
  config.loadFromFile(sim.kubeconfigPath);
  const list = await config.makeApiClient(CoreV1Api).listPodForAllNamespaces({ limit: 1 });
  return list.items.length + (list.metadata?.remainingItemCount ?? 0);
}

export async function measureKube(env: TestEnv): Promise<KubeBench> {
  const empty = await startKubeSim({ dockerSocketPath: env.dockerSocketPath });
  let emptyRss: number;
  try {
    emptyRss = await bundledRss(env, empty, await podCount(empty));
  } finally {
    await empty.stop();
  }
  const sim = await startKubeSim({ dockerSocketPath: env.dockerSocketPath });
  try {
    sim.seedSyntheticPods('default', KUBE_PODS, 'bench');
    const total = await podCount(sim);
    const raw = await measureRaw(sim, total);
    const contract = await measureContract(env, sim, total);
    const ui = await measureUi(env, sim, total);
    const loaded = await bundledRss(env, sim, total);
    return { pods: total, raw, contract, ui, rssMb: { empty: emptyRss, loaded } };
  } finally {
    await sim.stop();
  }
}

export function describeKube(k: KubeBench, ms: (value: number) => string): string[] {
  const ratio = (a: Summary, b: Summary): string => `${(a.median / b.median).toFixed(1)}×`;
  const line = (label: string, r: FirstAndFull): string =>
    `  ${label.padEnd(48)} first rows ${ms(r.first.median)} (${ratio(r.first, k.raw.first)} raw), every pod ${ms(r.full.median)} (${ratio(r.full, k.raw.full)} raw)`;
  const perPodKb = ((k.rssMb.loaded - k.rssMb.empty) * 1024) / Math.max(1, k.pods);
  return [
    `Kubernetes, ${k.pods} pods in the simulator (medians; first rows target ≤ ${KUBE_FIRST_ROWS_TARGET_MS} ms):`,
    `  raw GET /api/v1/pods?limit=${PAGE} + continue pages (client-node)  first page ${ms(k.raw.first.median)}, every page ${ms(k.raw.full.median)}`,
    line(`Bosun kube.pods.list, new core (WebSocket, n=${k.contract.full.n})`, k.contract),
    line(`Pods view in Chromium, click → rows (n=${k.ui.full.n})`, k.ui),
    `  bundled core RSS: ${k.rssMb.empty.toFixed(0)} MB with no pods, ${k.rssMb.loaded.toFixed(0)} MB watching ${k.pods} (${perPodKb.toFixed(1)} KB a pod)`,
  ];
}
