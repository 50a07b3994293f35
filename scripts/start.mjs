// `npm start`, after the build: the Electron app where its binary is installed, else the web mode
// (the binary's download is unreachable on some machines; see scripts/electron-types.mjs).
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { constants } from 'node:os';
import { join } from 'node:path';
import { electronBinary } from './electron-binary.mjs';

const root = process.cwd();
const args = process.argv.slice(2);

function run(command, commandArgs) {
  const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit' });
  const forward = (signal) => () => {
    if (child.exitCode === null) child.kill(signal);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, forward(signal));
  child.on('error', (error) => {
    console.error(`bosun: could not start ${command}: ${error.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    process.exit(code ?? (signal ? 128 + (constants.signals[signal] ?? 0) : 1));
  });
}

const electron = electronBinary(root);
if (electron) {
  run(electron, ['.', ...args]);
} else {
  console.log(
    'bosun: the Electron binary is not installed here (its download was unreachable); starting the web mode instead.',
  );
  const tsx = createRequire(import.meta.url).resolve('tsx/cli');
  run(process.execPath, [tsx, join('electron', 'cli', 'main.ts'), 'web', ...args]);
}
