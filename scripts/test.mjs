// `npm test`: every check the project has, in the order that fails fastest, against the real test
// environment (e2e/env/up.sh brings it up, or says what is missing). Each step's output streams as it
// runs; a summary at the end names the steps that failed.
import { spawn } from 'node:child_process';

const steps = [
  ['environment', 'bash', ['e2e/env/up.sh']],
  ['lint', 'npx', ['eslint', '--max-warnings=0', '.']],
  ['format', 'npx', ['prettier', '--check', '--log-level=warn', '.']],
  ['typecheck (core)', 'npx', ['tsc', '-p', 'tsconfig.json']],
  ['typecheck (renderer)', 'npx', ['tsc', '-p', 'renderer/tsconfig.json']],
  ['typecheck (renderer tests)', 'npx', ['tsc', '-p', 'renderer/tsconfig.test.json']],
  ['unit tests', 'npx', ['vitest', 'run', '--project', 'unit', '--project', 'renderer']],
  ['integration tests', 'npx', ['vitest', 'run', '--project', 'int']],
  ['build', 'node', ['scripts/build.mjs']],
  ['e2e tests', 'npx', ['playwright', 'test', '-c', 'e2e/playwright.config.ts']],
];

const only = process.argv.slice(2);
const results = [];
for (const [name, command, args] of steps) {
  if (only.length > 0 && !only.some((word) => name.startsWith(word))) continue;
  // The environment is needed by everything after it: without it, the rest cannot mean anything.
  const started = Date.now();
  console.log(`\n▶ ${name}`);
  const code = await run(command, args);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  results.push({ name, ok: code === 0, seconds });
  console.log(`${code === 0 ? '✔' : '✘'} ${name} (${seconds} s)`);
  if (code !== 0 && name === 'environment') break;
}

console.log('\nSummary');
for (const { name, ok, seconds } of results) console.log(`  ${ok ? 'ok  ' : 'FAIL'}  ${name}  ${seconds} s`);
const failed = results.filter((r) => !r.ok);
console.log(`steps: ${results.length - failed.length} passed, ${failed.length} failed`);
process.exit(failed.length === 0 ? 0 : 1);

function run(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      stdio: 'inherit',
      env: { ...process.env, FORCE_COLOR: process.env.CI ? '0' : '1' },
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.on('error', () => resolve(127));
  });
}
