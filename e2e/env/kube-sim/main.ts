// Runs the simulator until SIGTERM/SIGINT:
//   npx tsx e2e/env/kube-sim/main.ts [--kubeconfig-out FILE] [--deny verb:resource[/sub][@namespace]]...
// Prints the server URL and kubeconfig path on stdout (one JSON line), for the e2e suite and people.
import { copyFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { testEnv } from '../test-env';
import type { DenyRule } from './rbac';
import { startKubeSim } from './index';

function parseDeny(text: string): DenyRule {
  const m = /^([^:]+):([^/@]+)(?:\/([^@]+))?(?:@(.+))?$/.exec(text);
  if (!m) throw new Error(`--deny wants verb:resource[/subresource][@namespace], got '${text}'`);
  return { verb: m[1]!, resource: m[2]!, subresource: m[3], namespace: m[4] };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'kubeconfig-out': { type: 'string' },
      deny: { type: 'string', multiple: true },
      'history-limit': { type: 'string' },
    },
  });
  const sim = await startKubeSim({
    dockerSocketPath: testEnv().dockerSocketPath,
    deny: (values.deny ?? []).map(parseDeny),
    historyLimit: values['history-limit'] ? Number(values['history-limit']) : undefined,
  });
  let kubeconfig = sim.kubeconfigPath;
  if (values['kubeconfig-out']) {
    await copyFile(sim.kubeconfigPath, values['kubeconfig-out']);
    kubeconfig = values['kubeconfig-out'];
  }
  process.stdout.write(`${JSON.stringify({ server: sim.server, kubeconfig, context: sim.contextName })}\n`);
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    sim.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`kube-sim: stop failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`kube-sim: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
