import { chromium } from '@playwright/test';
import type { RawEngine } from '../e2e/env/raw-engine';
import { TEST_LABELS } from '../e2e/env/test-env';
import { ensureRendererBuilt, startBosunWeb } from '../e2e/fixtures/bosun-web';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/fixtures/chromium';
import { ContainersPage } from '../e2e/pages/containers-page';
import { TerminalPanel } from '../e2e/pages/terminal-panel';
import { execIn, rawExecCat } from './terminal';

export const RENDER_BYTES = Number(process.env.BOSUN_BENCH_RENDER_MIB ?? 50) * 2 ** 20;
const FILE = '/tmp/bosun-bench-render';
// Text as people see it: Latin, CJK and digits, so xterm measures wide characters too.
const LINE = 'Bosun renders this line 终端里的中文 0123456789 abcdefghijklmnopqrstuvwxyz';

const FRAME_WATCH = `(() => {
  window.bosunLongestFrame = 0;
  let last = performance.now();
  const tick = (now) => {
    window.bosunLongestFrame = Math.max(window.bosunLongestFrame, now - last);
    last = now;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})()`;

export interface RenderResult {
  /** The raw exec stream of the same file: what the engine alone needs. */
  readonly rawMs: number;
  /** From Enter until the end mark is drawn, in Chromium through the whole app (DOM renderer). */
  readonly xtermMs: number;
  readonly ratio: number;
  /** The longest gap between animation frames meanwhile: how long the UI could not respond. */
  readonly longestFrameMs: number;
}

/**
 * The time xterm in Chromium needs to render a 50 MiB `cat`, through Bosun's web mode, against the raw
 * exec stream of the same file in the same run; plus the longest frame, which says whether the page
 * stayed responsive (flow control keeps xterm's write queue short).
 */
export async function measureXtermRender(
  engine: RawEngine,
  dockerHost: string,
  image: string,
): Promise<RenderResult> {
  const name = `bosun-bench-xterm-${process.pid}`;
  const created = await engine.json<{ Id: string }>('POST', `/containers/create?name=${name}`, {
    Image: image,
    Cmd: ['sleep', 'infinity'],
    Labels: { ...TEST_LABELS, 'io.bosun.bench': '1' },
    HostConfig: { NetworkMode: 'none' },
  });
  const id = created.value.Id;
  await engine.json('POST', `/containers/${id}/start`);
  ensureRendererBuilt();
  const web = await startBosunWeb(dockerHost);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
  try {
    await execIn(engine, id, `yes '${LINE}' | head -c ${RENDER_BYTES} > ${FILE}`);
    const raw = await rawExecCat(engine, id, FILE, RENDER_BYTES);
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(web.url);
    const containers = new ContainersPage(page);
    await containers.waitForTable();
    // The table is virtualized: among the bench's 1,000 containers the row shows once filtered.
    await containers.filterBy(name);
    const panel = new TerminalPanel(page);
    await panel.openFor(containers.row(name), name);
    await panel.useDomRenderer();
    await panel.waitForShell();
    await panel.focus();
    await page.keyboard.type(`cat ${FILE}; echo "<<bench-$((40+2))>>"`);
    // Plain script text: this file is compiled without the DOM library.
    await page.evaluate(FRAME_WATCH);
    const started = performance.now();
    await page.keyboard.press('Enter');
    // The file ends mid-line (head -c), so the mark follows its last characters on the same row.
    await panel.waitForRow(/<<bench-42>>$/, 900_000);
    const xtermMs = performance.now() - started;
    const longestFrameMs = Number(await page.evaluate('window.bosunLongestFrame'));
    return { rawMs: raw.ms, xtermMs, ratio: xtermMs / raw.ms, longestFrameMs };
  } finally {
    await browser.close();
    await web.stop();
    await engine.json('DELETE', `/containers/${id}?force=1`);
  }
}
