// Electron is an optional dependency: its postinstall downloads a binary from GitHub, and where that
// is unreachable npm drops the package instead of failing the whole install. The app then runs in web
// mode, but the type declarations of electron/main and electron/preload still need the package, so we
// unpack its registry tarball (no scripts run) when npm has removed it.
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = process.cwd();
const target = join(root, 'node_modules', 'electron');
if (existsSync(join(target, 'electron.d.ts'))) process.exit(0);

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const version = pkg.optionalDependencies?.electron;
if (!version) process.exit(0);

const work = join(tmpdir(), `bosun-electron-types-${process.pid}`);
mkdirSync(work, { recursive: true });
try {
  const file = execFileSync('npm', ['pack', `electron@${version}`, '--silent'], {
    cwd: work,
    encoding: 'utf8',
  }).trim();
  mkdirSync(target, { recursive: true });
  execFileSync('tar', ['-xzf', join(work, file), '-C', target, '--strip-components=1']);
  console.log(
    `bosun: Electron ${version} has no binary here (download unreachable); installed its types only — npm start will use web mode.`,
  );
} catch (error) {
  console.warn(
    `bosun: could not fetch Electron's type declarations (${error.message}); typecheck of electron/main will fail.`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
