import { BRIDGE, hardenedDoc, hostOf, inspectDoc, workloadOf } from '../inspect-fixture';
import type { HostView, Workload } from '../workload';

/*
 * Test cases of the rules: each fires on a realistic document that has the problem, and stays quiet on
 * one that does not. Quiet cases start from hardenedDoc (every hardening the rules ask for) or show the
 * near miss. rules.test.ts runs them all.
 */

export interface Situation {
  readonly w: Workload;
  readonly host?: HostView;
}

export interface Case {
  /** What the fired finding must contain: severity and the evidence (field and a part of its value). */
  readonly fires: { name: string; make: () => Situation; severity: string; field: string; value: string }[];
  readonly quiet: { name: string; make: () => Situation }[];
}

export const alone = (w: Workload): Situation => ({ w, host: hostOf([w]) });
export const d = (overrides: Record<string, unknown> = {}): Situation =>
  alone(workloadOf(hardenedDoc(overrides)));
export const plain = (overrides: Record<string, unknown> = {}): Situation =>
  alone(workloadOf(inspectDoc(overrides)));
export const bind = (Source: string, RW: boolean, Destination = '/data', Propagation = 'rprivate') => ({
  Type: 'bind',
  Source,
  Destination,
  Mode: RW ? '' : 'ro',
  RW,
  Propagation,
});
export const volumeMount = (Name: string, Destination: string, Driver = 'local') => ({
  Type: 'volume',
  Name,
  Source: `/var/lib/docker/volumes/${Name}/_data`,
  Destination,
  Driver,
  Mode: 'z',
  RW: true,
  Propagation: '',
});
export const published = (spec: string, HostIp: string, HostPort: string) => ({
  NetworkSettings: { Ports: { [spec]: [{ HostIp, HostPort }] } },
});

/** Two containers of a host, each with one bind of `path` (the second read-only or not). */
export function sharing(
  path: string,
  secondRW: boolean,
  images: [string, string] = ['local/app:1', 'local/worker:1'],
  dest = '/data',
): Situation {
  const a = workloadOf(hardenedDoc({ Config: { Image: images[0] }, Mounts: [bind(path, true, dest)] }));
  const b = workloadOf(
    hardenedDoc({ Config: { Image: images[1] }, Mounts: [bind(`${path}/`, secondRW, dest)] }),
  );
  return { w: a, host: hostOf([a, b]) };
}

/** A workload on the default bridge with others: `projects` of the others. */
export function onBridge(projects: string[], bridge = BRIDGE, mine = ''): Situation {
  const labels = (project: string) => (project ? { 'com.docker.compose.project': project } : {});
  const w = workloadOf(inspectDoc({ Config: { Labels: labels(mine) } }));
  const others = projects.map((p) => workloadOf(inspectDoc({ Config: { Labels: labels(p) } })));
  return { w, host: hostOf([w, ...others], [bridge]) };
}

export const pod = (token: boolean | undefined): Situation =>
  alone({
    ...workloadOf(hardenedDoc()),
    platform: 'kubernetes',
    serviceAccountToken: { field: 'spec.automountServiceAccountToken', value: token },
  });
