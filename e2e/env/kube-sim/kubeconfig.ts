// The kubeconfig a client uses to reach the simulator: one cluster, one user (bearer token), one context.
import { writeFile } from 'node:fs/promises';

export const CONTEXT_NAME = 'bosun-sim';
export const USER_NAME = 'bosun-sim';

/** JSON is valid YAML, so kubectl and client-node read this file as it is. */
export async function writeKubeconfig(
  path: string,
  server: string,
  caPem: string,
  token: string,
): Promise<void> {
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name: CONTEXT_NAME,
        cluster: { server, 'certificate-authority-data': Buffer.from(caPem).toString('base64') },
      },
    ],
    users: [{ name: USER_NAME, user: { token } }],
    contexts: [
      { name: CONTEXT_NAME, context: { cluster: CONTEXT_NAME, user: USER_NAME, namespace: 'default' } },
    ],
    'current-context': CONTEXT_NAME,
    preferences: {},
  };
  await writeFile(path, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
}
