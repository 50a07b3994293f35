import { chromium, type Page } from '@playwright/test';
import type { RawEngine } from '../e2e/env/raw-engine';
import { ensureRendererBuilt, startBosunWeb } from '../e2e/fixtures/bosun-web';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/fixtures/chromium';
import { ContainersPage } from '../e2e/pages/containers-page';
import { BENCH_LABEL } from './fixture';

export const TABLE_PHASES = ['load', 'scroll', 'sort', 'filter', 'events'] as const;
type Phase = (typeof TABLE_PHASES)[number];

export interface TableRenderResult {
  readonly rows: number;
  /** From navigation until the count says every container is in the table. */
  readonly loadMs: number;
  /** The longest main-thread task (Long Tasks API, ≥ 50 ms reported) per phase; 0 when none was that long. */
  readonly longestTaskMs: Record<Phase, number>;
  readonly longTasks: number;
  /** The longest gap between animation frames over the whole run. */
  readonly longestFrameMs: number;
}

// Plain script text: this file is compiled without the DOM library.
const WATCH = `(() => {
  window.bosunPhase = 'load';
  window.bosunTasks = [];
  window.bosunLongestFrame = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.bosunTasks.push([window.bosunPhase, entry.duration]);
  }).observe({ type: 'longtask', buffered: true });
  let last = performance.now();
  const tick = (now) => {
    if (window.bosunPhase !== 'load') window.bosunLongestFrame = Math.max(window.bosunLongestFrame, now - last);
    last = now;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})()`;

const setPhase = (page: Page, phase: Phase): Promise<unknown> =>
  page.evaluate(`window.bosunPhase = '${phase}'`);
const frames = (page: Page, n: number): Promise<unknown> =>
  page.evaluate(
    `new Promise((done) => { let left = ${n}; const f = () => (--left <= 0 ? done() : requestAnimationFrame(f)); requestAnimationFrame(f); })`,
  );

/**
 * Polls from outside the page: `waitForFunction` with a string would need `eval` in the page, which the
 * renderer's CSP forbids.
 */
async function waitForCount(page: Page, rows: number): Promise<void> {
  const deadline = Date.now() + 120_000;
  const read = `Number((document.querySelector('[data-testid=containers-count]')?.textContent ?? '').replace(/[^0-9]/g, ''))`;
  while (Number(await page.evaluate(read)) < rows) {
    if (Date.now() > deadline) throw new Error(`The table never counted ${rows} containers.`);
    await new Promise((done) => setTimeout(done, 20));
  }
}

/**
 * What a person does with a big engine's table, in Chromium through the web mode: load it, scroll it
 * end to end, sort, filter as they type, and watch 50 containers start and stop at once. The Long Tasks
 * API reports every main-thread task over 50 ms; the target is that none takes over 100 ms.
 */
export async function measureTableRender(
  engine: RawEngine,
  dockerHost: string,
  rows: number,
): Promise<TableRenderResult> {
  ensureRendererBuilt();
  const web = await startBosunWeb(dockerHost);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
  const filter = encodeURIComponent(JSON.stringify({ label: [`${BENCH_LABEL}=1`] }));
  const listed = await engine.json<Array<{ Id: string }>>('GET', `/containers/json?all=1&filters=${filter}`);
  const burst = listed.value.slice(0, 50).map((c) => c.Id);
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.addInitScript(WATCH);
    const started = performance.now();
    await page.goto(web.url);
    const containers = new ContainersPage(page);
    await containers.waitForTable();
    await waitForCount(page, rows);
    const loadMs = performance.now() - started;
    await frames(page, 10);

    await setPhase(page, 'scroll');
    await page.evaluate(`(async () => {
      const table = document.querySelector('[data-testid=containers-table]');
      for (let i = 1; i <= 60; i++) {
        table.scrollTop = ((table.scrollHeight - table.clientHeight) * i) / 60;
        await new Promise((done) => requestAnimationFrame(done));
      }
    })()`);
    await frames(page, 10);

    await setPhase(page, 'sort');
    for (const column of ['Status', 'Image', 'Name', 'Name']) {
      await containers.sortBy(column);
      await frames(page, 5);
    }

    await setPhase(page, 'filter');
    await containers.filter.click();
    await page.keyboard.type('amaz', { delay: 30 });
    await frames(page, 5);
    await containers.filter.fill('');
    await frames(page, 10);

    await setPhase(page, 'events');
    await Promise.all(burst.map((id) => engine.json('POST', `/containers/${id}/start`)));
    await frames(page, 30);
    await Promise.all(burst.map((id) => engine.json('POST', `/containers/${id}/kill`)));
    await frames(page, 30);

    const tasks = (await page.evaluate('window.bosunTasks')) as Array<[Phase, number]>;
    const longestTaskMs = Object.fromEntries(TABLE_PHASES.map((p) => [p, 0])) as Record<Phase, number>;
    for (const [phase, duration] of tasks) longestTaskMs[phase] = Math.max(longestTaskMs[phase], duration);
    const longestFrameMs = Number(await page.evaluate('window.bosunLongestFrame'));
    return { rows, loadMs, longestTaskMs, longTasks: tasks.length, longestFrameMs };
  } finally {
    await browser.close();
    await web.stop();
    await Promise.all(
      burst.map((id) => engine.json('POST', `/containers/${id}/kill`).catch(() => undefined)),
    );
  }
}
