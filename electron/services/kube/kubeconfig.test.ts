import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nodeDiscoveryFs } from '../connections/discovery-fs';
import { discoverClusters, kubeconfigPaths } from './kubeconfig';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bosun-kubeconfig-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const FIRST = `
apiVersion: v1
kind: Config
current-context: dev
clusters:
- name: dev-cluster
  cluster: { server: https://dev:6443, certificate-authority: ca.crt }
- name: shared
  cluster: { server: https://first-wins:6443 }
users:
- name: dev-user
  user: { token: abc }
contexts:
- name: dev
  context: { cluster: dev-cluster, user: dev-user, namespace: team-a }
- name: orphan
  context: { cluster: nowhere, user: dev-user }
`;

const SECOND = `
current-context: prod
clusters:
- name: shared
  cluster: { server: https://second-loses:6443 }
- name: broken
  cluster: {}
users:
- name: exec-user
  user:
    exec: { apiVersion: client.authentication.k8s.io/v1, command: aws, args: [eks, get-token] }
contexts:
- name: prod
  context: { cluster: shared, user: exec-user }
- name: dev
  context: { cluster: shared, user: exec-user }
- name: bad-cluster
  context: { cluster: broken, user: exec-user }
`;

async function file(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

const discover = (KUBECONFIG?: string) =>
  discoverClusters({
    env: KUBECONFIG === undefined ? {} : { KUBECONFIG },
    homeDir: dir,
    fs: nodeDiscoveryFs,
  });

describe('kubeconfig discovery', () => {
  it('reads ~/.kube/config without KUBECONFIG, the list with it', () => {
    expect(kubeconfigPaths({ env: {}, homeDir: '/home/me' })).toEqual(['/home/me/.kube/config']);
    expect(kubeconfigPaths({ env: { KUBECONFIG: '/a::/b:/a' }, homeDir: '/home/me' })).toEqual(['/a', '/b']);
  });

  it('merges files as kubectl does: the first that sets a name wins, current-context from the first', async () => {
    const a = await file('a.yaml', FIRST);
    const b = await file('b.yaml', SECOND);
    const specs = await discover(`${a}:${join(dir, 'missing.yaml')}:${b}`);
    const byName = new Map(specs.map((s) => [s.name, s]));
    expect(byName.get('dev')).toMatchObject({
      id: 'kube-dev',
      context: 'dev',
      server: 'https://dev:6443',
      user: 'dev-user',
      namespace: 'team-a',
      current: true,
      file: a,
    });
    expect(byName.get('dev')!.blocked).toBeUndefined();
    // A relative certificate path is read against its own file's directory.
    expect(byName.get('dev')!.entries!.cluster.caFile).toBe(join(dir, 'ca.crt'));
    expect(byName.get('prod')).toMatchObject({ server: 'https://first-wins:6443', current: false, file: b });
    expect(byName.get('prod')!.entries!.user.exec).toMatchObject({ command: 'aws' });
  });

  it('lists broken contexts with the reason and what to fix, next to the good ones', async () => {
    const a = await file('a.yaml', FIRST);
    const b = await file('b.yaml', SECOND);
    const specs = await discover(`${a}:${b}`);
    const orphan = specs.find((s) => s.name === 'orphan')!;
    expect(orphan.blocked!.reason).toContain('names the cluster "nowhere", which no kubeconfig file defines');
    expect(orphan.blocked!.hint).toContain(a);
    const bad = specs.find((s) => s.name === 'bad-cluster')!;
    expect(bad.blocked!.reason).toBe(`The cluster "broken" in ${b} has no server.`);
    expect(
      specs
        .filter((s) => !s.blocked)
        .map((s) => s.name)
        .sort(),
    ).toEqual(['dev', 'prod']);
  });

  it('a file that is not YAML, or cannot be read, is an entry of its own and hides nothing', async () => {
    const good = await file('good.yaml', FIRST);
    const garbage = await file('garbage.yaml', 'clusters: [\n  - name: x\n  oops: {');
    const locked = await file('locked.yaml', FIRST);
    await chmod(locked, 0o000);
    const specs = await discover(`${garbage}:${good}:${locked}`);
    expect(specs.some((s) => s.name === 'dev' && !s.blocked)).toBe(true);
    const broken = specs.find((s) => s.file === garbage)!;
    expect(broken).toMatchObject({ id: 'kube-file-garbage-yaml', name: 'garbage.yaml', current: false });
    expect(broken.context).toBeUndefined();
    expect(broken.blocked!.reason).toContain(`The kubeconfig ${garbage} is not valid YAML`);
    if (process.getuid?.() !== 0) {
      const unreadable = specs.find((s) => s.file === locked && !s.context)!;
      expect(unreadable.blocked!.reason).toContain('cannot be read (EACCES)');
    }
  });
});
