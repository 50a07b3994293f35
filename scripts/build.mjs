// Builds what `npm start` and electron-builder need: the renderer (Vite) into dist/renderer, and
// the Electron main process and preload (esbuild) into dist/main/main.cjs and dist/preload/preload.cjs,
// and the CLI into dist/cli/bosun.mjs.
// One line per step; on failure, the tool's own diagnostics and one line saying which step failed.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const root = process.cwd();

async function step(name, task) {
  const started = performance.now();
  try {
    await task();
  } catch (error) {
    console.error(`bosun build: ${name} failed${error?.message ? `: ${error.message.split('\n')[0]}` : ''}`);
    process.exit(1);
  }
  console.log(`bosun build: ${name} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
}

async function buildRenderer() {
  const configFile = join(root, 'vite.config.ts');
  if (!existsSync(configFile)) throw new Error('vite.config.ts is missing at the repository root');
  const { build } = await import('vite');
  await build({ configFile, logLevel: 'warn', build: { emptyOutDir: true } });
}

async function bundle(entry, outfile, options) {
  const { build } = await import('esbuild');
  await build({
    entryPoints: [join(root, entry)],
    outfile: join(root, outfile),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    sourcemap: true,
    logLevel: 'error',
    ...options,
  });
}

await step('renderer → dist/renderer', buildRenderer);
// Packages stay in node_modules (electron-builder ships the production ones): ssh2 and friends
// load native addons that a bundle cannot carry.
await step('main → dist/main/main.cjs', () =>
  bundle('electron/main/main.ts', 'dist/main/main.cjs', { packages: 'external' }),
);
// A sandboxed preload may require nothing but 'electron', so everything else is inlined.
await step('preload → dist/preload/preload.cjs', () =>
  bundle('electron/preload/preload.ts', 'dist/preload/preload.cjs', { external: ['electron'] }),
);
// The CLI as one file for `npm link` / the package's "bin"; packages stay external as for main.
await step('cli → dist/cli/bosun.mjs', () =>
  bundle('electron/cli/main.ts', 'dist/cli/bosun.mjs', {
    packages: 'external',
    format: 'esm',
    sourcemap: false,
    banner: { js: '#!/usr/bin/env node' },
  }),
);
