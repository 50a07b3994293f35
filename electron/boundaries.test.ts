import { readdir } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions } from 'esbuild';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The import boundaries of DESIGN.md §1, proven: each lint rule fires on an offending import (and
 * stays quiet on a legitimate one), and the bundle of the core contains no electron at all.
 */

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: root, overrideConfigFile: join(root, 'eslint.config.js') });
});

/** The messages no-restricted-imports gives for `specifier` imported from `file`. */
async function restrictions(file: string, specifier: string): Promise<string[]> {
  const code = `import * as imported from '${specifier}';\nexport { imported };\n`;
  const [result] = await eslint.lintText(code, { filePath: join(root, file) });
  return (result?.messages ?? [])
    .filter((message) => message.ruleId === 'no-restricted-imports')
    .map((message) => message.message);
}

const refused: [file: string, specifier: string][] = [
  // Only electron/main and electron/preload may import electron, under any name.
  ['electron/services/containers/engine.ts', 'electron'],
  ['electron/services/containers/engine.ts', 'electron/main'],
  ['electron/services/platform.ts', 'electron/common'],
  ['electron/services/testing/fake.ts', 'electron'],
  ['electron/cli/commands/ps.ts', 'electron/main'],
  ['electron/rpc/router.ts', 'electron'],
  ['electron/bootstrap.ts', 'electron/main'],
  ['electron/server/server.ts', 'electron/main'],
  ['electron/shell-common/csp.ts', 'electron'],
  ['electron/shared/contract/system.ts', 'electron/renderer'],
  ['renderer/features/containers/List.tsx', 'electron/renderer'],
  // Services reach no face, nor the transport or the composition root.
  ['electron/services/containers/engine.ts', '../../server/server'],
  ['electron/services/containers/engine.ts', '../../main/window'],
  ['electron/services/containers/engine.ts', '../../preload/bridge'],
  ['electron/services/containers/engine.ts', '../../cli/main'],
  ['electron/services/containers/engine.ts', '../../shell-common/secret-file'],
  ['electron/services/containers/engine.ts', '../../rpc/router'],
  ['electron/services/containers/engine.ts', '../../bootstrap'],
  ['electron/services/platform.ts', '../server/platform-node'],
  ['electron/services/testing/fake.ts', '../../server/server'],
  ['electron/services/testing/fake.ts', '../../main/ipc-adapter'],
  // The two faces stay apart.
  ['electron/server/server.ts', '../main/csp'],
  ['electron/server/server.ts', '../preload/bridge'],
  ['electron/server/server.ts', '../cli/main'],
  ['electron/main/app-protocol.ts', '../server/static-files'],
  ['electron/main/platform-electron.ts', '../server/secret-file'],
  ['electron/preload/bridge.ts', '../server/server'],
  // What the faces share depends on neither, nor on the core.
  ['electron/shell-common/csp.ts', '../main/window'],
  ['electron/shell-common/csp.ts', '../server/server'],
  ['electron/shell-common/csp.ts', '../rpc/router'],
  // electron/shared runs in the renderer.
  ['electron/shared/contract/system.ts', '../../rpc/router'],
  ['electron/shared/contract/system.ts', '../../shell-common/csp'],
  ['electron/shared/errors.ts', '../services/platform'],
  ['electron/shared/errors.ts', 'node:fs'],
  ['renderer/features/containers/List.tsx', '../../../electron/server/server'],
  ['renderer/features/containers/List.tsx', 'node:path'],
];

const allowed: [file: string, specifier: string][] = [
  ['electron/main/main.ts', 'electron'],
  ['electron/main/window.ts', 'electron/main'],
  ['electron/preload/preload.ts', 'electron'],
  ['electron/main/ipc-adapter.ts', '../preload/bridge'],
  ['electron/main/app-protocol.ts', '../shell-common/static-files'],
  ['electron/server/server.ts', '../shell-common/csp'],
  ['electron/server/ws-adapter.ts', '../rpc/router'],
  ['electron/server/platform-node.ts', '../services/platform'],
  ['electron/shell-common/secret-file.ts', '../services/platform'],
  ['electron/shell-common/secret-file.ts', '../shared/errors'],
  ['electron/services/containers/engine.ts', '../../shared/errors'],
  ['electron/services/containers/engine.ts', '../platform'],
  ['electron/services/testing/int-core.ts', '../../bootstrap'],
  ['electron/services/testing/int-core.ts', '../../rpc/in-process'],
  // shared/rpc is not electron/rpc: the depth of the climb tells them apart.
  ['electron/shared/contract/system.ts', '../rpc/client'],
  ['electron/cli/commands/web.ts', '../../server/server'],
  ['renderer/features/containers/List.tsx', '../../../electron/shared/errors'],
];

describe('lint: import boundaries', () => {
  it.each(refused)('%s may not import %s', async (file, specifier) => {
    expect(await restrictions(file, specifier)).toHaveLength(1);
  });

  it.each(allowed)('%s may import %s', async (file, specifier) => {
    expect(await restrictions(file, specifier)).toEqual([]);
  });

  it('covers every source file: each outside main and preload has the electron ban', async () => {
    const files = [...(await sources('electron')), ...(await sources('renderer'))];
    expect(files.length).toBeGreaterThan(50);
    const uncovered: string[] = [];
    for (const file of files) {
      const config = (await eslint.calculateConfigForFile(join(root, file))) as {
        rules?: Record<string, unknown>;
      };
      const rule = JSON.stringify(config.rules?.['no-restricted-imports'] ?? null);
      const shell = /^electron\/(main|preload)\//.test(file);
      if (!rule.startsWith('[2,') || (!shell && !rule.includes('^electron(/.*)?$'))) uncovered.push(file);
    }
    expect(uncovered).toEqual([]);
  });
});

async function sources(folder: string): Promise<string[]> {
  const entries = await readdir(join(root, folder), { recursive: true });
  return entries
    .filter((entry) => /\.tsx?$/.test(entry) && !entry.split('/').includes('node_modules'))
    .map((entry) => relative(root, join(root, folder, entry)));
}

/** Every electron module a bundle loads, in ESM (`from "…"`, `import("…")`) or CJS (`require("…")`). */
function electronModules(code: string): string[] {
  const loads = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)["'](electron(?:\/[^"']*)?)["']/g;
  return [...code.matchAll(loads)].map((match) => match[1]!);
}

async function bundle(options: BuildOptions): Promise<string> {
  const result = await build({
    bundle: true,
    write: false,
    platform: 'node',
    packages: 'external',
    logLevel: 'silent',
    ...options,
  });
  return result.outputFiles?.map((file) => file.text).join('\n') ?? '';
}

describe('the bundle of the core loads no electron', () => {
  it.each(['esm', 'cjs'] as const)('electron/bootstrap.ts (%s)', async (format) => {
    const code = await bundle({ entryPoints: [join(root, 'electron/bootstrap.ts')], format });
    expect(code).toContain('createServices');
    expect(electronModules(code)).toEqual([]);
  });

  it('nor does the web face', async () => {
    const code = await bundle({ entryPoints: [join(root, 'electron/server/server.ts')], format: 'esm' });
    expect(code).toContain('startWebServer');
    expect(electronModules(code)).toEqual([]);
  });

  const ELECTRON = 'electron';
  it.each(['esm', 'cjs'] as const)('finds electron when the core does load it (%s)', async (format) => {
    const code = await bundle({
      stdin: {
        contents:
          "export { createServices } from './bootstrap';\n" +
          // Spelled through a constant so text searches for electron imports find only real ones.
          `import { app } from '${ELECTRON}/main';\nimport * as electron from '${ELECTRON}';\n` +
          'export const name = () => [app.name, electron];\n',
        resolveDir: join(root, 'electron'),
        loader: 'ts',
      },
      format,
    });
    expect(electronModules(code).sort()).toEqual(['electron', 'electron/main']);
  });
});
